package com.mintreu.engine.license;

import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.catalog.Product;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * The customer's license pages: {@code /account/licenses} (every license with its expiry, grace end,
 * activations and seats) and {@code /account/licenses/{id}} (its machines and seats, removing one). License file
 * downloads from these pages are in {@code license.file}. Owner or admin; anyone else 404.
 */
final class LicensePages implements Routes {

    /**
     * A license as the account shows it. {@code expiresAt} is the effective expiry under the plan's
     * policy (null: never, or not started), {@code graceEndsAt} the end of its grace period (null
     * without an expiry or a grace period), {@code state} what validation would say now. {@code users}
     * is the seats held, {@code maxUsers} the policy's cap (null: unlimited).
     */
    public record Row(License license, String title, Long expiresAt, Long graceEndsAt, String state, int machines, int maxMachines, int users,
            Integer maxUsers) {

        /** Seats matter to the customer when the policy caps them or the app has claimed some. */
        public boolean hasSeats() {
            return maxUsers != null || users > 0;
        }
    }

    /** A machine with whether it still holds its slot. */
    public record Device(Machine machine, boolean dead) {}

    private final LicenseService licenses;
    private final MachineService machines;
    private final SeatService seats;
    private final PolicyService policies;
    private final CatalogService catalog;
    private final RemovalLimit removals;
    private final Clock clock;

    @Inject
    LicensePages(LicenseService licenses, MachineService machines, SeatService seats, PolicyService policies, CatalogService catalog,
            RemovalLimit removals, Clock clock) {
        this.licenses = licenses;
        this.machines = machines;
        this.seats = seats;
        this.policies = policies;
        this.catalog = catalog;
        this.removals = removals;
        this.clock = clock;
    }

    @Override
    public void register(Router router) {
        router.get("/account/licenses", x -> {
            Principal caller = x.requireUser();
            x.render("account/licenses", Map.of("licenses", licenses.forCustomer(caller.userId()).stream()
                    .map(l -> row(l, machines.of(l.id()).size(), seats.count(l.id()))).toList()));
        });
        router.get("/account/licenses/{id}", x -> {
            License l = licenses.visibleTo(x.requireUser(), x.pathParam("id"));
            Policy policy = policies.forLicense(l);
            long now = clock.millis();
            List<Machine> all = machines.of(l.id());
            List<Seat> held = seats.of(l.id());
            x.render("account/license", Map.of("row", row(l, all.size(), held.size()),
                    "devices", all.stream().map(m -> new Device(m, m.deadAt(now, policy))).toList(),
                    "seats", held,
                    "notice", x.query("notice").filter(n -> n.equals("deactivated") || n.equals("released")).orElse("")));
        });
        router.post("/account/licenses/{id}/machines/{machineId}/deactivate", x -> {
            Principal caller = x.requireUser();
            x.form();
            License l = licenses.visibleTo(caller, x.pathParam("id"));
            removals.acquire(RemovalLimit.Kind.DEVICE, caller.userId());
            machines.removeByOwner(caller, l, x.pathParam("machineId"));
            x.redirect("/account/licenses/" + l.id() + "?notice=deactivated");
        });
        router.post("/account/licenses/{id}/users/{seatId}/release", x -> {
            Principal caller = x.requireUser();
            x.form();
            License l = licenses.visibleTo(caller, x.pathParam("id"));
            removals.acquire(RemovalLimit.Kind.SEAT, caller.userId());
            seats.removeByOwnerById(caller, l, x.pathParam("seatId"));
            x.redirect("/account/licenses/" + l.id() + "?notice=released");
        });
    }

    private Row row(License l, int machineCount, int seatCount) {
        Policy policy = policies.forLicense(l);
        long now = clock.millis();
        Long expires = Validator.expiresAt(l, policy);
        Long graceEnds = expires == null || policy.graceSeconds() == 0 ? null : expires + policy.graceSeconds() * 1000;
        String title = Optional.ofNullable(l.productId()).flatMap(catalog::product).map(Product::title).orElse(l.productId());
        return new Row(l, title, expires, graceEnds, state(Validator.licenseChecks(l, policy, now, Optional.empty()).code()), machineCount,
                policy.machineLimit(), seatCount, policy.maxUsers());
    }

    // the license-level answer in words; MAINTAIN without a version reads as expired, which it is for new releases
    private static String state(ValidationCode code) {
        return switch (code) {
            case VALID -> "valid";
            case IN_GRACE -> "in grace period";
            case EXPIRED -> "expired";
            case OVERDUE -> "check-in overdue";
            case SUSPENDED -> "suspended";
            case REVOKED -> "revoked";
            default -> code.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
