package com.mintreu.engine.metering;

import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.audit.AuditLog.Actor;
import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.catalog.Product;
import com.mintreu.engine.config.ApiKeysConfig;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.db.Tx;
import com.mintreu.engine.entitlement.Entitlement;
import com.mintreu.engine.entitlement.EntitlementService;
import com.mintreu.engine.security.Tokens;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.ApiException.FieldError;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;

/**
 * The rules of API keys: a customer makes, names, rolls and revokes the keys of their API purchases;
 * a seller suspends and unsuspends keys of their products; a revoked purchase revokes its keys. Every
 * id is checked against the caller: another customer's or seller's key is a 404, as if absent. Each
 * change is audited (subject {@code api_key}) in its own transaction.
 */
@Singleton
final class ApiKeyService {

    static final String KIND = "api_key";
    static final String SUBJECT = "api_key";

    /** An API purchase of the customer's, with its keys (revoked ones included, newest last). */
    record Purchase(Entitlement entitlement, ApiPlan plan, List<ApiKey> keys) {}

    private final ApiKeyStore store;
    private final EntitlementService entitlements;
    private final CatalogService catalog;
    private final AuditLog audit;
    private final ApiKeysConfig config;
    private final Tx tx;
    private final Clock clock;

    @Inject
    ApiKeyService(ApiKeyStore store, EntitlementService entitlements, CatalogService catalog, AuditLog audit, ApiKeysConfig config, Tx tx,
            Clock clock) {
        this.store = store;
        this.entitlements = entitlements;
        this.catalog = catalog;
        this.audit = audit;
        this.config = config;
        this.tx = tx;
        this.clock = clock;
    }

    /** The caller's API purchases (newest first) with their keys. */
    List<Purchase> purchases(Principal customer) {
        return entitlements.forCustomer(customer).stream().filter(v -> KIND.equals(v.kind()))
                .map(v -> entitlements.find(v.id()).orElseThrow())
                .map(e -> new Purchase(e, ApiPlan.of(e.data()), store.forEntitlement(e.id()))).toList();
    }

    /** Makes a key for the caller's purchase {@code entitlementId}; the answer holds the key, to be shown once. */
    ApiKey.Created create(Principal customer, String entitlementId, String rawName) {
        String name = name(rawName);
        Entitlement e = ownPurchase(customer, entitlementId);
        long now = clock.millis();
        if (!e.usableAt(now)) {
            throw new ApiException(MeteringError.PURCHASE_INACTIVE, "purchase " + e.id() + " is " + (e.status() == Entitlement.Status.REVOKED ? "revoked" : "expired"));
        }
        String sellerId = catalog.product(e.productId()).map(Product::sellerId)
                .orElseThrow(() -> new IllegalStateException("product " + e.productId() + " of " + e.id() + " is gone"));
        return tx.inTransaction(h -> {
            store.lockPurchase(h, e.id(), now);
            long live = store.forEntitlement(h, e.id()).stream().filter(k -> k.liveAt(now)).count();
            if (live >= config.maxKeysPerPurchase()) {
                throw new ApiException(MeteringError.KEY_LIMIT_REACHED, "this purchase has " + live + " keys, the most it may have");
            }
            ApiKey.Created created = insert(h, e, sellerId, name, now);
            audit.record(h, Actor.of(customer, "customer"), "api_key.create", SUBJECT, created.key().id(), Map.of("name", name, "entitlementId", e.id()));
            return created;
        });
    }

    void rename(Principal customer, String keyId, String rawName) {
        String name = name(rawName);
        ApiKey k = ownKey(customer, keyId);
        tx.useTransaction(h -> {
            if (!store.rename(h, k.id(), name)) {
                throw new ApiException(MeteringError.KEY_NOT_USABLE, "a revoked key keeps its name");
            }
            audit.record(h, Actor.of(customer, "customer"), "api_key.rename", SUBJECT, k.id(), Map.of("from", k.name(), "to", name));
        });
    }

    /**
     * Replaces an active key by a new one with the same name: the old key keeps working for
     * {@code apiKeys.rollOverlap}, so clients can move over. A roll is not held to the key limit
     * (the old key is on its way out). A suspended key cannot be rolled (that would lift its suspension).
     */
    ApiKey.Created roll(Principal customer, String keyId) {
        ApiKey k = ownKey(customer, keyId);
        long now = clock.millis();
        if (k.status() != ApiKey.Status.ACTIVE || k.rolledTo() != null || k.expiredAt(now)) {
            throw new ApiException(MeteringError.KEY_NOT_USABLE, "only an active key that was not rolled yet can be rolled");
        }
        Entitlement e = ownPurchase(customer, k.entitlementId());
        if (!e.usableAt(now)) {
            throw new ApiException(MeteringError.PURCHASE_INACTIVE, "purchase " + e.id() + " is no longer active");
        }
        return tx.inTransaction(h -> {
            store.lockPurchase(h, e.id(), now);
            ApiKey.Created created = insert(h, e, k.sellerId(), k.name(), now);
            long until = now + config.rollOverlap().toMillis();
            if (!store.roll(h, k.id(), created.key().id(), until)) {
                throw new ApiException(MeteringError.KEY_NOT_USABLE, "the key was rolled or revoked meanwhile");
            }
            audit.record(h, Actor.of(customer, "customer"), "api_key.roll", SUBJECT, k.id(),
                    Map.of("successor", created.key().id(), "oldKeyWorksUntil", until));
            return created;
        });
    }

    /** Revokes at once (an overlap included); revoking a revoked key changes nothing. */
    void revoke(Principal customer, String keyId) {
        ApiKey k = ownKey(customer, keyId);
        tx.useTransaction(h -> {
            if (store.revoke(h, k.id(), "revoked by the customer", clock.millis())) {
                audit.record(h, Actor.of(customer, "customer"), "api_key.revoke", SUBJECT, k.id(), Map.of("name", k.name()));
            }
        });
    }

    /** The keys of the seller's products, newest first. */
    Page<ApiKey> sellerKeys(Principal seller, PageRequest page) {
        return store.forSeller(seller.userId(), page);
    }

    /** The seller stops a key of their product until they unsuspend it; false when it was not active. */
    boolean suspend(Principal seller, String keyId, String reason) {
        return move(seller, keyId, ApiKey.Status.ACTIVE, ApiKey.Status.SUSPENDED, "api_key.suspend", reason);
    }

    boolean unsuspend(Principal seller, String keyId) {
        return move(seller, keyId, ApiKey.Status.SUSPENDED, ApiKey.Status.ACTIVE, "api_key.unsuspend", null);
    }

    private boolean move(Principal seller, String keyId, ApiKey.Status from, ApiKey.Status to, String action, String reason) {
        ApiKey k = sellerKey(seller, keyId);
        return tx.inTransaction(h -> {
            if (!store.setStatus(h, k.id(), from, to)) {
                return false;
            }
            audit.record(h, Actor.of(seller, "seller"), action, SUBJECT, k.id(), reason == null || reason.isBlank() ? Map.of() : Map.of("reason", reason));
            return true;
        });
    }

    /** A key of one of the seller's products; 404 for any other. */
    ApiKey sellerKey(Principal seller, String keyId) {
        return (keyId == null || keyId.length() > 64 ? java.util.Optional.<ApiKey>empty() : store.byId(keyId))
                .filter(k -> k.sellerId().equals(seller.userId())).orElseThrow(() -> ApiException.notFound("API key"));
    }

    /**
     * Revokes every key of a purchase that was revoked (refund, lost dispute, admin): the engine's
     * doing, audited as {@code system}. Idempotent: a revoked key is not revoked again.
     */
    int revokePurchase(String entitlementId, String reason) {
        return tx.inTransaction(h -> {
            int n = 0;
            for (ApiKey k : store.forEntitlement(h, entitlementId)) {
                if (store.revoke(h, k.id(), reason, clock.millis())) {
                    audit.record(h, Actor.SYSTEM, "api_key.revoke", SUBJECT, k.id(), Map.of("reason", reason));
                    n++;
                }
            }
            return n;
        });
    }

    private ApiKey.Created insert(Handle h, Entitlement e, String sellerId, String name, long now) {
        String secret = ApiKeyFormat.generate();
        ApiKey key = new ApiKey(Ids.next("key"), e.id(), e.customerId(), e.productId(), sellerId, name, ApiKeyFormat.displayPrefix(secret),
                ApiKey.Status.ACTIVE, now, null, null, null, null, null);
        store.insert(h, key, Tokens.sha256(secret));
        return new ApiKey.Created(key, secret);
    }

    /** The caller's own API purchase, for its usage pages; 404 for anyone else's or an unknown id. */
    Entitlement purchaseOf(Principal customer, String entitlementId) {
        return ownPurchase(customer, entitlementId);
    }

    /** The caller's own API purchase (after a transfer: its current owner); 404 otherwise. */
    private Entitlement ownPurchase(Principal customer, String entitlementId) {
        return (entitlementId == null || entitlementId.length() > 64 ? java.util.Optional.<Entitlement>empty() : entitlements.find(entitlementId))
                .filter(e -> KIND.equals(e.kind()) && e.customerId().equals(customer.userId()))
                .orElseThrow(() -> ApiException.notFound("API purchase"));
    }

    /** A key of one of the caller's purchases; 404 for any other. */
    private ApiKey ownKey(Principal customer, String keyId) {
        ApiKey k = (keyId == null || keyId.length() > 64 ? java.util.Optional.<ApiKey>empty() : store.byId(keyId))
                .orElseThrow(() -> ApiException.notFound("API key"));
        ownPurchase(customer, k.entitlementId());
        return k;
    }

    private static String name(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty() || name.length() > 80 || name.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid(List.of(new FieldError("name", "1 to 80 characters, on one line")));
        }
        return name;
    }
}
