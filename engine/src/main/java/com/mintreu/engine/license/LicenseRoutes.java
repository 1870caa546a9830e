package com.mintreu.engine.license;

import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Page;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.List;
import javax.inject.Inject;

/** The customer's licenses, their machines and seats, and an admin's suspend/reinstate. License clients: {@link LicenseClientRoutes}. */
final class LicenseRoutes implements Routes {

    private final LicenseService licenses;
    private final LicenseLifecycle lifecycle;
    private final MachineService machines;
    private final SeatService seats;
    private final RemovalLimit removals;

    @Inject
    LicenseRoutes(LicenseService licenses, LicenseLifecycle lifecycle, MachineService machines, SeatService seats, RemovalLimit removals) {
        this.licenses = licenses;
        this.lifecycle = lifecycle;
        this.machines = machines;
        this.seats = seats;
        this.removals = removals;
    }

    /** The JSON shape of a license for its owner (or an admin); {@code machines} and {@code users} only on the single view. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LicenseView(String id, String entitlementId, String productId, String scheme, String key, String status, Long expiresAt,
            long createdAt, List<ClientAnswer.MachineView> machines, List<ClientAnswer.SeatView> users) {
        static LicenseView of(License l) {
            return of(l, null, null);
        }

        static LicenseView of(License l, List<Machine> machines, List<Seat> seats) {
            return new LicenseView(l.id(), l.entitlementId(), l.productId(), l.scheme(), l.key(), l.status().id(), l.expiresAt(), l.createdAt(),
                    machines == null ? null : machines.stream().map(ClientAnswer.MachineView::of).toList(),
                    seats == null ? null : seats.stream().map(ClientAnswer.SeatView::of).toList());
        }
    }

    @Override
    public void register(Router router) {
        router.get("/api/v1/licenses", x -> x.json(200, licenses.forCustomer(x.requireUser().userId(), PageRequest.of(x)).map(LicenseView::of)));
        router.get("/api/v1/licenses/{id}", x -> {
            License l = licenses.visibleTo(x.requireUser(), x.pathParam("id"));
            x.json(200, LicenseView.of(l, machines.of(l.id()), seats.of(l.id())));
        });
        router.delete("/api/v1/licenses/{id}/machines/{machineId}", x -> {
            Principal caller = x.requireUser();
            License l = licenses.visibleTo(caller, x.pathParam("id"));
            // the account page's bucket: the API must not be a way around its limit
            removals.acquire(RemovalLimit.Kind.DEVICE, caller.userId());
            machines.removeByOwner(caller, l, x.pathParam("machineId"));
            x.noContent();
        });
        router.get("/api/v1/licenses/{id}/users", x -> {
            License l = licenses.visibleTo(x.requireUser(), x.pathParam("id"));
            x.json(200, Page.ofAll(seats.of(l.id()).stream().map(ClientAnswer.SeatView::of).toList(), PageRequest.of(x), ClientAnswer.SeatView::id));
        });
        // {user}: the name as the license client sent it, URL-encoded, in any letter case. Undertow decodes
        // the path but leaves an encoded slash (%2F) encoded, so a name like "team/ann" arrives that way.
        router.delete("/api/v1/licenses/{id}/users/{user}", x -> {
            Principal caller = x.requireUser();
            String user = x.pathParam("user").replace("%2F", "/").replace("%2f", "/");
            License l = licenses.visibleTo(caller, x.pathParam("id"));
            removals.acquire(RemovalLimit.Kind.SEAT, caller.userId());
            seats.removeByOwner(caller, l, user);
            x.noContent();
        });
        router.post("/api/v1/admin/licenses/{id}/suspend", x -> {
            Principal admin = x.requireRole("admin");
            x.json(200, LicenseView.of(lifecycle.suspend(admin, x.pathParam("id"))));
        });
        router.post("/api/v1/admin/licenses/{id}/reinstate", x -> {
            Principal admin = x.requireRole("admin");
            x.json(200, LicenseView.of(lifecycle.reinstate(admin, x.pathParam("id"))));
        });
    }
}
