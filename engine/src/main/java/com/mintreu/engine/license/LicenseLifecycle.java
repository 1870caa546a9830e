package com.mintreu.engine.license;

import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.audit.AuditLog.Actor;
import com.mintreu.api.license.LicenseScheme;
import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.catalog.Plan;
import com.mintreu.engine.catalog.Product;
import com.mintreu.engine.entitlement.Entitlement;
import com.mintreu.engine.entitlement.EntitlementService;
import com.mintreu.engine.plugin.PluginHost;
import com.mintreu.engine.web.CommonError;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Principal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;

/**
 * What a seller (for licenses of their products) or an admin does to a license: suspend,
 * reinstate, revoke (terminal), renew, extend, transfer. Each action locks the license row, checks
 * the transition, changes it and writes its audit row in one transaction. Anyone else gets 404, as
 * if the license did not exist.
 */
@Singleton
public final class LicenseLifecycle {

    static final String SUBJECT = "license";
    private static final long DAY_MS = 86_400_000L;

    private final LicenseLifecycleStore store;
    private final LicenseStore licenses;
    private final PolicyService policies;
    private final AuditLog audit;
    private final Clock clock;
    private final CatalogService catalog;
    private final EntitlementService entitlements;
    private final LicenseService licenseService;
    private final PluginHost host;

    @Inject
    LicenseLifecycle(LicenseLifecycleStore store, LicenseStore licenses, PolicyService policies, AuditLog audit, Clock clock,
            CatalogService catalog, EntitlementService entitlements, LicenseService licenseService, PluginHost host) {
        this.store = store;
        this.licenses = licenses;
        this.policies = policies;
        this.audit = audit;
        this.clock = clock;
        this.catalog = catalog;
        this.entitlements = entitlements;
        this.licenseService = licenseService;
        this.host = host;
    }

    /**
     * Issues a license of one of the caller's plans to the customer with {@code email}, without an
     * order: a {@code license} entitlement with no order line, then its key through the first running
     * license scheme. {@code days} null: perpetual unless the plan's policy has a duration.
     */
    License issueManual(Principal caller, String planId, String email, Integer days) {
        if (planId == null || planId.isBlank()) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("planId", "required")));
        }
        if (email == null || email.isBlank() || email.length() > 320) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("email", "required")));
        }
        if (days != null && (days < 1 || days > 36500)) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("days", "must be 1..36500")));
        }
        Plan plan = catalog.plan(planId).orElseThrow(() -> ApiException.notFound("plan " + planId));
        Product product = catalog.product(plan.productId()).filter(p -> caller.isAdmin() || p.sellerId().equals(caller.userId()))
                .orElseThrow(() -> ApiException.notFound("plan " + planId));
        String customerId = store.jdbi().withHandle(h -> store.userIdByEmail(h, email.strip()))
                .orElseThrow(() -> ApiException.invalid(List.of(new ApiException.FieldError("email", "no customer has this email"))));
        LicenseScheme scheme = host.extensions(LicenseScheme.class).stream().findFirst()
                .orElseThrow(() -> new ApiException(CommonError.UNAVAILABLE, "no license scheme is running"));
        Long expiresAt = days == null ? null : clock.millis() + days * DAY_MS;
        Entitlement e = entitlements.grantManual(customerId, product.id(), product.title() + " (" + plan.name() + ")", Entitlement.LICENSE,
                Map.of("scheme", scheme.id(), "manual", "true"), expiresAt);
        License issued = licenseService.ensureIssued(e.id(), product.id(), plan.id(), customerId, scheme.id(), expiresAt);
        store.jdbi().useTransaction(h -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("planId", plan.id());
            detail.put("customerId", customerId);
            detail.put("entitlementId", e.id());
            detail.put("expiresAt", expiresAt);
            audit.record(h, Actor.of(caller, "seller"), "license.issue", SUBJECT, issued.id(), detail);
        });
        return issued;
    }

    /** The seller's licenses (an admin's: everyone's) matching the filter. */
    List<LicenseLifecycleStore.Row> search(Principal caller, LicenseLifecycleStore.Filter filter) {
        return store.search(new LicenseLifecycleStore.Filter(caller.isAdmin() ? null : caller.userId(), filter.keyPrefix(), filter.customerEmail(),
                filter.productId(), filter.status(), filter.beforeCreatedAt(), filter.beforeId(), filter.limit()));
    }

    /** A license of the caller's products (any, for an admin) with its row facts; 404 otherwise. */
    LicenseLifecycleStore.Row owned(Principal caller, String licenseId) {
        LicenseLifecycleStore.Row row = store.row(licenseId).orElseThrow(() -> ApiException.notFound("license " + licenseId));
        if (!caller.isAdmin() && !store.sellerOf(row.license().productId()).map(caller.userId()::equals).orElse(false)) {
            throw ApiException.notFound("license " + licenseId);
        }
        return row;
    }

    /** The effective expiry now, null when the license never expires (or its expiry has not started). */
    Long effectiveExpiry(License l) {
        return Validator.expiresAt(l, policies.forPlan(l.planId()));
    }

    License suspend(Principal caller, String id) {
        return change(caller, id, "license.suspend", (h, l) -> {
            if (l.status() != LicenseStatus.ACTIVE) {
                throw new ApiException(LicenseLifecycleError.LICENSE_NOT_ACTIVE, "the license is " + l.status().id());
            }
            store.setStatus(h, l.id(), LicenseStatus.SUSPENDED);
            return Map.of("from", l.status().id(), "to", LicenseStatus.SUSPENDED.id());
        });
    }

    License reinstate(Principal caller, String id) {
        return change(caller, id, "license.reinstate", (h, l) -> {
            if (l.status() != LicenseStatus.SUSPENDED) {
                throw new ApiException(LicenseLifecycleError.LICENSE_NOT_SUSPENDED, "the license is " + l.status().id());
            }
            store.setStatus(h, l.id(), LicenseStatus.ACTIVE);
            return Map.of("from", l.status().id(), "to", LicenseStatus.ACTIVE.id());
        });
    }

    License revoke(Principal caller, String id, String reason) {
        return change(caller, id, "license.revoke", (h, l) -> {
            store.setStatus(h, l.id(), LicenseStatus.REVOKED);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("from", l.status().id());
            detail.put("to", LicenseStatus.REVOKED.id());
            detail.put("reason", reason);
            return detail;
        });
    }

    /**
     * Renews for one term from the later of now and the current expiry. The term is the policy's
     * duration; without one, the license's original term (its issue expiry minus its issue time).
     */
    License renew(Principal caller, String id) {
        return change(caller, id, "license.renew", (h, l) -> {
            Policy p = policies.forPlan(l.planId());
            Long expiry = Validator.expiresAt(l, p);
            if (expiry == null || (p.durationSeconds() == null && l.expiresAt() == null)) {
                throw new ApiException(LicenseLifecycleError.LICENSE_PERPETUAL, "the license has no expiry to renew");
            }
            long term = p.durationSeconds() != null ? p.durationSeconds() * 1000 : l.expiresAt() - l.createdAt();
            long to = Math.max(clock.millis(), expiry) + term;
            store.extend(h, l.id(), to - expiry);
            return Map.of("expiresAtBefore", expiry, "expiresAt", to);
        });
    }

    /** Moves the expiry {@code days} later (1..3650). */
    License extend(Principal caller, String id, int days) {
        if (days < 1 || days > 3650) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("days", "must be 1..3650")));
        }
        return change(caller, id, "license.extend", (h, l) -> {
            Long expiry = effectiveExpiry(l);
            if (expiry == null) {
                throw new ApiException(LicenseLifecycleError.LICENSE_PERPETUAL, "the license has no expiry to extend");
            }
            store.extend(h, l.id(), days * DAY_MS);
            return Map.of("days", days, "expiresAtBefore", expiry, "expiresAt", expiry + days * DAY_MS);
        });
    }

    /**
     * Moves the license and its entitlement to the customer with {@code email}, when the plan's
     * policy allows transfers. The old owner's machines are removed: the new owner activates theirs.
     * The key stays the same (validation looks keys up; it never trusts the key's customer claim).
     */
    License transfer(Principal caller, String id, String email) {
        if (email == null || email.isBlank() || email.length() > 320) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("email", "required")));
        }
        return change(caller, id, "license.transfer", (h, l) -> {
            if (!policies.forPlan(l.planId()).transferAllowed()) {
                throw new ApiException(LicenseLifecycleError.TRANSFER_NOT_ALLOWED, "the plan's license policy has transferAllowed: false");
            }
            String to = store.userIdByEmail(h, email.strip())
                    .orElseThrow(() -> ApiException.invalid(List.of(new ApiException.FieldError("email", "no customer has this email"))));
            if (to.equals(l.customerId())) {
                throw new ApiException(LicenseLifecycleError.SAME_CUSTOMER, "the license already belongs to " + email);
            }
            int removed = store.transfer(h, l, to);
            return Map.of("fromCustomer", l.customerId(), "toCustomer", to, "machinesRemoved", removed);
        });
    }

    private interface Change {
        Map<String, ?> apply(Handle h, License current);
    }

    private License change(Principal caller, String id, String action, Change change) {
        owned(caller, id);
        return store.jdbi().inTransaction(h -> {
            licenses.lock(h, id);
            License current = store.byId(h, id).orElseThrow(() -> ApiException.notFound("license " + id));
            if (current.status() == LicenseStatus.REVOKED) {
                throw new ApiException(LicenseLifecycleError.LICENSE_REVOKED, "license " + id + " is revoked");
            }
            Map<String, ?> detail = change.apply(h, current);
            audit.record(h, Actor.of(caller, "seller"), action, SUBJECT, id, detail);
            return store.byId(h, id).orElseThrow();
        });
    }
}
