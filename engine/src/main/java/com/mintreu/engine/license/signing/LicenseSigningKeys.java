package com.mintreu.engine.license.signing;

import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.db.Tx;
import com.mintreu.engine.security.Secrets;
import com.mintreu.engine.web.Principal;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's Ed25519 signing keys for licensing: one active key per scope ({@value #ENGINE}
 * signs license API responses, a product id signs that product's license files), generated on
 * first use, rotated on demand, and published (see {@link LicenseKeyRoutes}) until every artifact
 * the key signed has expired.
 */
@Singleton
public final class LicenseSigningKeys {

    /** The scope of the key that signs license API responses. */
    public static final String ENGINE = "engine";

    /**
     * How long a retired key stays published: the longest license file ttl, so a file signed the
     * moment before a rotation still verifies until it expires.
     */
    public static final Duration RETIRED_KEY_LIFETIME = Duration.ofDays(366);

    /** How long a node trusts its cached active key before asking the database (another node may have rotated). */
    private static final long ACTIVE_CACHE_MILLIS = 30_000;

    private static final Pattern SCOPE = Pattern.compile("engine|prd_[A-Za-z0-9]{1,60}");
    private static final Logger LOG = LoggerFactory.getLogger(LicenseSigningKeys.class);

    /** A signature and the id of the key that made it. */
    public record Signed(String kid, byte[] signature) {}

    private record Cached(SigningKey key, long loadedAt) {}

    private final SigningKeyStore store;
    private final Secrets secrets;
    private final Tx tx;
    private final AuditLog audit;
    private final Clock clock;
    private final Map<String, Cached> active = new ConcurrentHashMap<>();
    private volatile KeySeal seal;

    @Inject
    LicenseSigningKeys(SigningKeyStore store, Secrets secrets, Tx tx, AuditLog audit, Clock clock) {
        this.tx = tx;
        this.audit = audit;
        this.store = store;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** Whether {@code scope} names a scope keys can exist for: {@value #ENGINE} or a product id. */
    public static boolean validScope(String scope) {
        return scope != null && SCOPE.matcher(scope).matches();
    }

    /** Signs {@code message} with the scope's active key, generating it on first use. */
    public Signed sign(String scope, byte[] message) {
        SigningKey key = activeKey(scope);
        return new Signed(key.kid(), Ed25519.sign(key.privateKey(), message));
    }

    /**
     * Retires the scope's active key (it stays published for {@link #RETIRED_KEY_LIFETIME}); the
     * next signature generates a new one. Returns the retired key id, or null when there was none.
     * The retirement and its audit row ({@code signing_key.rotate}, by {@code admin}) commit together.
     */
    public String rotate(String scope, Principal admin) {
        requireScope(scope);
        String retired = tx.inTransaction(h -> {
            String kid = store.active(scope).map(SigningKeyStore.Row::kid).orElse(null);
            long now = clock.millis();
            store.retireActive(scope, now, now + RETIRED_KEY_LIFETIME.toMillis());
            Map<String, Object> detail = new java.util.HashMap<>();
            detail.put("retiredKid", kid);
            audit.record(h, AuditLog.Actor.of(admin, "admin"), "signing_key.rotate", "signing_key_scope", scope, detail);
            return kid;
        });
        active.remove(scope);
        LOG.info("license signing key of scope {} rotated (retired kid {})", scope, retired);
        return retired;
    }

    /** The public keys to publish now: every active key, and retired ones until they expire. */
    public List<PublishedKey> published() {
        return store.published(clock.millis()).stream()
                .map(r -> new PublishedKey(r.kid(), r.scope(), r.publicKeyDer(), r.retiredAt(), r.expiresAt())).toList();
    }

    private SigningKey activeKey(String scope) {
        requireScope(scope);
        long now = clock.millis();
        Cached cached = active.get(scope);
        if (cached != null && now - cached.loadedAt() < ACTIVE_CACHE_MILLIS && now >= cached.loadedAt()) {
            return cached.key();
        }
        SigningKeyStore.Row row = store.active(scope).orElseGet(() -> generate(scope));
        SigningKey key = open(row);
        active.put(scope, new Cached(key, now));
        return key;
    }

    /** Generates and stores a key; when another node stored one first, that one is used. */
    private SigningKeyStore.Row generate(String scope) {
        KeyPair pair = Ed25519.generate();
        byte[] publicDer = pair.getPublic().getEncoded();
        String kid = Ed25519.kid(publicDer);
        SigningKeyStore.Row row = new SigningKeyStore.Row(kid, scope, publicDer, seal().seal(kid, pair.getPrivate().getEncoded()),
                clock.millis(), null, null);
        if (store.insertActive(row)) {
            LOG.info("generated license signing key {} for scope {}", kid, scope);
            return row;
        }
        return store.active(scope).orElseThrow(() -> new IllegalStateException("no active signing key for " + scope + " after a lost race"));
    }

    private SigningKey open(SigningKeyStore.Row row) {
        try {
            Ed25519PrivateKeyParameters privateKey = Ed25519.privateKey(seal().open(row.kid(), row.sealedPrivateKey()));
            return new SigningKey(row.kid(), row.scope(), row.publicKeyDer(), privateKey, row.createdAt(), row.retiredAt(), row.expiresAt());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing key " + row.kid() + " is not a valid Ed25519 key", e);
        }
    }

    private KeySeal seal() {
        KeySeal s = seal;
        if (s == null) {
            // derived lazily: the master secret may live in the database, readable only after migrations
            s = new KeySeal(secrets.derive("license-signing-keys"));
            seal = s;
        }
        return s;
    }

    private static void requireScope(String scope) {
        if (!validScope(scope)) {
            throw new IllegalArgumentException("not a signing key scope: " + scope);
        }
    }
}
