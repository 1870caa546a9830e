package com.mintreu.engine.license;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/** The customer's licenses and their machines, and an admin's suspend/reinstate. License clients: {@link LicenseClientRoutes}. */
final class LicenseRoutes implements Routes {

    private final LicenseService licenses;
    private final MachineService machines;
    private final DeviceRemovalLimit removals;

    @Inject
    LicenseRoutes(LicenseService licenses, MachineService machines, DeviceRemovalLimit removals) {
        this.licenses = licenses;
        this.machines = machines;
        this.removals = removals;
    }

    /** The JSON shape of a license for its owner (or an admin); {@code machines} only on the single view. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LicenseView(String id, String entitlementId, String productId, String scheme, String key, String status, Long expiresAt,
            long createdAt, List<ClientAnswer.MachineView> machines) {
        static LicenseView of(License l) {
            return of(l, null);
        }

        static LicenseView of(License l, List<Machine> machines) {
            return new LicenseView(l.id(), l.entitlementId(), l.productId(), l.scheme(), l.key(), l.status().id(), l.expiresAt(), l.createdAt(),
                    machines == null ? null : machines.stream().map(ClientAnswer.MachineView::of).toList());
        }
    }

    @Override
    public void register(Router router) {
        router.get("/api/v1/licenses", x -> x.json(200, Map.of("data",
                licenses.forCustomer(x.requireUser().userId()).stream().map(LicenseView::of).toList())));
        router.get("/api/v1/licenses/{id}", x -> {
            License l = licenses.visibleTo(x.requireUser(), x.pathParam("id"));
            x.json(200, LicenseView.of(l, machines.of(l.id())));
        });
        router.delete("/api/v1/licenses/{id}/machines/{machineId}", x -> {
            Principal caller = x.requireUser();
            License l = licenses.visibleTo(caller, x.pathParam("id"));
            // the account page's bucket: the API must not be a way around its limit
            removals.acquire(caller.userId());
            machines.removeByOwner(caller, l, x.pathParam("machineId"));
            x.noContent();
        });
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
