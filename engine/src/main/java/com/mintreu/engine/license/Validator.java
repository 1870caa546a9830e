package com.mintreu.engine.license;

import com.mintreu.engine.catalog.Release;
import java.util.List;
import java.util.Optional;

/**
 * The validation rules, pure: a license, its policy, its machines and seats, and the request's scope
 * in, one outcome out. The checks run in the order of {@code license/README.md}; the first failing check
 * decides. IN_GRACE and EXPIRED-under-allow are flags, not failures: later checks still run, and
 * only when all pass is the flag the answer (valid: true).
 */
final class Validator {

    /** What validation concluded; {@code expiresAt} is the effective expiry (null: never, or not started). */
    record Outcome(boolean valid, ValidationCode code, String detail, Long expiresAt) {
        static Outcome fail(ValidationCode code, String detail, Long expiresAt) {
            return new Outcome(false, code, detail, expiresAt);
        }
    }

    private Validator() {}

    /**
     * The effective expiry: the policy's duration counted from its basis, or, without a duration,
     * the expiry fixed at issue. Null while the basis has not happened (a first-activation license
     * that was never activated does not run out). Renewals and extensions add {@code extendedMs}.
     */
    static Long expiresAt(License l, Policy p) {
        if (p.durationSeconds() == null) {
            return l.expiresAt() == null ? null : l.expiresAt() + l.extendedMs();
        }
        Long basis = switch (p.expiryBasis()) {
            case PURCHASE -> l.createdAt();
            case FIRST_ACTIVATION -> l.firstActivatedAt();
            case FIRST_VALIDATION -> l.firstValidatedAt();
        };
        return basis == null ? null : basis + p.durationSeconds() * 1000 + l.extendedMs();
    }

    /** Checks 3-6: those about the license alone, which activation and heartbeats need too. */
    static Outcome licenseChecks(License l, Policy p, long now, Optional<Release> release) {
        Long expires = expiresAt(l, p);
        switch (l.status()) {
            case REVOKED -> {
                return Outcome.fail(ValidationCode.REVOKED, "the license was revoked", expires);
            }
            case SUSPENDED -> {
                return Outcome.fail(ValidationCode.SUSPENDED, "the license is suspended", expires);
            }
            case ACTIVE -> { }
        }
        ValidationCode flag = ValidationCode.VALID;
        String detail = "the license is valid";
        if (expires != null && now >= expires) {
            if (now < expires + p.graceSeconds() * 1000) {
                flag = ValidationCode.IN_GRACE;
                detail = "the license expired and is in its grace period";
            } else {
                switch (p.expiryStrategy()) {
                    case RESTRICT -> {
                        return Outcome.fail(ValidationCode.EXPIRED, "the license expired", expires);
                    }
                    case ALLOW -> {
                        flag = ValidationCode.EXPIRED;
                        detail = "the license expired; its policy still allows use";
                    }
                    case MAINTAIN -> {
                        if (release.isEmpty() || release.get().createdAt() >= expires) {
                            return Outcome.fail(ValidationCode.EXPIRED, "the license expired; only versions released before "
                                    + "its expiry stay valid (send scope.version)", expires);
                        }
                        detail = "the license expired; this version was released before its expiry";
                    }
                }
            }
        }
        if (p.checkInSeconds() != null) {
            long last = l.lastCheckInAt() == null ? l.createdAt() : l.lastCheckInAt();
            if (now - last > p.checkInSeconds() * 1000) {
                return Outcome.fail(ValidationCode.OVERDUE, "the license missed its check-in", expires);
            }
        }
        return new Outcome(true, flag, detail, expires);
    }

    /** Every check, in order; {@code machines} are the license's machines now, {@code seats} its seats tallied for {@code scope.user()}. */
    static Outcome validate(License l, Policy p, long now, ClientRequest scope, Optional<Release> release, List<Machine> machines,
            Seat.Tally seats) {
        Outcome base = licenseChecks(l, p, now, release);
        if (!base.valid()) {
            return base;
        }
        Long expires = base.expiresAt();
        if (scope.product() != null && !scope.product().equals(l.productId())) {
            return Outcome.fail(ValidationCode.PRODUCT_SCOPE_MISMATCH, "the license is for another product", expires);
        }
        if (scope.version() != null && release.isEmpty()) {
            return Outcome.fail(ValidationCode.VERSION_SCOPE_MISMATCH, "the product has no release " + scope.version(), expires);
        }
        List<String> missing = scope.entitlements().stream().filter(e -> !p.entitlements().contains(e)).toList();
        if (!missing.isEmpty()) {
            return Outcome.fail(ValidationCode.ENTITLEMENTS_MISSING, "the license lacks " + String.join(", ", missing.stream().limit(5).toList())
                    + (missing.size() > 5 ? " and " + (missing.size() - 5) + " more" : ""), expires);
        }
        if (scope.fingerprint() == null && p.requireFingerprint()) {
            return Outcome.fail(ValidationCode.FINGERPRINT_SCOPE_REQUIRED, "this license must be validated with scope.fingerprint", expires);
        }
        if (scope.fingerprint() != null) {
            if (machines.isEmpty()) {
                return p.floating() ? Outcome.fail(ValidationCode.NO_MACHINES, "the license has no machines; activate this one", expires)
                        : Outcome.fail(ValidationCode.NO_MACHINE, "the license is not activated; activate this machine", expires);
            }
            Optional<Machine> mine = machines.stream().filter(m -> m.fingerprint().equals(scope.fingerprint())).findFirst();
            if (mine.isEmpty()) {
                return Outcome.fail(ValidationCode.FINGERPRINT_SCOPE_MISMATCH, "this machine is not activated on the license", expires);
            }
            if (mine.get().deadAt(now, p)) {
                return Outcome.fail(ValidationCode.HEARTBEAT_DEAD, "this machine missed its heartbeat; activate it again", expires);
            }
        }
        if (machines.size() > p.machineLimit()) {
            return Outcome.fail(ValidationCode.TOO_MANY_MACHINES, "the license has " + machines.size() + " machines; its policy allows "
                    + p.machineLimit(), expires);
        }
        // seats (README steps 12-14): scope.user, when sent, must hold a seat whatever the policy, like a fingerprint
        if (scope.user() == null && p.maxUsers() != null) {
            return Outcome.fail(ValidationCode.USER_SCOPE_REQUIRED, "this license has seats; validate with scope.user", expires);
        }
        if (scope.user() != null && !seats.userSeated()) {
            return Outcome.fail(ValidationCode.USER_SCOPE_MISMATCH, "this user holds no seat on the license; add the user first", expires);
        }
        if (p.maxUsers() != null && seats.held() > p.maxUsers()) {
            return Outcome.fail(ValidationCode.TOO_MANY_USERS, "the license has " + seats.held() + " users; its policy allows "
                    + p.maxUsers(), expires);
        }
        return base;
    }
}
