package com.mintreu.engine.catalog;

import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Form;
import com.mintreu.engine.web.FormErrors;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/** The admin's review of products: lists by status, approve, reject with a reason (kept on the form when it is missing). */
final class ReviewPages implements Routes {

    private static final List<String> STATUSES = List.of("in_review", "published", "rejected", "draft");

    private final CatalogService catalog;

    @Inject
    ReviewPages(CatalogService catalog) {
        this.catalog = catalog;
    }

    @Override
    public void register(Router router) {
        router.get("/admin/products", x -> {
            x.requireRole("admin");
            String notice = switch (x.query("notice").orElse("")) {
                case "approved" -> "The product was approved and is now in the shop.";
                case "rejected" -> "The product was rejected; the seller sees your reason.";
                default -> "";
            };
            page(x, 200, Optional.empty(), notice);
        });
        router.post("/admin/products/{id}/approve", x -> {
            Principal admin = x.requireRole("admin");
            x.form();
            try {
                catalog.approve(admin, x.pathParam("id"));
                x.redirect("/admin/products?status=in_review&notice=approved");
            } catch (ApiException e) {
                page(x, e.error().status(), Optional.of(FormErrors.from(e, "review-" + x.pathParam("id"), Map.of(), Map.of(), Map.of())
                        .orElseThrow(() -> e)), "");
            }
        });
        router.post("/admin/products/{id}/reject", x -> {
            Principal admin = x.requireRole("admin");
            Form f = x.form();
            try {
                catalog.reject(admin, x.pathParam("id"), f.text("reason"));
                x.redirect("/admin/products?status=in_review&notice=rejected");
            } catch (ApiException e) {
                page(x, e.error().status(), Optional.of(FormErrors.from(e, "review-" + x.pathParam("id"), f.values(),
                        Map.of("reason", "Reason for rejecting"), Map.of()).orElseThrow(() -> e)), "");
            }
        });
    }

    private void page(Exchange x, int code, Optional<FormErrors> failed, String notice) {
        ProductStatus status = failed.isPresent() ? ProductStatus.IN_REVIEW : CatalogRoutes.status(x);
        Map<String, Object> model = new HashMap<>(failed.map(FormErrors::model).orElse(Map.of()));
        model.put("products", catalog.byStatus(status));
        model.put("status", status.id());
        model.put("statuses", STATUSES);
        model.put("notice", notice);
        x.render(code, "admin/products", model);
    }
}
