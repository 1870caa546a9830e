package com.mintreu.engine.affiliate;

import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.Map;
import javax.inject.Inject;

/**
 * The admin's affiliates page {@code /admin/affiliates}: every affiliate, the pending ones first
 * (with {@code affiliates.requireApproval}), each approved with one press; approvals are audited.
 */
final class AdminAffiliatePages implements Routes {

    private final AffiliateStore store;
    private final AuditLog audit;

    @Inject
    AdminAffiliatePages(AffiliateStore store, AuditLog audit) {
        this.store = store;
        this.audit = audit;
    }

    @Override
    public void register(Router router) {
        router.get("/admin/affiliates", x -> {
            x.requireRole("admin");
            x.render("admin/affiliates", Map.of("affiliates", store.list(500)));
        });
        router.post("/admin/affiliates/{id}/approve", x -> {
            x.form();
            Principal admin = x.requireRole("admin");
            String id = x.pathParam("id");
            boolean approved = store.jdbi().inTransaction(h -> {
                if (!store.approve(h, id)) {
                    return false;
                }
                audit.record(h, AuditLog.Actor.of(admin, "admin"), "affiliate.approve", "affiliate", id, Map.of());
                return true;
            });
            if (!approved && store.byId(id).isEmpty()) {
                throw ApiException.notFound("affiliate " + id);
            }
            x.redirect("/admin/affiliates"); // approved now, or before: either way it is active
        });
    }
}
