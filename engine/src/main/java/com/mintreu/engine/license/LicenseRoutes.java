package com.mintreu.engine.license;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.Map;
import javax.inject.Inject;

/** License validation for license clients, the customer's licenses, and an admin's suspend/reinstate. */
final class LicenseRoutes implements Routes {

    private final LicenseService licenses;

    @Inject
    LicenseRoutes(LicenseService licenses) {
        this.licenses = licenses;
    }

    /** The JSON shape of a license for its owner (or an admin). */
    record LicenseView(String id, String entitlementId, String productId, String scheme, String key, String status, Long expiresAt,
            long createdAt) {
        static LicenseView of(License l) {
            return new LicenseView(l.id(), l.entitlementId(), l.productId(), l.scheme(), l.key(), l.status().id(), l.expiresAt(), l.createdAt());
        }
    }

    @Override
    public void register(Router router) {
        // Anonymous: license clients call it. Content type and JSON syntax are checked like any API
        // body (4xx); anything else that is not a string "key" is simply not a valid key (200).
        router.post("/api/v1/licenses/validate", x -> {
            JsonNode body = x.bodyJson(JsonNode.class);
            JsonNode key = body.path("key");
            x.json(200, licenses.validate(key.isTextual() ? key.asText() : null));
        });
        router.get("/api/v1/licenses", x -> x.json(200, Map.of("data",
                licenses.forCustomer(x.requireUser().userId()).stream().map(LicenseView::of).toList())));
        router.get("/api/v1/licenses/{id}", x -> x.json(200, LicenseView.of(licenses.visibleTo(x.requireUser(), x.pathParam("id")))));
        router.post("/api/v1/admin/licenses/{id}/suspend", x -> {
            Principal admin = x.requireRole("admin");
            x.json(200, LicenseView.of(licenses.setSuspended(admin, x.pathParam("id"), true)));
        });
        router.post("/api/v1/admin/licenses/{id}/reinstate", x -> {
            Principal admin = x.requireRole("admin");
            x.json(200, LicenseView.of(licenses.setSuspended(admin, x.pathParam("id"), false)));
        });
    }
}
