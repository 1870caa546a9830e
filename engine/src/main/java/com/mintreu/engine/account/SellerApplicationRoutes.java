package com.mintreu.engine.account;

import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Page;
import static com.mintreu.engine.account.AccountHttp.required;

import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import javax.inject.Inject;

/**
 * Seller applications as JSON: applying, the applicant's own, and the admin's review queue. The
 * pages are {@link SellerApplicationPages}.
 */
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
}
