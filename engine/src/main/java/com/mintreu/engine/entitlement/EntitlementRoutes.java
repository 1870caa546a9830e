package com.mintreu.engine.entitlement;

import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Page;
import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.order.Order;
import com.mintreu.engine.order.OrderPageSection;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/** The customer's entitlements, receipts again, and an admin's revocation, as JSON (the pages are EntitlementPages). */
final class EntitlementRoutes implements Routes {

    private final EntitlementService entitlements;
    private final Receipts receipts;

    @Inject
    EntitlementRoutes(EntitlementService entitlements, Receipts receipts) {
        this.entitlements = entitlements;
        this.receipts = receipts;
    }

    @Override
    public void register(Router router) {
        router.get("/api/v1/entitlements", x -> x.json(200, entitlements.forCustomer(x.requireUser(), PageRequest.of(x))));
        router.get("/api/v1/entitlements/{id}", x -> x.json(200, entitlements.visibleTo(x.requireUser(), x.pathParam("id"))));
        router.get("/api/v1/orders/{id}/entitlements", x -> x.json(200, Page.ofAll(entitlements.forOrder(x.requireUser(), x.pathParam("id")), PageRequest.of(x), EntitlementView::id)));
        router.post("/api/v1/orders/{id}/receipt", x -> {
            receipts.resend(x.requireUser(), x.pathParam("id"));
            x.json(202, Map.of("sent", true));
        });
        router.post("/api/v1/admin/entitlements/{id}/revoke", x -> {
            Principal admin = x.requireRole("admin");
            JsonNode body = x.bodyJson(JsonNode.class);
            String reason = body.path("reason").isTextual() && !body.path("reason").asText().isBlank() ? body.path("reason").asText() : "admin";
            x.json(200, entitlements.revoke(admin, x.pathParam("id"), reason.length() > 200 ? reason.substring(0, 200) : reason));
        });
    }
}
