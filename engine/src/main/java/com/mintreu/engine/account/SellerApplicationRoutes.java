package com.mintreu.engine.account;

import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Page;
import static com.mintreu.engine.account.AccountHttp.required;

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

/** Seller applications: the applicant's API and page, and the admin's review queue. */
final class SellerApplicationRoutes implements Routes {

    record ApplyBody(String businessName, String description) {}

    record RejectBody(String reason) {}

    private final SellerApplicationService applications;

    @Inject
    SellerApplicationRoutes(SellerApplicationService applications) {
        this.applications = applications;
    }

    @Override
    public void register(Router router) {
        router.post("/api/v1/seller-applications", this::apply);
        router.get("/api/v1/seller-applications/mine", this::mine);
        router.get("/api/v1/admin/seller-applications", this::queue);
        router.post("/api/v1/admin/seller-applications/{id}/approve", this::approve);
        router.post("/api/v1/admin/seller-applications/{id}/reject", this::reject);
        router.get("/account/seller-application", x -> applicantPage(x, 200, Map.of()));
        router.post("/account/seller-application", this::applyFromPage);
        router.get("/admin/seller-applications", x -> adminPage(x, 200, Map.of()));
        router.post("/admin/seller-applications/{id}/approve", this::approveFromPage);
        router.post("/admin/seller-applications/{id}/reject", this::rejectFromPage);
    }

    private void apply(Exchange x) throws Exception {
        Principal p = x.requireUser();
        ApplyBody body = x.bodyJson(ApplyBody.class);
        SellerApplication a = applications.apply(p.userId(), body.businessName(), body.description());
        x.json(201, AccountHttp.application(a, false));
    }

    private void mine(Exchange x) throws Exception {
        Principal p = x.requireUser();
        x.json(200, Page.ofAll(applications.mine(p.userId()), PageRequest.of(x), SellerApplication::id).map(a -> AccountHttp.application(a, false)));
    }

    private void queue(Exchange x) throws Exception {
        x.requireRole(Roles.ADMIN);
        Page<SellerApplication> page = applications.byStatus(x.query("status").orElse(SellerApplication.PENDING), PageRequest.of(x));
        x.json(200, page.map(a -> AccountHttp.application(a, true)));
    }

    private void approve(Exchange x) throws Exception {
        Principal admin = x.requireRole(Roles.ADMIN);
        AccountHttp.emptyBody(x);
        x.json(200, AccountHttp.application(applications.approve(admin, x.pathParam("id")), true));
    }

    private void reject(Exchange x) throws Exception {
        Principal admin = x.requireRole(Roles.ADMIN);
        RejectBody body = x.bodyJson(RejectBody.class);
        x.json(200, AccountHttp.application(applications.reject(admin, x.pathParam("id"), required("reason", body.reason())), true));
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
        List<Map<String, Object>> mine = applications.mine(p.userId()).stream().map(SellerApplicationRoutes::view).toList();
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
        model.put("applications", applications.byStatus(SellerApplication.PENDING).stream().map(SellerApplicationRoutes::view).toList());
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
