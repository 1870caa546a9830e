package com.mintreu.engine.security;

import com.mintreu.engine.config.SecurityConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

/**
 * The engine's master secret and the keys derived from it. When {@code security.secret} is empty
 * a random one is generated once and kept in the {@code settings} table, so a fresh install runs
 * without edits and every node of a cluster derives the same keys.
 */
@Singleton
public final class Secrets {

    /** Said at start and by {@code config check} while {@code security.secret} is empty. */
    public static final String IN_DATABASE_WARNING = "security.secret is empty, so the master secret is kept in the database: "
            + "whoever can read the database or a backup of it can forge download links and every other signature; "
            + "set security.secret (MINTREU_SECRET, 32+ characters) to keep it out of the database";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Secrets.class);

    private final SecurityConfig config;
    private final Jdbi jdbi;
    private volatile byte[] master;

    @Inject
    Secrets(SecurityConfig config, Jdbi jdbi) {
        this.config = config;
        this.jdbi = jdbi;
    }

    /** The master secret; call only after migrations ran. Never log it. */
    public byte[] master() {
        byte[] m = master;
        if (m == null) {
            synchronized (this) {
                if (master == null) {
                    master = config.secret().isBlank() ? storedOrGenerated() : config.secret().getBytes(StandardCharsets.UTF_8);
                }
                m = master;
            }
        }
        return m.clone();
    }

    /** A key for one purpose (e.g. "download-links"), so no two uses share a key. */
    public byte[] derive(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master(), "HmacSHA256"));
            return mac.doFinal(("mintreu:" + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] storedOrGenerated() {
        LOG.warn(IN_DATABASE_WARNING);
        String candidate = Base64.getEncoder().encodeToString(Tokens.randomBytes(32));
        // Two nodes starting together both try; the first insert wins and both read the same value.
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO settings (name, value) VALUES ('master_secret', :v) ON CONFLICT (name) DO NOTHING")
                .bind("v", candidate).execute());
        String stored = jdbi.withHandle(h -> h.createQuery("SELECT value FROM settings WHERE name = 'master_secret'").mapTo(String.class).one());
        return Base64.getDecoder().decode(stored);
    }
}
