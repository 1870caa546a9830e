package com.mintreu.engine.account;

import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Form;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/** Seller applications as pages: the applicant's form and the admin's review queue. */
final class SellerApplicationPages implements Routes {

    private final SellerApplicationService applications;

    @Inject
    SellerApplicationPages(SellerApplicationService applications) {
        this.applications = applications;
    }

    @Override
    public void register(Router router) {
        router.get("/account/seller-application", x -> applicantPage(x, 200, Map.of()));
        router.post("/account/seller-application", this::applyFromPage);
        router.get("/admin/seller-applications", x -> adminPage(x, 200, Map.of()));
        router.post("/admin/seller-applications/{id}/approve", this::approveFromPage);
        router.post("/admin/seller-applications/{id}/reject", this::rejectFromPage);
    }

    private void applyFromPage(Exchange x) throws Exception {
        Principal p = x.requireUser();
        Form form = x.form();
        try {
            applications.apply(p.userId(), form.text("businessName"), form.text("description"));
            x.redirect("/account/seller-application?sent=1");
        } catch (ApiException e) {
            Pages.formErrorOrThrow(e);
            applicantPage(x, 422, Map.of("errors", Pages.errors(e),
                    "values", Map.of("businessName", form.text("businessName"), "description", form.text("description"))));
        }
    }

    private void approveFromPage(Exchange x) throws Exception {
        Principal admin = x.requireRole(Roles.ADMIN);
        x.form();
        try {
            applications.approve(admin, x.pathParam("id"));
            x.redirect("/admin/seller-applications?done=approved");
        } catch (ApiException e) {
            Pages.formErrorOrThrow(e);
            adminPage(x, 409, Map.of("errors", Pages.errors(e)));
        }
    }

    private void rejectFromPage(Exchange x) throws Exception {
        Principal admin = x.requireRole(Roles.ADMIN);
        Form form = x.form();
        try {
            applications.reject(admin, x.pathParam("id"), form.text("reason"));
            x.redirect("/admin/seller-applications?done=rejected");
        } catch (ApiException e) {
            Pages.formErrorOrThrow(e);
            adminPage(x, 422, Map.of("errors", Pages.errors(e), "failedId", x.pathParam("id"), "values", Map.of("reason", form.text("reason"))));
        }
    }

    private void applicantPage(Exchange x, int status, Map<String, Object> extra) {
        Principal p = x.requireUser();
        Map<String, Object> model = new LinkedHashMap<>(extra);
        List<Map<String, Object>> mine = applications.mine(p.userId()).stream().map(SellerApplicationPages::view).toList();
        model.put("applications", mine);
        model.put("hasOpen", mine.stream().anyMatch(a -> SellerApplication.PENDING.equals(a.get("status"))));
        model.put("isSeller", p.has(Roles.SELLER));
        model.put("sent", x.query("sent").isPresent());
        model.putIfAbsent("values", Map.of());
        x.render(status, "seller-application", model);
    }

    private void adminPage(Exchange x, int status, Map<String, Object> extra) {
        x.requireRole(Roles.ADMIN);
        Map<String, Object> model = new LinkedHashMap<>(extra);
        model.put("applications", applications.byStatus(SellerApplication.PENDING).stream().map(SellerApplicationPages::view).toList());
        model.put("done", x.query("done").filter(d -> d.equals("approved") || d.equals("rejected")).orElse(""));
        model.putIfAbsent("values", Map.of());
        x.render(status, "admin-seller-applications", model);
    }

    private static Map<String, Object> view(SellerApplication a) {
        Map<String, Object> out = new LinkedHashMap<>(AccountHttp.application(a, true));
        out.put("created", Pages.when(a.createdAt()));
        out.put("decided", Pages.when(a.decidedAt()));
        return out;
    }
}
