package com.mintreu.engine.help;

import com.mintreu.api.helpdesk.Article;
import com.mintreu.api.helpdesk.ArticleCategory;
import com.mintreu.api.helpdesk.ArticleHit;
import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.catalog.Product;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * The customers' help pages: {@code /help} (search box, categories with the shop-wide articles),
 * {@code /help/search} (hits with excerpts), {@code /help/articles/{id}} and the JSON
 * {@code /help/suggest} that the small progressive-enhancement script asks while someone types.
 * Everything works without JavaScript.
 */
final class HelpPages implements Routes {

    /** Shown under a category: articles without one. */
    record Section(String id, String name, List<Article> articles) {}

    /** A search hit with where it leads and the product it is about (null for shop-wide). */
    record Result(ArticleHit hit, String url, Product product) {}

    private final HelpService help;
    private final CatalogService catalog;

    @Inject
    HelpPages(HelpService help, CatalogService catalog) {
        this.help = help;
        this.catalog = catalog;
    }

    static String articlePath(String id) {
        return "/help/articles/" + id;
    }

    @Override
    public void register(Router router) {
        router.get("/help", x -> x.render("help/index", Map.of("sections", sections(), "q", "")));
        router.get("/help/search", x -> {
            String q = x.query("q").orElse("").strip();
            Optional<Product> product = x.query("product").filter(p -> !p.isBlank()).flatMap(catalog::product).filter(Product::isPublished);
            Map<String, Object> model = new HashMap<>();
            model.put("q", q);
            model.put("product", product.orElse(null));
            model.put("results", results(q, product.map(Product::id).orElse(null)));
            x.render("help/search", model);
        });
        router.get("/help/articles/{id}", x -> {
            Article a = help.readable(x.pathParam("id"), x.principal()).orElseThrow(() -> ApiException.notFound("article"));
            Map<String, Object> model = new HashMap<>();
            model.put("article", a);
            model.put("html", help.html(a));
            model.put("product", help.productOf(a).orElse(null));
            model.put("category", help.categories().stream().filter(c -> c.id().equals(a.categoryId())).findFirst().orElse(null));
            x.render("help/article", model);
        });
        router.get("/help/suggest", x -> {
            String q = x.query("q").orElse("");
            List<Map<String, Object>> hits = new ArrayList<>();
            for (ArticleHit h : help.search(q, x.query("product").orElse(null), 5)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("title", h.title());
                m.put("url", articlePath(h.articleId()));
                m.put("excerpt", h.excerpt());
                hits.add(m);
            }
            x.json(200, Map.of("data", hits));
        });
    }

    private List<Result> results(String q, String productId) {
        List<Result> out = new ArrayList<>();
        for (ArticleHit h : help.search(q, productId, 50)) {
            out.add(new Result(h, articlePath(h.articleId()), h.productId() == null ? null : catalog.product(h.productId()).orElse(null)));
        }
        return out;
    }

    /** The shop-wide articles under their categories, in the categories' order; those without one last. */
    private List<Section> sections() {
        List<Article> all = help.publishedGlobal(null, null, HelpService.LIST_MAX);
        List<Section> out = new ArrayList<>();
        for (ArticleCategory c : help.categories()) {
            List<Article> in = all.stream().filter(a -> c.id().equals(a.categoryId())).toList();
            if (!in.isEmpty()) {
                out.add(new Section(c.id(), c.name(), in));
            }
        }
        List<Article> rest = all.stream().filter(a -> out.stream().noneMatch(s -> s.id().equals(a.categoryId()))).toList();
        if (!rest.isEmpty()) {
            out.add(new Section("", out.isEmpty() ? "Articles" : "More articles", rest));
        }
        return out;
    }
}
