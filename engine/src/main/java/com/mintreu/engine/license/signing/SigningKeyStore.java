package com.mintreu.engine.license.signing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for {@code license_signing_keys}. Rows hold the sealed private key; it is opened by the caller. */
@Singleton
final class SigningKeyStore {

    /** A row as stored: the private key still sealed. */
    record Row(String kid, String scope, byte[] publicKeyDer, String sealedPrivateKey, long createdAt, Long retiredAt, Long expiresAt) {}

    private static final String COLUMNS = "kid, scope, public_key, private_key_sealed, created_at, retired_at, expires_at";

    private final Jdbi jdbi;

    @Inject
    SigningKeyStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Optional<Row> active(String scope) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM license_signing_keys WHERE scope = :s AND retired_at IS NULL")
                .bind("s", scope).map(SigningKeyStore::map).findOne());
    }

    /**
     * Inserts a new active key unless the scope already has one (the partial unique index decides
     * between racing nodes); true when this one was inserted.
     */
    boolean insertActive(Row r) {
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO license_signing_keys (" + COLUMNS + """
                ) VALUES (:kid, :scope, :pub, :sealed, :created, NULL, NULL) ON CONFLICT DO NOTHING""")
                .bind("kid", r.kid()).bind("scope", r.scope()).bind("pub", Base64.getEncoder().encodeToString(r.publicKeyDer()))
                .bind("sealed", r.sealedPrivateKey()).bind("created", r.createdAt()).execute()) == 1;
    }

    /** Retires the scope's active key, published until {@code expiresAt}; false when it had none. */
    boolean retireActive(String scope, long now, long expiresAt) {
        return jdbi.withHandle(h -> h.createUpdate("""
                UPDATE license_signing_keys SET retired_at = :now, expires_at = :expires WHERE scope = :s AND retired_at IS NULL""")
                .bind("s", scope).bind("now", now).bind("expires", expiresAt).execute()) == 1;
    }

    /** Every key still published at {@code now}, oldest first. */
    List<Row> published(long now) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS
                + " FROM license_signing_keys WHERE expires_at IS NULL OR expires_at > :now ORDER BY scope, created_at, kid")
                .bind("now", now).map(SigningKeyStore::map).list());
    }

    Optional<Row> byKid(String kid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM license_signing_keys WHERE kid = :k")
                .bind("k", kid).map(SigningKeyStore::map).findOne());
    }

    private static Row map(ResultSet rs, StatementContext ctx) throws SQLException {
        long retired = rs.getLong(6);
        Long retiredAt = rs.wasNull() ? null : retired;
        long expires = rs.getLong(7);
        Long expiresAt = rs.wasNull() ? null : expires;
        return new Row(rs.getString(1), rs.getString(2), Base64.getDecoder().decode(rs.getString(3)), rs.getString(4), rs.getLong(5),
                retiredAt, expiresAt);
    }
}
