package com.mintreu.engine.license;

import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.web.Cursor;
import com.mintreu.engine.db.Database;
import com.mintreu.engine.db.Dialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for licenses. */
@Singleton
final class LicenseStore {

    static final String COLUMNS = "id, entitlement_id, product_id, plan_id, customer_id, scheme, license_key, status, expires_at, "
            + "created_at, first_activated_at, first_validated_at, last_check_in_at, extended_ms, max_users";

    private final Jdbi jdbi;
    private final Dialect dialect;

    @Inject
    LicenseStore(Jdbi jdbi, Database database) {
        this.jdbi = jdbi;
        this.dialect = database.dialect();
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /** Inserts unless the entitlement already has a license (or the key exists); true when inserted. */
    boolean insert(License l) {
        return jdbi.withHandle(h -> insert(h, l));
    }

    /** As {@link #insert(License)}, in {@code h}'s transaction. */
    boolean insert(Handle h, License l) {
        return h.createUpdate("""
                INSERT INTO licenses (id, entitlement_id, product_id, plan_id, customer_id, scheme, license_key, status, expires_at, created_at)
                VALUES (:id, :entitlementId, :productId, :planId, :customerId, :scheme, :key, :status, :expiresAt, :createdAt)
                ON CONFLICT DO NOTHING""")
                .bind("id", l.id()).bind("entitlementId", l.entitlementId()).bind("productId", l.productId()).bind("planId", l.planId())
                .bind("customerId", l.customerId()).bind("scheme", l.scheme()).bind("key", l.key())
                .bind("status", l.status().id()).bind("expiresAt", l.expiresAt()).bind("createdAt", l.createdAt())
                .execute() == 1;
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

    Page<License> forCustomer(String customerId, PageRequest page) {
        List<License> rows = jdbi.withHandle(h -> page.bind(h.createQuery("SELECT " + COLUMNS + " FROM licenses WHERE customer_id = :c AND "
                        + page.after("created_at", "id", true) + " ORDER BY created_at DESC, id DESC LIMIT :limit"))
                .bind("c", customerId).map(LicenseStore::map).list());
        return Page.of(rows, page, l -> Cursor.of(l.createdAt(), l.id()));
    }

    /** Moves the license from {@code from} to {@code to}; false when it was not in {@code from}. */
    boolean setStatus(String id, LicenseStatus from, LicenseStatus to) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE licenses SET status = :to WHERE id = :id AND status = :from")
                .bind("id", id).bind("from", from.id()).bind("to", to.id()).execute()) == 1;
    }

    /** Sets first_validated_at unless set: a first_validation policy's expiry starts here. Counts go to {@link ValidationTally}. */
    void markFirstValidated(String id, long now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE licenses SET first_validated_at = :now WHERE id = :id AND first_validated_at IS NULL")
                .bind("id", id).bind("now", now).execute());
    }

    /** Validations counted in memory for one license: how many, and the latest (epoch ms). */
    record Validations(String licenseId, long count, long last) {}

    /** Adds counted validations in one transaction; pass them in id order (one lock order for every node). */
    void addValidations(List<Validations> batch) {
        jdbi.useTransaction(h -> {
            PreparedBatch b = h.prepareBatch("""
                    UPDATE licenses SET validation_count = validation_count + :n,
                           last_validated_at = CASE WHEN last_validated_at IS NULL OR last_validated_at < :last
                                                    THEN :last ELSE last_validated_at END
                    WHERE id = :id""");
            for (Validations v : batch) {
                b.bind("id", v.licenseId()).bind("n", v.count()).bind("last", v.last()).add();
            }
            b.execute();
        });
    }

    void checkIn(String id, long now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE licenses SET last_check_in_at = :now WHERE id = :id").bind("id", id).bind("now", now).execute());
    }

    /**
     * Serializes activations of one license for the rest of the transaction. PostgreSQL takes the
     * row lock; SQLite needs nothing here because every write transaction is BEGIN IMMEDIATE, which
     * holds the database's write lock from its first statement.
     */
    void lock(Handle h, String id) {
        if (dialect == Dialect.POSTGRESQL) {
            h.createQuery("SELECT id FROM licenses WHERE id = :id FOR UPDATE").bind("id", id).mapTo(String.class).findOne();
        }
    }

    /** Activations counted in the current hour window, which starts anew when older than an hour. Call under {@link #lock}. */
    int activationsInWindow(Handle h, String id, long now) {
        h.createUpdate("""
                UPDATE licenses SET activation_window_start = :now, activation_window_count = 0
                WHERE id = :id AND (activation_window_start IS NULL OR activation_window_start <= :cutoff)""")
                .bind("id", id).bind("now", now).bind("cutoff", now - 3_600_000L).execute();
        return h.createQuery("SELECT activation_window_count FROM licenses WHERE id = :id").bind("id", id).mapTo(Integer.class).one();
    }

    void recordActivation(Handle h, String id, long now) {
        h.createUpdate("""
                UPDATE licenses SET activation_window_count = activation_window_count + 1,
                                    first_activated_at = COALESCE(first_activated_at, :now)
                WHERE id = :id""").bind("id", id).bind("now", now).execute();
    }

    private Optional<License> one(String where, String value) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM licenses WHERE " + where)
                .bind("v", value).map(LicenseStore::map).findOne());
    }

    static License map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new License(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), LicenseStatus.of(rs.getString(8)), PolicyStore.longOrNull(rs, 9), rs.getLong(10),
                PolicyStore.longOrNull(rs, 11), PolicyStore.longOrNull(rs, 12), PolicyStore.longOrNull(rs, 13), rs.getLong(14),
                rs.getObject(15) == null ? null : rs.getInt(15));
    }
}
