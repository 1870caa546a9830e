package com.mintreu.engine.order;

import com.mintreu.api.money.Money;
import com.mintreu.engine.db.Database;
import com.mintreu.engine.db.Dialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** SQL of {@code refunds}, {@code refund_lines}, {@code refund_events} and {@code disputes}; no rules beyond row counts. */
@Singleton
final class RefundStore {

    /** What {@link #transition} did. */
    enum Moved {
        APPLIED,
        /** The refund was no longer in {@code from}: another request moved it first. */
        STALE,
        /** {@code from → to} is not in {@link RefundStatus#next()}: not applied. */
        ILLEGAL
    }

    private final Jdbi jdbi;
    private final Dialect dialect;

    @Inject
    RefundStore(Jdbi jdbi, Database database) {
        this.jdbi = jdbi;
        this.dialect = database.dialect();
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /**
     * Serializes refunds of one order for the rest of the transaction, so two requests cannot both
     * take what is left of a line. PostgreSQL takes the order's row lock; SQLite holds the database's
     * write lock from the first statement of every write transaction (BEGIN IMMEDIATE).
     */
    void lockOrder(Handle h, String orderId) {
        if (dialect == Dialect.POSTGRESQL) {
            h.createQuery("SELECT id FROM orders WHERE id = :id FOR UPDATE").bind("id", orderId).mapTo(String.class).findOne();
        }
    }

    void insert(Handle h, Refund r, long now) {
        h.createUpdate("""
                INSERT INTO refunds (id, order_id, customer_id, status, source, reason, requested_by, amount_minor, currency, gateway,
                    idempotency_key, provider_refund_id, decided_by, decision_note, attempts, next_attempt_at, created_at, updated_at)
                VALUES (:id, :order, :customer, :status, :source, :reason, :by, :amount, :currency, :gateway, :key, :providerId,
                    :decidedBy, :note, 0, :now, :now, :now)""")
                .bind("id", r.id()).bind("order", r.orderId()).bind("customer", r.customerId()).bind("status", r.status().id())
                .bind("source", r.source()).bind("reason", r.reason()).bind("by", r.requestedBy()).bind("amount", r.amount().minor())
                .bind("currency", r.amount().currency()).bind("gateway", r.gateway()).bind("key", r.idempotencyKey())
                .bind("providerId", r.providerRefundId()).bind("decidedBy", r.decidedBy()).bind("note", r.decisionNote()).bind("now", now)
                .execute();
        for (Refund.Line l : r.lines()) {
            h.createUpdate("INSERT INTO refund_lines (refund_id, line_id, seller_id, amount_minor) VALUES (:r, :l, :s, :a)")
                    .bind("r", r.id()).bind("l", l.lineId()).bind("s", l.sellerId()).bind("a", l.amount().minor()).execute();
        }
        history(h, r.id(), null, r.status(), r.source(), now);
    }

    /**
     * Moves a refund from {@code from} to {@code to} only if the state machine allows it and the
     * refund is still in {@code from}: the conditional UPDATE is the lock, so two approvals racing
     * cannot both send money.
     */
    Moved transition(Handle h, String id, RefundStatus from, RefundStatus to, String note, long now) {
        if (!from.canMoveTo(to)) {
            return Moved.ILLEGAL;
        }
        int changed = h.createUpdate("UPDATE refunds SET status = :to, updated_at = :now WHERE id = :id AND status = :from")
                .bind("to", to.id()).bind("now", now).bind("id", id).bind("from", from.id()).execute();
        if (changed == 1) {
            history(h, id, from, to, note, now);
        }
        return changed == 1 ? Moved.APPLIED : Moved.STALE;
    }

    private static void history(Handle h, String id, RefundStatus from, RefundStatus to, String note, long now) {
        h.createUpdate("INSERT INTO refund_events (refund_id, from_status, to_status, note, at) VALUES (:id, :from, :to, :note, :at)")
                .bind("id", id).bind("from", from == null ? null : from.id()).bind("to", to.id()).bind("note", note).bind("at", now).execute();
    }

    void decided(Handle h, String id, String by, String note) {
        h.createUpdate("UPDATE refunds SET decided_by = :by, decision_note = :note WHERE id = :id")
                .bind("by", by).bind("note", note).bind("id", id).execute();
    }

    void providerRefundId(Handle h, String id, String providerRefundId) {
        h.createUpdate("UPDATE refunds SET provider_refund_id = :p WHERE id = :id AND provider_refund_id IS NULL")
                .bind("p", providerRefundId).bind("id", id).execute();
    }

    void failure(Handle h, String id, String failure) {
        h.createUpdate("UPDATE refunds SET failure = :f WHERE id = :id").bind("f", failure).bind("id", id).execute();
    }

    /**
     * Claims one attempt at the gateway: counts it and pushes the next attempt to {@code retryAt},
     * only if the refund is processing and due. The row count is the lease: two nodes (or the
     * retry job and an approval) never call the gateway for it at the same time within the lease.
     */
    boolean claimAttempt(Handle h, String id, long now, long retryAt) {
        return h.createUpdate("""
                UPDATE refunds SET attempts = attempts + 1, next_attempt_at = :retry, updated_at = :now
                WHERE id = :id AND status = 'processing' AND next_attempt_at <= :now""")
                .bind("retry", retryAt).bind("now", now).bind("id", id).execute() == 1;
    }

    /** Makes a processing refund's next attempt due now (an admin asked to check again). */
    void dueNow(Handle h, String id, long now) {
        h.createUpdate("UPDATE refunds SET next_attempt_at = :now WHERE id = :id AND status = 'processing' AND next_attempt_at > :now")
                .bind("now", now).bind("id", id).execute();
    }

    /** Processing refunds whose next attempt is due, oldest first. */
    List<String> due(long now, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT id FROM refunds WHERE status = 'processing' AND next_attempt_at <= :now ORDER BY next_attempt_at LIMIT :limit""")
                .bind("now", now).bind("limit", limit).mapTo(String.class).list());
    }

    Optional<Refund> find(String id) {
        return jdbi.withHandle(h -> find(h, id));
    }

    Optional<Refund> find(Handle h, String id) {
        return h.createQuery("SELECT * FROM refunds WHERE id = :id").bind("id", id).map(RefundStore::row).findOne().map(r -> withLines(h, r));
    }

    Optional<Refund> byProviderId(Handle h, String gateway, String providerRefundId) {
        return h.createQuery("SELECT * FROM refunds WHERE gateway = :g AND provider_refund_id = :p").bind("g", gateway)
                .bind("p", providerRefundId).map(RefundStore::row).findOne().map(r -> withLines(h, r));
    }

    /** Per line of the order: the minor units refunded or being refunded (every refund that holds its amount). */
    Map<String, Long> committedByLine(Handle h, String orderId, boolean succeededOnly) {
        Map<String, Long> out = new HashMap<>();
        h.createQuery("""
                SELECT rl.line_id, rl.amount_minor, r.status FROM refund_lines rl JOIN refunds r ON r.id = rl.refund_id
                WHERE r.order_id = :o""").bind("o", orderId).map((rs, ctx) -> {
                    RefundStatus s = RefundStatus.of(rs.getString(3));
                    if (succeededOnly ? s == RefundStatus.SUCCEEDED : s.holdsAmount()) {
                        out.merge(rs.getString(1), rs.getLong(2), Long::sum);
                    }
                    return null;
                }).list();
        return out;
    }

    /**
     * A page of refunds, newest first: of one order, of one seller's lines, of a status, or all
     * (each filter null when unused). {@code before} is the last id of the previous page.
     */
    List<Refund> list(String orderId, String sellerId, RefundStatus status, String before, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM refunds r WHERE 1 = 1");
        if (orderId != null) {
            sql.append(" AND r.order_id = :order");
        }
        if (sellerId != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM refund_lines rl WHERE rl.refund_id = r.id AND rl.seller_id = :seller)");
        }
        if (status != null) {
            sql.append(" AND r.status = :status");
        }
        if (before != null) {
            sql.append(" AND r.id < :before");
        }
        sql.append(" ORDER BY r.id DESC LIMIT :limit");
        return jdbi.withHandle(h -> {
            var q = h.createQuery(sql.toString()).bind("limit", limit);
            if (orderId != null) {
                q.bind("order", orderId);
            }
            if (sellerId != null) {
                q.bind("seller", sellerId);
            }
            if (status != null) {
                q.bind("status", status.id());
            }
            if (before != null) {
                q.bind("before", before);
            }
            return q.map(RefundStore::row).list().stream().map(r -> withLines(h, r)).toList();
        });
    }

    /** Emails of every admin (a dispute is told to all of them). */
    List<String> adminEmails(Handle h) {
        return h.createQuery("""
                SELECT u.email FROM users u JOIN user_roles r ON r.user_id = u.id WHERE r.role = 'admin' ORDER BY u.email""")
                .mapTo(String.class).list();
    }

    /** Stores a dispute the first time its provider id is seen; false when it was known. */
    boolean insertDispute(Handle h, String id, String orderId, String gateway, String providerId, Money amount, String reason, long now) {
        return h.createUpdate("""
                INSERT INTO disputes (id, order_id, gateway, provider_dispute_id, status, amount_minor, currency, reason, created_at, updated_at)
                VALUES (:id, :order, :g, :p, 'opened', :amount, :currency, :reason, :now, :now)
                ON CONFLICT (gateway, provider_dispute_id) DO NOTHING""")
                .bind("id", id).bind("order", orderId).bind("g", gateway).bind("p", providerId).bind("amount", amount.minor())
                .bind("currency", amount.currency()).bind("reason", reason).bind("now", now).execute() == 1;
    }

    /** The dispute's id by its provider id. */
    Optional<String> disputeId(Handle h, String gateway, String providerId) {
        return h.createQuery("SELECT id FROM disputes WHERE gateway = :g AND provider_dispute_id = :p").bind("g", gateway).bind("p", providerId)
                .mapTo(String.class).findOne();
    }

    /** Closes an open dispute; false when it was closed before (a dispute is decided once). */
    boolean closeDispute(Handle h, String id, String status, long now) {
        return h.createUpdate("UPDATE disputes SET status = :s, updated_at = :now WHERE id = :id AND status = 'opened'")
                .bind("s", status).bind("now", now).bind("id", id).execute() == 1;
    }

    private static Refund withLines(Handle h, Refund r) {
        List<Refund.Line> lines = h.createQuery("""
                SELECT rl.line_id, rl.seller_id, rl.amount_minor FROM refund_lines rl JOIN order_lines ol ON ol.id = rl.line_id
                WHERE rl.refund_id = :id ORDER BY ol.position""").bind("id", r.id())
                .map((rs, ctx) -> new Refund.Line(rs.getString(1), rs.getString(2), new Money(rs.getLong(3), r.amount().currency()))).list();
        return new Refund(r.id(), r.orderId(), r.customerId(), r.status(), r.source(), r.reason(), r.requestedBy(), r.amount(), r.gateway(),
                r.idempotencyKey(), r.providerRefundId(), r.decidedBy(), r.decisionNote(), r.failure(), r.attempts(), r.createdAt(),
                r.updatedAt(), lines);
    }

    private static Refund row(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws SQLException {
        return new Refund(rs.getString("id"), rs.getString("order_id"), rs.getString("customer_id"), RefundStatus.of(rs.getString("status")),
                rs.getString("source"), rs.getString("reason"), rs.getString("requested_by"),
                new Money(rs.getLong("amount_minor"), rs.getString("currency")), rs.getString("gateway"), rs.getString("idempotency_key"),
                rs.getString("provider_refund_id"), rs.getString("decided_by"), rs.getString("decision_note"), rs.getString("failure"),
                rs.getInt("attempts"), rs.getLong("created_at"), rs.getLong("updated_at"), List.of());
    }
}
