package com.mintreu.engine.license;

import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/** SQL for the license lifecycle, the seller's license list and the expiry jobs. */
@Singleton
final class LicenseLifecycleStore {

    /** A license as a seller sees it in a list: with its customer's email and validation facts. */
    record Row(License license, String customerEmail, Long lastValidatedAt, long validationCount, Long lapsedAt) {}

    /** Filters of the seller's list; null = any. {@code sellerId} null = every seller (admin). */
    record Filter(String sellerId, String keyPrefix, String customerEmail, String productId, String status, Long beforeCreatedAt,
            String beforeId, int limit) {}

    private static final String ROW_COLUMNS = LicenseStore.COLUMNS.replaceAll("(\\w+)", "l.$1")
            + ", u.email, l.last_validated_at, l.validation_count, l.lapsed_at";

    private final Jdbi jdbi;
    private final ValidationTally tally;

    @Inject
    LicenseLifecycleStore(Jdbi jdbi, ValidationTally tally) {
        this.jdbi = jdbi;
        this.tally = tally;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    Optional<License> byId(Handle h, String id) {
        return h.createQuery("SELECT " + LicenseStore.COLUMNS + " FROM licenses WHERE id = :id").bind("id", id).map(LicenseStore::map).findOne();
    }

    /** The license with its row facts and the seller of its product (null when the product is gone). */
    Optional<Row> row(String id) {
        tally.flush(); // this node's pending counts; another node's show within a flush interval
        return jdbi.withHandle(h -> h.createQuery("SELECT " + ROW_COLUMNS + " FROM licenses l JOIN users u ON u.id = l.customer_id WHERE l.id = :id")
                .bind("id", id).map((rs, ctx) -> row(rs)).findOne());
    }

    Optional<String> sellerOf(String productId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT seller_id FROM products WHERE id = :id").bind("id", productId).mapTo(String.class).findOne());
    }

    List<Row> search(Filter f) {
        tally.flush();
        StringBuilder sql = new StringBuilder("SELECT " + ROW_COLUMNS
                + " FROM licenses l JOIN users u ON u.id = l.customer_id JOIN products p ON p.id = l.product_id WHERE 1 = 1");
        if (f.sellerId() != null) {
            sql.append(" AND p.seller_id = :seller");
        }
        if (f.keyPrefix() != null) {
            // substr, not LIKE: keys contain '_' and '.', which LIKE would treat as patterns
            sql.append(" AND substr(l.license_key, 1, :prefixLength) = :prefix");
        }
        if (f.customerEmail() != null) {
            sql.append(" AND lower(u.email) = lower(:email)");
        }
        if (f.productId() != null) {
            sql.append(" AND l.product_id = :product");
        }
        if (f.status() != null) {
            sql.append(" AND l.status = :status");
        }
        if (f.beforeCreatedAt() != null) {
            sql.append(" AND (l.created_at < :beforeAt OR (l.created_at = :beforeAt AND l.id < :beforeId))");
        }
        sql.append(" ORDER BY l.created_at DESC, l.id DESC LIMIT :limit");
        return jdbi.withHandle(h -> {
            Query q = h.createQuery(sql.toString()).bind("limit", f.limit());
            if (f.sellerId() != null) {
                q.bind("seller", f.sellerId());
            }
            if (f.keyPrefix() != null) {
                q.bind("prefix", f.keyPrefix()).bind("prefixLength", f.keyPrefix().length());
            }
            if (f.customerEmail() != null) {
                q.bind("email", f.customerEmail());
            }
            if (f.productId() != null) {
                q.bind("product", f.productId());
            }
            if (f.status() != null) {
                q.bind("status", f.status());
            }
            if (f.beforeCreatedAt() != null) {
                q.bind("beforeAt", f.beforeCreatedAt()).bind("beforeId", f.beforeId());
            }
            return q.map((rs, ctx) -> row(rs)).list();
        });
    }

    /** A manual issue's Idempotency-Key, and the hash of the request that first used it. */
    record IssueKey(String licenseId, String requestHash) {}

    Optional<IssueKey> byIssueKey(String issuerId, String key) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, request_hash FROM licenses WHERE issued_by = :by AND idempotency_key = :k")
                .bind("by", issuerId).bind("k", key).map((rs, ctx) -> new IssueKey(rs.getString(1), rs.getString(2))).findOne());
    }

    /** Stamps a new manual license with its issuer's Idempotency-Key; a key already used fails the statement (UNIQUE). */
    void stampIssueKey(Handle h, String licenseId, String issuerId, String key, String requestHash) {
        h.createUpdate("UPDATE licenses SET issued_by = :by, idempotency_key = :k, request_hash = :hash WHERE id = :id")
                .bind("by", issuerId).bind("k", key).bind("hash", requestHash).bind("id", licenseId).execute();
    }

    Optional<String> userIdByEmail(Handle h, String email) {
        return h.createQuery("SELECT id FROM users WHERE lower(email) = lower(:e)").bind("e", email).mapTo(String.class).findOne();
    }

    Optional<String> emailOf(Handle h, String userId) {
        return h.createQuery("SELECT email FROM users WHERE id = :id").bind("id", userId).mapTo(String.class).findOne();
    }

    /** Sets the license's own seat cap; false when it had that cap already. */
    boolean setMaxUsers(Handle h, String id, int users) {
        return h.createUpdate("UPDATE licenses SET max_users = :n WHERE id = :id AND (max_users IS NULL OR max_users <> :n)")
                .bind("n", users).bind("id", id).execute() == 1;
    }

    void setStatus(Handle h, String id, LicenseStatus to) {
        h.createUpdate("UPDATE licenses SET status = :s WHERE id = :id").bind("s", to.id()).bind("id", id).execute();
    }

    /** Adds to the effective expiry; the license is no longer lapsed. */
    void extend(Handle h, String id, long addMs) {
        h.createUpdate("UPDATE licenses SET extended_ms = extended_ms + :add, lapsed_at = NULL WHERE id = :id").bind("add", addMs).bind("id", id)
                .execute();
    }

    /** The licenses granted by an order's lines, in id order (one lock order for every node). */
    List<String> idsByOrder(String orderId) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT l.id FROM licenses l JOIN entitlements e ON e.id = l.entitlement_id WHERE e.order_id = :o ORDER BY l.id""")
                .bind("o", orderId).mapTo(String.class).list());
    }

    /** The licenses granted by one order line, in id order. */
    List<String> idsByLine(String lineId) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT l.id FROM licenses l JOIN entitlements e ON e.id = l.entitlement_id WHERE e.line_id = :line ORDER BY l.id""")
                .bind("line", lineId).mapTo(String.class).list());
    }

    /** Sets the expiry stored at issue (for a license whose policy has no duration); the license is no longer lapsed. */
    void setIssuedExpiry(Handle h, String id, long expiresAt) {
        h.createUpdate("UPDATE licenses SET expires_at = :e, extended_ms = 0, lapsed_at = NULL WHERE id = :id").bind("e", expiresAt).bind("id", id)
                .execute();
    }

    Optional<String> idByEntitlement(Handle h, String entitlementId) {
        return h.createQuery("SELECT id FROM licenses WHERE entitlement_id = :e").bind("e", entitlementId).mapTo(String.class).findOne();
    }

    /** What a transfer removed of the old owner's: machines activated and seats claimed with the old key. */
    record Removed(int machines, int seats) {}

    /** Gives a license to another customer under its re-issued key and removes the old owner's machines and seats. */
    Removed transfer(Handle h, String id, String toCustomerId, String newKey) {
        h.createUpdate("UPDATE licenses SET customer_id = :c, license_key = :k WHERE id = :id").bind("c", toCustomerId).bind("k", newKey)
                .bind("id", id).execute();
        return new Removed(h.createUpdate("DELETE FROM license_machines WHERE license_id = :id").bind("id", id).execute(),
                h.createUpdate("DELETE FROM license_users WHERE license_id = :id").bind("id", id).execute());
    }

    /** Active licenses the expiry jobs look at, in id order after {@code afterId}. */
    List<License> activeAfter(String afterId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + LicenseStore.COLUMNS
                        + " FROM licenses WHERE status = 'active' AND lapsed_at IS NULL AND id > :after ORDER BY id LIMIT :limit")
                .bind("after", afterId).bind("limit", limit).map(LicenseStore::map).list());
    }

    /**
     * Like {@link #activeAfter}, without the licenses a running subscription renews (its order line's
     * subscription is trialing, active or past due and not set to end): their expiry is always the
     * current period's end and the subscription sends its own notices, so "renew it" would be wrong.
     */
    List<License> remindableAfter(String afterId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + LicenseStore.COLUMNS + " " + """
                         FROM licenses WHERE status = 'active' AND lapsed_at IS NULL AND id > :after
                         AND NOT EXISTS (SELECT 1 FROM entitlements e JOIN subscriptions s ON s.origin_line_id = e.line_id
                                         WHERE e.id = licenses.entitlement_id AND s.status IN ('trialing', 'active', 'past_due')
                                         AND s.cancel_at_period_end = 0)
                         ORDER BY id LIMIT :limit""")
                .bind("after", afterId).bind("limit", limit).map(LicenseStore::map).list());
    }

    /** Records a reminder; false when it was sent before (by this node or another). */
    boolean reminderSent(Handle h, String licenseId, String kind, long expiresAt, long now) {
        return h.createUpdate("""
                INSERT INTO license_reminders (license_id, kind, expires_at, sent_at) VALUES (:l, :k, :e, :now)
                ON CONFLICT DO NOTHING""").bind("l", licenseId).bind("k", kind).bind("e", expiresAt).bind("now", now).execute() == 1;
    }

    /** Marks a license lapsed; false when it already was. */
    boolean lapse(Handle h, String id, long now) {
        return h.createUpdate("UPDATE licenses SET lapsed_at = :now WHERE id = :id AND lapsed_at IS NULL").bind("now", now).bind("id", id).execute() == 1;
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        License l = LicenseStore.map(rs, null); // columns 1..15; the row's own follow
        return new Row(l, rs.getString(16), PolicyStore.longOrNull(rs, 17), rs.getLong(18), PolicyStore.longOrNull(rs, 19));
    }
}
