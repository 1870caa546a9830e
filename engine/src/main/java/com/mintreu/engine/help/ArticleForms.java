package com.mintreu.engine.help;

import com.mintreu.api.helpdesk.Article;
import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.ApiException.FieldError;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Form;
import com.mintreu.engine.web.FormErrors;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The article form of {@code /seller/help} (articles about the seller's products) and
 * {@code /admin/help} (shop-wide articles): new, edit, delete. A wrong input shows the form again
 * with a 422 and the message beside the field, nothing saved; someone else's article or product is a 404.
 */
final class ArticleForms {

    private static final Map<String, String> LABELS = Map.of("productId", "Product", "categoryId", "Category", "title", "Question or title",
            "body", "Answer");

    private final HelpService help;
    private final CatalogService catalog;
    private final String base;
    private final String role;

    /** {@code role} "seller": product articles under {@code base}; "admin": shop-wide ones. */
    ArticleForms(HelpService help, CatalogService catalog, String base, String role) {
        this.help = help;
        this.catalog = catalog;
        this.base = base;
        this.role = role;
    }

    private boolean global() {
        return role.equals("admin");
    }

    void register(Router router) {
        router.get(base + "/new", x -> form(x, x.requireRole(role), 200, null, Map.of("published", "on"), Optional.empty()));
        router.post(base, x -> {
            Form f = x.form();
            Principal caller = x.requireRole(role);
            submit(x, caller, null, f);
        });
        router.get(base + "/{id}", x -> {
            Principal caller = x.requireRole(role);
            Article a = own(caller, x.pathParam("id"));
            form(x, caller, 200, a, values(a), Optional.empty());
        });
        router.post(base + "/{id}", x -> {
            Form f = x.form();
            Principal caller = x.requireRole(role);
            own(caller, x.pathParam("id"));
            submit(x, caller, x.pathParam("id"), f);
        });
        router.post(base + "/{id}/delete", x -> {
            x.form();
            Principal caller = x.requireRole(role);
            own(caller, x.pathParam("id"));
            help.delete(caller, x.pathParam("id"));
            x.redirect(base + "?notice=deleted");
        });
    }

    /** The article if it is one this side manages: the seller's product articles, the admin's shop-wide ones. */
    private Article own(Principal caller, String id) {
        Article a = help.manageable(caller, id);
        if (a.global() != global()) {
            throw ApiException.notFound("article " + id);
        }
        return a;
    }

    private void submit(Exchange x, Principal caller, String id, Form f) {
        String product = global() ? null : f.text("productId");
        ArticleInput in = new ArticleInput(product, f.text("categoryId"), f.text("title"), f.text("body"), f.get("published").isPresent());
        try {
            if (!global() && product.isBlank()) {
                throw ApiException.invalid(List.of(new FieldError("productId", "choose the product the article is about")));
            }
            Article a = id == null ? help.create(caller, in) : help.update(caller, id, in);
            x.redirect(base + "?notice=saved#" + a.id());
        } catch (ApiException e) {
            FormErrors failed = FormErrors.from(e, "article", f.values(), LABELS, Map.of()).orElseThrow(() -> e);
            form(x, caller, e.error().status(), id == null ? null : help.manageable(caller, id), failed.values(), Optional.of(failed));
        }
    }

    private void form(Exchange x, Principal caller, int status, Article article, Map<String, String> values, Optional<FormErrors> failed) {
        Map<String, Object> model = new HashMap<>(failed.map(FormErrors::model).orElse(Map.of("forms", Map.of())));
        model.put("base", base);
        model.put("global", global());
        model.put("article", article);
        model.put("values", values);
        model.put("products", global() ? List.of() : catalog.sellerProducts(caller));
        model.put("categories", help.categories());
        x.render(status, "help/article-form", model);
    }

    private static Map<String, String> values(Article a) {
        Map<String, String> v = new HashMap<>();
        v.put("productId", a.productId() == null ? "" : a.productId());
        v.put("categoryId", a.categoryId() == null ? "" : a.categoryId());
        v.put("title", a.title());
        v.put("body", a.body());
        if (a.published()) {
            v.put("published", "on");
        }
        return v;
    }
}
