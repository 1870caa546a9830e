package com.mintreu.engine.metering;

import com.mintreu.engine.web.Cursor;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.web.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for API keys. Status changes are conditional UPDATEs: racing callers change a key once. */
@Singleton
final class ApiKeyStore {

    private static final String COLUMNS = "id, entitlement_id, customer_id, product_id, seller_id, name, key_prefix, status, created_at, "
            + "expires_at, rolled_to, revoked_at, revoke_reason, last_used_at";

    private final Jdbi jdbi;

    @Inject
    ApiKeyStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    void insert(Handle h, ApiKey k, String hash) {
        h.createUpdate("INSERT INTO api_keys (" + COLUMNS + ", key_hash) VALUES (:id, :entitlementId, :customerId, :productId, :sellerId, "
                + ":name, :prefix, :status, :createdAt, :expiresAt, :rolledTo, :revokedAt, :revokeReason, :lastUsedAt, :hash)")
                .bind("id", k.id()).bind("entitlementId", k.entitlementId()).bind("customerId", k.customerId()).bind("productId", k.productId())
                .bind("sellerId", k.sellerId()).bind("name", k.name()).bind("prefix", k.prefix()).bind("status", k.status().id())
                .bind("createdAt", k.createdAt()).bind("expiresAt", k.expiresAt()).bind("rolledTo", k.rolledTo()).bind("revokedAt", k.revokedAt())
                .bind("revokeReason", k.revokeReason()).bind("lastUsedAt", k.lastUsedAt()).bind("hash", hash).execute();
    }

    Optional<ApiKey> byHash(String hash) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM api_keys WHERE key_hash = :hash")
                .bind("hash", hash).map(ApiKeyStore::map).findOne());
    }

    Optional<ApiKey> byId(String id) {
        return jdbi.withHandle(h -> byId(h, id));
    }

    Optional<ApiKey> byId(Handle h, String id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM api_keys WHERE id = :id").bind("id", id).map(ApiKeyStore::map).findOne();
    }

    List<ApiKey> forEntitlement(Handle h, String entitlementId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM api_keys WHERE entitlement_id = :e ORDER BY created_at, id")
                .bind("e", entitlementId).map(ApiKeyStore::map).list();
    }

    List<ApiKey> forEntitlement(String entitlementId) {
        return jdbi.withHandle(h -> forEntitlement(h, entitlementId));
    }

    /** A seller's keys (of their products), newest first. */
    Page<ApiKey> forSeller(String sellerId, PageRequest page) {
        List<ApiKey> rows = jdbi.withHandle(h -> page.bind(h.createQuery("SELECT " + COLUMNS + " FROM api_keys WHERE seller_id = :s AND "
                        + page.after("created_at", "id", true) + " ORDER BY created_at DESC, id DESC LIMIT :limit"))
                .bind("s", sellerId).map(ApiKeyStore::map).list());
        return Page.of(rows, page, k -> Cursor.of(k.createdAt(), k.id()));
    }

    /** Locks the purchase's row (made on first use) until commit, so makers of its keys take turns. */
    void lockPurchase(Handle h, String entitlementId, long now) {
        h.createUpdate("INSERT INTO api_key_purchases (entitlement_id, created_at) VALUES (:e, :now) ON CONFLICT (entitlement_id) DO NOTHING")
                .bind("e", entitlementId).bind("now", now).execute();
        h.createUpdate("UPDATE api_key_purchases SET created_at = created_at WHERE entitlement_id = :e").bind("e", entitlementId).execute();
    }

    boolean rename(Handle h, String id, String name) {
        return h.createUpdate("UPDATE api_keys SET name = :name WHERE id = :id AND status <> 'revoked'").bind("id", id).bind("name", name)
                .execute() == 1;
    }

    /** Marks a key rolled: it keeps working until {@code expiresAt}. False when it was revoked or rolled already. */
    boolean roll(Handle h, String id, String successor, long expiresAt) {
        return h.createUpdate("UPDATE api_keys SET expires_at = :exp, rolled_to = :to WHERE id = :id AND status <> 'revoked' AND rolled_to IS NULL")
                .bind("id", id).bind("to", successor).bind("exp", expiresAt).execute() == 1;
    }

    boolean setStatus(Handle h, String id, ApiKey.Status from, ApiKey.Status to) {
        return h.createUpdate("UPDATE api_keys SET status = :to WHERE id = :id AND status = :from")
                .bind("id", id).bind("from", from.id()).bind("to", to.id()).execute() == 1;
    }

    boolean revoke(Handle h, String id, String reason, long now) {
        return h.createUpdate("UPDATE api_keys SET status = 'revoked', revoked_at = :now, revoke_reason = :reason WHERE id = :id AND status <> 'revoked'")
                .bind("id", id).bind("reason", reason).bind("now", now).execute() == 1;
    }

    void touch(String id, long now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE api_keys SET last_used_at = :now WHERE id = :id").bind("id", id).bind("now", now).execute());
    }

    private static ApiKey map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new ApiKey(rs.getString("id"), rs.getString("entitlement_id"), rs.getString("customer_id"), rs.getString("product_id"),
                rs.getString("seller_id"), rs.getString("name"), rs.getString("key_prefix"), ApiKey.Status.of(rs.getString("status")),
                rs.getLong("created_at"), nullableLong(rs, "expires_at"), rs.getString("rolled_to"), nullableLong(rs, "revoked_at"),
                rs.getString("revoke_reason"), nullableLong(rs, "last_used_at"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
