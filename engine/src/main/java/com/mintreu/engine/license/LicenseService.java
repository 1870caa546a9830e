package com.mintreu.engine.license;

import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Page;
import com.mintreu.api.license.IssuedKey;
import com.mintreu.api.license.KeyCheck;
import com.mintreu.api.license.LicenseClaims;
import com.mintreu.api.license.LicenseScheme;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.plugin.PluginHost;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Licenses: one key per {@code license} entitlement, issued through the {@link LicenseScheme} the
 * grant names; resolving keys from license clients; the owner's and admin's view. Validation
 * rules live in {@link Validator}, machines in {@link MachineService}.
 */
@Singleton
public final class LicenseService {

    /** Longer input is not a key of any scheme; refused before any plugin or database work. */
    static final int MAX_KEY_LENGTH = 4096;

    /** How many verified keys {@link #resolve} remembers before it starts over. */
    static final int VERIFIED_KEYS_KEPT = 20_000;

    private static final Logger LOG = LoggerFactory.getLogger(LicenseService.class);

    private final LicenseStore store;
    private final PluginHost host;
    private final Clock clock;
    /**
     * Keys a scheme verified offline. The check is a pure function of the key and the plugin's
     * keys, so a warm key may skip it (a plugin call and an Ed25519 verification); the database
     * lookup still decides. Forgeries are never kept, so they pay the check every time.
     */
    private final Set<String> verifiedKeys = ConcurrentHashMap.newKeySet();

    @Inject
    LicenseService(LicenseStore store, PluginHost host, Clock clock) {
        this.store = store;
        this.host = host;
        this.clock = clock;
    }

    /**
     * The license of an entitlement, issuing it through {@code schemeId} when there is none yet.
     * Safe to call again and concurrently: a second key that loses the race is dropped and the
     * stored one returned. Throws when the scheme is not running or fails (the caller retries).
     */
    public License ensureIssued(String entitlementId, String productId, String planId, String customerId, String schemeId, Long expiresAt) {
        Optional<License> existing = store.byEntitlement(entitlementId);
        if (existing.isPresent()) {
            return existing.get();
        }
        LicenseScheme scheme = host.extension(LicenseScheme.class, schemeId)
                .orElseThrow(() -> new IllegalStateException("license scheme '" + schemeId + "' is not running; cannot issue for " + entitlementId));
        String id = Ids.next("lic");
        Instant now = clock.instant();
        LicenseClaims claims = new LicenseClaims(id, productId, customerId, now, expiresAt == null ? null : Instant.ofEpochMilli(expiresAt));
        IssuedKey issued = host.call(scheme, "issue", s -> s.issue(claims));
        store.insert(License.issued(id, entitlementId, productId, planId, customerId, schemeId, issued.key(), expiresAt, now.toEpochMilli()));
        return store.byEntitlement(entitlementId).orElseThrow();
    }

    public Optional<License> forEntitlement(String entitlementId) {
        return store.byEntitlement(entitlementId);
    }

    public List<License> forCustomer(String customerId) {
        return store.forCustomer(customerId, PageRequest.first(500)).data();
    }

    /** The customer's licenses, newest first. */
    public Page<License> forCustomer(String customerId, PageRequest page) {
        return store.forCustomer(customerId, page);
    }

    /** The license when the caller owns it or is an admin; otherwise 404, as if it did not exist. */
    public License visibleTo(Principal caller, String licenseId) {
        return store.byId(licenseId).filter(l -> l.customerId().equals(caller.userId()) || caller.isAdmin())
                .orElseThrow(() -> ApiException.notFound("license " + licenseId));
    }

    /** A key from the network resolved to its license, or the code saying why it is none. */
    record Resolved(License license, ValidationCode failure) {}

    /**
     * Resolves a key. Cheap checks first: length, then each scheme's offline signature check
     * (through the dispatcher), and only a key that verifies is looked up. Never throws for bad
     * input; the key is never logged. The key's own expiry claim is not consulted: the stored
     * expiry is the same instant, and a policy's duration may override both.
     */
    Resolved resolve(String key) {
        if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            return new Resolved(null, ValidationCode.MALFORMED);
        }
        if (verifiedKeys.contains(key)) {
            return lookUp(key);
        }
        KeyCheck check = null;
        for (LicenseScheme scheme : host.extensions(LicenseScheme.class)) {
            try {
                KeyCheck c = host.call(scheme, "verify", s -> s.verify(key));
                if (c != null && c.wellFormed()) {
                    check = c;
                    break;
                }
            } catch (RuntimeException e) {
                LOG.warn("license scheme {} failed to verify a key: {}", scheme.id(), e.getClass().getSimpleName());
            }
        }
        if (check == null) {
            return new Resolved(null, ValidationCode.MALFORMED);
        }
        if (!check.signatureValid()) {
            return new Resolved(null, ValidationCode.NOT_FOUND); // well formed but not signed by us: never issued here
        }
        if (verifiedKeys.size() >= VERIFIED_KEYS_KEPT) {
            verifiedKeys.clear(); // simpler than an LRU, and warm keys come back after one check
        }
        verifiedKeys.add(key);
        return lookUp(key);
    }

    /**
     * Whether a license with exactly this key was issued here: one indexed lookup, no signature
     * check, so an IP out of unknown-key budget is still cheap to refuse while a real key passes.
     */
    boolean issued(String key) {
        return key != null && !key.isBlank() && key.length() <= MAX_KEY_LENGTH && store.byKey(key).isPresent();
    }

    private Resolved lookUp(String key) {
        return store.byKey(key).map(l -> new Resolved(l, null)).orElseGet(() -> new Resolved(null, ValidationCode.NOT_FOUND));
    }
}
