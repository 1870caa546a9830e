package com.mintreu.engine.entitlement;

import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.web.Cursor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.mintreu.engine.web.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for entitlements. */
@Singleton
final class EntitlementStore {

    private static final String COLUMNS = "id, customer_id, order_id, line_id, product_id, title, kind, data, status, uses, created_at, expires_at, revoked_at, updates_until";
    private static final TypeReference<Map<String, String>> DATA = new TypeReference<>() {};

    private final Jdbi jdbi;

    @Inject
    EntitlementStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /** Inserts unless the line already has an entitlement of this kind; true when inserted. */
    boolean insert(Entitlement e) {
        return jdbi.withHandle(h -> insert(h, e));
    }

    /** As {@link #insert(Entitlement)}, in {@code h}'s transaction. */
    boolean insert(Handle h, Entitlement e) {
        String data;
        try {
            data = Json.MAPPER.writeValueAsString(e.data());
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("entitlement data is not serializable", ex);
        }
        return h.createUpdate("INSERT INTO entitlements (" + COLUMNS + """
                ) VALUES (:id, :customerId, :orderId, :lineId, :productId, :title, :kind, :data, :status, 0, :createdAt, :expiresAt, NULL, NULL)
                ON CONFLICT (line_id, kind) DO NOTHING""")
                .bind("id", e.id()).bind("customerId", e.customerId()).bind("orderId", e.orderId()).bind("lineId", e.lineId())
                .bind("productId", e.productId()).bind("title", e.title()).bind("kind", e.kind()).bind("data", data)
                .bind("status", e.status().name().toLowerCase(Locale.ROOT)).bind("createdAt", e.createdAt()).bind("expiresAt", e.expiresAt())
                .execute() == 1;
    }

    Optional<Entitlement> byId(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM entitlements WHERE id = :id")
                .bind("id", id).map(EntitlementStore::map).findOne());
    }

    Optional<Entitlement> byLine(String lineId, String kind) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM entitlements WHERE line_id = :line AND kind = :kind")
                .bind("line", lineId).bind("kind", kind).map(EntitlementStore::map).findOne());
    }

    /** Entitlements of {@code kind} with an id after {@code afterId} (empty string: from the first), in id order: a job's batch. */
    List<Entitlement> ofKind(String kind, String afterId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM entitlements WHERE kind = :kind AND id > :after ORDER BY id LIMIT :limit")
                .bind("kind", kind).bind("after", afterId).bind("limit", limit).map(EntitlementStore::map).list());
    }

    List<Entitlement> forOrder(String orderId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM entitlements WHERE order_id = :o ORDER BY created_at, id")
                .bind("o", orderId).map(EntitlementStore::map).list());
    }

    Page<Entitlement> forCustomer(String customerId, PageRequest page) {
        List<Entitlement> rows = jdbi.withHandle(h -> page.bind(h.createQuery("SELECT " + COLUMNS + " FROM entitlements WHERE customer_id = :c AND "
                        + page.after("created_at", "id", true) + " ORDER BY created_at DESC, id DESC LIMIT :limit"))
                .bind("c", customerId).map(EntitlementStore::map).list());
        return Page.of(rows, page, e -> Cursor.of(e.createdAt(), e.id()));
    }

    /**
     * Takes one use when fewer than {@code max} were taken: one conditional UPDATE, so concurrent
     * downloads can never exceed the limit. True when the use was taken.
     */
    boolean takeUse(String id, int max) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE entitlements SET uses = uses + 1 WHERE id = :id AND status = 'active' AND uses < :max")
                .bind("id", id).bind("max", max).execute()) == 1;
    }

    /**
     * The entitlement and the others granted for the same order line (a software line's download
     * and license), oldest first; just the entitlement when it has no line (a manual grant).
     */
    List<Entitlement> purchase(Handle h, String id) {
        return h.createQuery("SELECT " + COLUMNS + """
                 FROM entitlements WHERE id = :id OR line_id = (SELECT line_id FROM entitlements WHERE id = :id)
                ORDER BY created_at, id""").bind("id", id).map(EntitlementStore::map).list();
    }

    /** Marks an active entitlement revoked; false when it was not active (a conditional UPDATE, so racing revokers count once). */
    boolean revoke(Handle h, String id, String reason, long now) {
        return h.createUpdate("""
                UPDATE entitlements SET status = 'revoked', revoked_at = :now, revoke_reason = :reason
                WHERE id = :id AND status = 'active'""")
                .bind("id", id).bind("now", now).bind("reason", reason).execute() == 1;
    }

    /** Download ids granted by an order line (a subscription's first order line). */
    List<String> downloadsByLine(String lineId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM entitlements WHERE line_id = :line AND kind = 'download'")
                .bind("line", lineId).mapTo(String.class).list());
    }

    /**
     * Sets the line's downloads' updates time to {@code until}: {@code exact} sets it (a cancel),
     * otherwise it only moves forward (a paid period), so a late or repeated event never shortens it.
     * One conditional UPDATE each: idempotent under redelivery. The number of rows changed.
     */
    int setUpdatesUntil(String lineId, long until, boolean exact) {
        String guard = exact ? "(updates_until IS NULL OR updates_until <> :until)" : "(updates_until IS NULL OR updates_until < :until)";
        return jdbi.withHandle(h -> h.createUpdate("UPDATE entitlements SET updates_until = :until WHERE line_id = :line AND kind = 'download' AND "
                + guard).bind("until", until).bind("line", lineId).execute());
    }

    void setCustomer(Handle h, String id, String customerId) {
        h.createUpdate("UPDATE entitlements SET customer_id = :c WHERE id = :id").bind("c", customerId).bind("id", id).execute();
    }

    private static Entitlement map(ResultSet rs, StatementContext ctx) throws SQLException {
        Map<String, String> data;
        try {
            data = Json.MAPPER.readValue(rs.getString(8), DATA);
        } catch (JsonProcessingException e) {
            throw new SQLException("entitlement " + rs.getString(1) + " has unreadable data", e);
        }
        long expires = rs.getLong(12);
        Long expiresAt = rs.wasNull() ? null : expires;
        long revoked = rs.getLong(13);
        Long revokedAt = rs.wasNull() ? null : revoked;
        long updates = rs.getLong(14);
        Long updatesUntil = rs.wasNull() ? null : updates;
        return new Entitlement(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), data, Entitlement.Status.valueOf(rs.getString(9).toUpperCase(Locale.ROOT)), rs.getInt(10), rs.getLong(11),
                expiresAt, revokedAt, updatesUntil);
    }
}
