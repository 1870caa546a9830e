package com.mintreu.engine.license;

import com.mintreu.api.license.IssuedKey;
import com.mintreu.api.license.LicenseClaims;
import com.mintreu.api.license.LicenseScheme;
import com.mintreu.api.product.ProductType;
import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.audit.AuditLog.Actor;
import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.catalog.Plan;
import com.mintreu.engine.catalog.Product;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.entitlement.Entitlement;
import com.mintreu.engine.entitlement.EntitlementService;
import com.mintreu.engine.order.OrderError;
import com.mintreu.engine.plugin.PluginCallException;
import com.mintreu.engine.plugin.PluginHost;
import com.mintreu.engine.web.CommonError;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Principal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a seller (for licenses of their products) or an admin does to a license: issue, suspend,
 * reinstate, revoke (terminal), renew, extend, transfer. Each action locks the license row, checks
 * the transition, changes it and writes its audit row in one transaction; a key from a plugin is
 * made before that transaction, never inside it. Anyone else gets 404, as if the license did not
 * exist. See {@code README-lifecycle.md}.
 */
@Singleton
public final class LicenseLifecycle {

    static final String SUBJECT = "license";
    private static final Logger LOG = LoggerFactory.getLogger(LicenseLifecycle.class);
    private static final long DAY_MS = 86_400_000L;

    private final LicenseLifecycleStore store;
    private final LicenseStore licenses;
    private final PolicyService policies;
    private final AuditLog audit;
    private final Clock clock;
    private final CatalogService catalog;
    private final EntitlementService entitlements;
    private final PluginHost host;
    private final LicenseEvents events;

    @Inject
    LicenseLifecycle(LicenseLifecycleStore store, LicenseStore licenses, PolicyService policies, AuditLog audit, Clock clock,
            CatalogService catalog, EntitlementService entitlements, PluginHost host, LicenseEvents events) {
        this.events = events;
        this.store = store;
        this.licenses = licenses;
        this.policies = policies;
        this.audit = audit;
        this.clock = clock;
        this.catalog = catalog;
        this.entitlements = entitlements;
        this.host = host;
    }

    /**
     * Issues a license of one of the caller's plans to the customer with {@code email}, without an
     * order: a {@code license} entitlement with no order line and its key from the scheme the seller
     * chose for the product (as its product type names it), like a purchase. The key comes first (the plugin call holds no transaction open); the
     * entitlement, the license and the audit row are then written in one transaction, so a scheme
     * that fails leaves nothing behind. {@code days} null: perpetual unless the plan's policy has a
     * duration. With an {@code idempotencyKey} (per issuer), a repeated request answers with the
     * license the first one made; the same key for another plan, customer or term is refused.
     */
    Issued issueManual(Principal caller, String planId, String email, Integer days, String idempotencyKey) {
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
        String requestHash = requestHash(plan.id(), customerId, days);
        if (idempotencyKey != null) {
            Optional<Issued> earlier = replay(caller, idempotencyKey, requestHash);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        LicenseScheme scheme = schemeOf(product);
        String id = Ids.next("lic");
        Instant now = clock.instant();
        Long expiresAt = days == null ? null : now.toEpochMilli() + days * DAY_MS;
        IssuedKey key = issueKey(scheme, new LicenseClaims(id, product.id(), customerId, now, instantOrNull(expiresAt)));
        try {
            return new Issued(store.jdbi().inTransaction(h -> {
                Entitlement e = entitlements.grantManual(customerId, product.id(), product.title() + " (" + plan.name() + ")",
                        Entitlement.LICENSE, Map.of("scheme", scheme.id(), "manual", "true"), expiresAt);
                License issued = License.issued(id, e.id(), product.id(), plan.id(), customerId, scheme.id(), key.key(), expiresAt,
                        now.toEpochMilli());
                licenses.insert(h, issued);
                if (idempotencyKey != null) {
                    store.stampIssueKey(h, id, caller.userId(), idempotencyKey, requestHash);
                }
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("planId", plan.id());
                detail.put("customerId", customerId);
                detail.put("entitlementId", e.id());
                detail.put("scheme", scheme.id());
                detail.put("expiresAt", expiresAt);
                audit.record(h, Actor.of(caller, "seller"), "license.issue", SUBJECT, id, detail);
                return store.byId(h, id).orElseThrow();
            }), false);
        } catch (UnableToExecuteStatementException e) {
            // a racing request with the same key committed first (UNIQUE): everything here rolled back
            if (idempotencyKey != null) {
                Optional<Issued> earlier = replay(caller, idempotencyKey, requestHash);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            throw e;
        }
    }

    /** A manual issue's license; {@code replayed} when an earlier request with the same Idempotency-Key made it. */
    record Issued(License license, boolean replayed) {}

    private Optional<Issued> replay(Principal caller, String idempotencyKey, String requestHash) {
        return store.byIssueKey(caller.userId(), idempotencyKey).map(k -> {
            if (!k.requestHash().equals(requestHash)) {
                throw new ApiException(OrderError.IDEMPOTENCY_KEY_REUSED, "this Idempotency-Key was used to issue a license for another plan, "
                        + "customer or term");
            }
            return new Issued(store.jdbi().withHandle(h -> store.byId(h, k.licenseId())).orElseThrow(), true);
        });
    }

    private static String requestHash(String planId, String customerId, Integer days) {
        try {
            String request = planId + "\n" + customerId + "\n" + days;
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(request.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The scheme the seller chose for the product, as its product type names it: the one its purchases get keys from. */
    private LicenseScheme schemeOf(Product product) {
        ProductType type = host.extension(ProductType.class, product.typeId()).orElseThrow(() -> new ApiException(CommonError.UNAVAILABLE,
                "product type '" + product.typeId() + "' is not running, so the product's license scheme is unknown; nothing was changed"));
        Optional<String> named = host.call(type, "licenseScheme", t -> t.licenseScheme(product.attributes()));
        String schemeId = (named == null ? Optional.<String>empty() : named).filter(id -> !id.isBlank())
                .orElseThrow(() -> ApiException.invalid(List.of(new ApiException.FieldError("planId",
                        "products of type '" + product.typeId() + "' come without license keys"))));
        return host.extension(LicenseScheme.class, schemeId).orElseThrow(() -> new ApiException(CommonError.UNAVAILABLE,
                "license scheme '" + schemeId + "' is not running; nothing was changed"));
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
        return Validator.expiresAt(l, policies.forLicense(l));
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

    /**
     * Revokes the license and, in the same transaction, its purchase: the license's entitlement and
     * the others of its order line (the download sold with it), so download links stop working and
     * the customer's pages show it revoked. Product types are told after commit.
     */
    License revoke(Principal caller, String id, String reason) {
        String why = reason == null ? "license revoked" : reason;
        List<Entitlement> ended = new ArrayList<>();
        License revoked = change(caller, id, "license.revoke", (h, l) -> {
            store.setStatus(h, l.id(), LicenseStatus.REVOKED);
            ended.addAll(entitlements.revokePurchase(l.entitlementId(), why));
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("from", l.status().id());
            detail.put("to", LicenseStatus.REVOKED.id());
            detail.put("reason", reason);
            detail.put("entitlementsRevoked", ended.stream().map(Entitlement::id).toList());
            return detail;
        });
        entitlements.tellProductTypes(ended, why);
        return revoked;
    }

    /**
     * Renews for one term from the later of now and the current expiry. The term is the policy's
     * duration; without one, the license's original term (its issue expiry minus its issue time).
     */
    License renew(Principal caller, String id) {
        return change(caller, id, "license.renew", (h, l) -> {
            Policy p = policies.forLicense(l);
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
     * Gives the license to the customer with {@code email}, when the plan's policy allows transfers:
     * a new key from the license's scheme whose claims name the new owner (the old key then answers
     * {@code NOT_FOUND}), the purchase's entitlements move with it, and the old owner's machines and
     * seats are removed (the new owner activates and claims theirs with the new key). The key is made before the
     * transaction; the transaction re-checks that the license did not change meanwhile.
     */
    License transfer(Principal caller, String id, String email) {
        if (email == null || email.isBlank() || email.length() > 320) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("email", "required")));
        }
        License before = owned(caller, id).license();
        String to = store.jdbi().withHandle(h -> {
            checkTransfer(h, before);
            String target = store.userIdByEmail(h, email.strip())
                    .orElseThrow(() -> ApiException.invalid(List.of(new ApiException.FieldError("email", "no customer has this email"))));
            if (target.equals(before.customerId())) {
                throw new ApiException(LicenseLifecycleError.SAME_CUSTOMER, "the license already belongs to " + email);
            }
            return target;
        });
        LicenseScheme scheme = host.extension(LicenseScheme.class, before.scheme()).orElseThrow(() -> new ApiException(CommonError.UNAVAILABLE,
                "license scheme '" + before.scheme() + "' is not running, so no key can be issued for the new owner; nothing was changed"));
        IssuedKey key = issueKey(scheme, new LicenseClaims(before.id(), before.productId(), to, clock.instant(), instantOrNull(before.expiresAt())));
        return change(caller, id, "license.transfer", (h, l) -> {
            checkTransfer(h, l);
            if (!l.customerId().equals(before.customerId()) || !l.key().equals(before.key())) {
                throw new ApiException(LicenseLifecycleError.LICENSE_CHANGED, "license " + id + " was transferred meanwhile");
            }
            LicenseLifecycleStore.Removed removed = store.transfer(h, l.id(), to, key.key());
            List<String> moved = entitlements.transferPurchase(l.entitlementId(), to);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("fromCustomer", l.customerId());
            detail.put("toCustomer", to);
            detail.put("machinesRemoved", removed.machines());
            detail.put("seatsRemoved", removed.seats());
            detail.put("entitlementsMoved", moved);
            detail.put("keyReissued", true); // never the key itself: the log is read by more people than the owner
            return detail;
        });
    }

    private void checkTransfer(Handle h, License l) {
        if (l.status() == LicenseStatus.REVOKED) {
            throw new ApiException(LicenseLifecycleError.LICENSE_REVOKED, "license " + l.id() + " is revoked");
        }
        if (!policies.forLicense(l).transferAllowed()) {
            throw new ApiException(LicenseLifecycleError.TRANSFER_NOT_ALLOWED, "the plan's license policy has transferAllowed: false");
        }
    }

    /** A key from {@code scheme} through the host; a failing or silent scheme is a 502 and nothing is written. */
    private IssuedKey issueKey(LicenseScheme scheme, LicenseClaims claims) {
        IssuedKey key;
        try {
            key = host.call(scheme, "issue", s -> s.issue(claims));
        } catch (PluginCallException e) {
            LOG.warn("license scheme {} failed to issue a key for license {}: {}", scheme.id(), claims.licenseId(), e.code());
            throw new ApiException(LicenseLifecycleError.LICENSE_SCHEME_FAILED, "license scheme '" + scheme.id() + "' failed to issue a key ("
                    + e.code() + "); nothing was changed");
        }
        if (key == null || key.key() == null || key.key().isBlank() || key.key().length() > LicenseService.MAX_KEY_LENGTH) {
            throw new ApiException(LicenseLifecycleError.LICENSE_SCHEME_FAILED, "license scheme '" + scheme.id() + "' returned no usable key");
        }
        return key;
    }

    private static Instant instantOrNull(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
    }

    private interface Change {
        Map<String, ?> apply(Handle h, License current);
    }

    private License change(Principal caller, String id, String action, Change change) {
        owned(caller, id);
        return change(Actor.of(caller, "seller"), id, action, change);
    }

    /**
     * The engine's own moves for a dispute of the license's order, audited as {@code system}:
     * suspend an active license while the dispute is open, reinstate a suspended one when the shop
     * won, revoke it (with its purchase) when the shop lost. A license not in the expected status is
     * left alone, so a redelivered event changes nothing.
     */
    void forDispute(String orderId, DisputeMove move, String reason) {
        for (String id : store.idsByOrder(orderId)) {
            List<Entitlement> ended = new ArrayList<>();
            change(Actor.SYSTEM, id, "license." + move.name().toLowerCase(java.util.Locale.ROOT), (h, l) -> {
                LicenseStatus to = switch (move) {
                    case SUSPEND -> l.status() == LicenseStatus.ACTIVE ? LicenseStatus.SUSPENDED : null;
                    case REINSTATE -> l.status() == LicenseStatus.SUSPENDED ? LicenseStatus.ACTIVE : null;
                    case REVOKE -> LicenseStatus.REVOKED;
                };
                if (to == null) {
                    return null;
                }
                store.setStatus(h, l.id(), to);
                if (to == LicenseStatus.REVOKED) {
                    ended.addAll(entitlements.revokePurchase(l.entitlementId(), reason));
                }
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("from", l.status().id());
                detail.put("to", to.id());
                detail.put("reason", reason);
                return detail;
            }, false);
            entitlements.tellProductTypes(ended, reason);
        }
    }

    /** What a dispute does to the licenses of its order. */
    enum DisputeMove { SUSPEND, REINSTATE, REVOKE }

    private License change(Actor actor, String id, String action, Change change) {
        return change(actor, id, action, change, true);
    }

    /** {@code refuseRevoked}: a revoked license is a 409 for a person; the engine's moves skip it. A null detail means "nothing to do". */
    private License change(Actor actor, String id, String action, Change change, boolean refuseRevoked) {
        return store.jdbi().inTransaction(h -> {
            licenses.lock(h, id);
            License current = store.byId(h, id).orElseThrow(() -> ApiException.notFound("license " + id));
            if (current.status() == LicenseStatus.REVOKED) {
                if (!refuseRevoked) {
                    return current;
                }
                throw new ApiException(LicenseLifecycleError.LICENSE_REVOKED, "license " + id + " is revoked");
            }
            Map<String, ?> detail = change.apply(h, current);
            if (detail == null) {
                return current;
            }
            audit.record(h, actor, action, SUBJECT, id, detail);
            License after = store.byId(h, id).orElseThrow();
            if (after.status() != current.status()) {
                events.statusChanged(h, after, current.status(), detail.get("reason") instanceof String r ? r : null);
            }
            return after;
        });
    }
}
