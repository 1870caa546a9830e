package com.mintreu.engine.help;

import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Form;
import com.mintreu.engine.web.FormErrors;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/** {@code /admin/help}: the shop-wide articles (form in {@link ArticleForms}) and the categories. */
final class AdminHelpPages implements Routes {

    private final HelpService help;
    private final ArticleForms forms;

    @Inject
    AdminHelpPages(HelpService help, CatalogService catalog) {
        this.help = help;
        this.forms = new ArticleForms(help, catalog, "/admin/help", "admin");
    }

    @Override
    public void register(Router router) {
        router.get("/admin/help", x -> page(x, x.requireRole("admin"), 200, Optional.empty()));
        router.post("/admin/help/categories", x -> {
            Form f = x.form();
            Principal admin = x.requireRole("admin");
            try {
                int position = f.text("position").isBlank() ? 0 : parsePosition(f.text("position"));
                help.addCategory(admin, f.text("name"), position);
                x.redirect("/admin/help?notice=category-added");
            } catch (ApiException e) {
                FormErrors failed = FormErrors.from(e, "category", f.values(), Map.of("name", "Name", "position", "Position"), Map.of())
                        .orElseThrow(() -> e);
                page(x, admin, e.error().status(), Optional.of(failed));
            }
        });
        router.post("/admin/help/categories/{id}/delete", x -> {
            x.form();
            help.deleteCategory(x.requireRole("admin"), x.pathParam("id"));
            x.redirect("/admin/help?notice=category-deleted");
        });
        forms.register(router);
    }

    static int parsePosition(String text) {
        try {
            int p = Integer.parseInt(text.strip());
            if (p >= 0 && p <= 1000) {
                return p;
            }
        } catch (NumberFormatException e) {
            // the same answer as out of range
        }
        throw ApiException.invalid(java.util.List.of(new ApiException.FieldError("position", "a whole number from 0 to 1000")));
    }

    private void page(Exchange x, Principal admin, int status, Optional<FormErrors> failed) {
        Map<String, Object> model = new HashMap<>(failed.map(FormErrors::model).orElse(Map.of("forms", Map.of())));
        model.put("articles", help.globals(admin, null, HelpService.LIST_MAX));
        model.put("categories", help.categories());
        model.put("values", failed.map(FormErrors::values).orElse(Map.of()));
        model.put("notice", failed.isPresent() ? "" : Notices.of(x));
        x.render(status, "admin/help", model);
    }
}
