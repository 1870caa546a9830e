package com.mintreu.engine.license;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for licenses. */
@Singleton
final class LicenseStore {

    private static final String COLUMNS = "id, entitlement_id, product_id, customer_id, scheme, license_key, status, expires_at, created_at";

    private final Jdbi jdbi;

    @Inject
    LicenseStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Inserts unless the entitlement already has a license (or the key exists); true when inserted. */
    boolean insert(License l) {
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO licenses (" + COLUMNS + """
                ) VALUES (:id, :entitlementId, :productId, :customerId, :scheme, :key, :status, :expiresAt, :createdAt)
                ON CONFLICT DO NOTHING""")
                .bind("id", l.id()).bind("entitlementId", l.entitlementId()).bind("productId", l.productId())
                .bind("customerId", l.customerId()).bind("scheme", l.scheme()).bind("key", l.key())
                .bind("status", l.status().id()).bind("expiresAt", l.expiresAt()).bind("createdAt", l.createdAt())
                .execute()) == 1;
    }

    Optional<License> byId(String id) {
        return one("id = :v", id);
    }

    Optional<License> byKey(String key) {
        return one("license_key = :v", key);
    }

    Optional<License> byEntitlement(String entitlementId) {
        return one("entitlement_id = :v", entitlementId);
    }

    List<License> forCustomer(String customerId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM licenses WHERE customer_id = :c ORDER BY created_at DESC, id DESC LIMIT :limit")
                .bind("c", customerId).bind("limit", limit).map(LicenseStore::map).list());
    }

    /** Moves the license from {@code from} to {@code to}; false when it was not in {@code from}. */
    boolean setStatus(String id, LicenseStatus from, LicenseStatus to) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE licenses SET status = :to WHERE id = :id AND status = :from")
                .bind("id", id).bind("from", from.id()).bind("to", to.id()).execute()) == 1;
    }

    /** Revokes the license of an entitlement, whatever its status. */
    void revokeForEntitlement(String entitlementId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE licenses SET status = 'revoked' WHERE entitlement_id = :e")
                .bind("e", entitlementId).execute());
    }

    private Optional<License> one(String where, String value) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM licenses WHERE " + where)
                .bind("v", value).map(LicenseStore::map).findOne());
    }

    private static License map(ResultSet rs, StatementContext ctx) throws SQLException {
        long expires = rs.getLong(8);
        Long expiresAt = rs.wasNull() ? null : expires;
        return new License(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                LicenseStatus.of(rs.getString(7)), expiresAt, rs.getLong(9));
    }
}
