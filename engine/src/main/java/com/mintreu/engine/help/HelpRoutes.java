package com.mintreu.engine.help;

import com.mintreu.api.helpdesk.Article;
import com.mintreu.api.helpdesk.ArticleCategory;
import com.mintreu.api.helpdesk.ArticleHit;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Cursor;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import com.mintreu.engine.web.Timestamps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/**
 * Help articles as JSON: anyone reads and searches the published ones; a seller writes articles
 * about their own products, the admin the shop-wide ones and the categories.
 */
final class HelpRoutes implements Routes {

    /** What a writer sends; a missing {@code published} is true. */
    record Body(String productId, String categoryId, String title, String body, Boolean published) {

        ArticleInput input() {
            return new ArticleInput(productId, categoryId, title, body, published == null || published);
        }
    }

    /** A new category. */
    record NewCategory(String name, Integer position) {}

    private final HelpService help;

    @Inject
    HelpRoutes(HelpService help) {
        this.help = help;
    }

    @Override
    public void register(Router router) {
        router.get("/api/v1/help/articles", x -> {
            PageRequest req = PageRequest.of(x);
            String q = x.query("q").orElse("");
            String product = x.query("product").orElse(null);
            if (!q.isBlank()) {
                // ranked hits: one page, best first
                List<Map<String, Object>> hits = help.search(q, product, req.limit()).stream().map(HelpRoutes::hit).toList();
                x.json(200, new Page<>(hits, null));
                return;
            }
            List<Article> rows = help.published(product, x.query("category").orElse(null), after(req), req.limit() + 1);
            x.json(200, Page.of(rows, req, HelpRoutes::cursor).map(a -> view(a, help)));
        });
        router.get("/api/v1/help/articles/{id}", x -> {
            Article a = help.readable(x.pathParam("id"), x.principal()).orElseThrow(() -> ApiException.notFound("article " + x.pathParam("id")));
            x.json(200, view(a, help));
        });
        router.get("/api/v1/help/categories", x -> {
            PageRequest req = PageRequest.of(x);
            x.json(200, Page.ofAll(help.categories(), req, ArticleCategory::id).map(HelpRoutes::category));
        });
        router.get("/api/v1/seller/help/articles", x -> {
            Principal seller = x.requireRole("seller");
            PageRequest req = PageRequest.of(x);
            x.json(200, Page.of(help.ofSeller(seller, after(req), req.limit() + 1), req, HelpRoutes::cursor).map(a -> view(a, help)));
        });
        router.post("/api/v1/help/articles", x -> {
            Principal caller = x.requireRole("seller");
            x.json(201, view(help.create(caller, body(x.bodyJson(Body.class))), help));
        });
        router.put("/api/v1/help/articles/{id}", x -> {
            Principal caller = x.requireRole("seller");
            ArticleInput body = body(x.bodyJson(Body.class));
            x.json(200, view(help.update(caller, x.pathParam("id"), body), help));
        });
        router.delete("/api/v1/help/articles/{id}", x -> {
            help.delete(x.requireRole("seller"), x.pathParam("id"));
            x.noContent();
        });
        router.post("/api/v1/admin/help/categories", x -> {
            Principal admin = x.requireRole("admin");
            NewCategory c = x.bodyJson(NewCategory.class);
            if (c == null) {
                c = new NewCategory(null, null);
            }
            int position = c.position() == null ? 0 : c.position();
            if (position < 0 || position > 1000) {
                throw ApiException.invalid(List.of(new ApiException.FieldError("position", "a whole number from 0 to 1000")));
            }
            x.json(201, category(help.addCategory(admin, c.name(), position)));
        });
        router.delete("/api/v1/admin/help/categories/{id}", x -> {
            help.deleteCategory(x.requireRole("admin"), x.pathParam("id"));
            x.noContent();
        });
    }

    private static ArticleInput body(Body b) {
        return (b == null ? new Body(null, null, null, null, null) : b).input();
    }

    private static String after(PageRequest req) {
        return req.cursor() == null ? null : req.cursor().id();
    }

    private static Cursor cursor(Article a) {
        return new Cursor("a", a.id()); // ids sort by creation: the id alone is the key
    }

    static Map<String, Object> view(Article a, HelpService help) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("productId", a.productId());
        m.put("categoryId", a.categoryId());
        m.put("title", a.title());
        m.put("body", a.body());
        m.put("html", help.html(a));
        m.put("published", a.published());
        m.put("url", HelpPages.articlePath(a.id()));
        m.put("createdAt", Timestamps.iso(a.createdAt().toEpochMilli()));
        m.put("updatedAt", Timestamps.iso(a.updatedAt().toEpochMilli()));
        return m;
    }

    static Map<String, Object> hit(ArticleHit h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", h.articleId());
        m.put("productId", h.productId());
        m.put("title", h.title());
        m.put("excerpt", h.excerpt());
        m.put("score", h.score());
        m.put("url", HelpPages.articlePath(h.articleId()));
        return m;
    }

    static Map<String, Object> category(ArticleCategory c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("name", c.name());
        m.put("position", c.position());
        return m;
    }
}
