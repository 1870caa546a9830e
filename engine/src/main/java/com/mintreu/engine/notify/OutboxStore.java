package com.mintreu.engine.notify;

import java.util.Collection;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

/**
 * SQL for delivering the outbox: outbox rows are fanned out once into one {@code outbox_deliveries}
 * row per subscriber, and each of those is delivered, retried and declared dead on its own.
 */
@Singleton
final class OutboxStore {

    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String DEAD = "dead";

    record Message(String id, String topic) {}

    record Due(String eventId, String subscriber, String topic, String payload, long createdAt, int attempts, long availableAt) {}

    /** A dead delivery, as the admin sees it. */
    record Dead(String eventId, String subscriber, String topic, int attempts, String lastError, long createdAt, long failedAt) {}

    private final Jdbi jdbi;

    @Inject
    OutboxStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    List<Message> notFannedOut(int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT id, topic FROM outbox WHERE delivered_at IS NULL ORDER BY created_at, id LIMIT :limit""")
                .bind("limit", limit).map((rs, ctx) -> new Message(rs.getString(1), rs.getString(2))).list());
    }

    /**
     * One delivery row per subscriber, then the row is marked fanned out, in one transaction. Nodes
     * racing on the same row insert nothing twice (primary key) and both end with the row marked.
     */
    void fanOut(Message m, Collection<String> subscribers, long now) {
        jdbi.useTransaction(h -> {
            for (String s : subscribers) {
                h.createUpdate("""
                        INSERT INTO outbox_deliveries (event_id, subscriber, topic, status, attempts, available_at, created_at)
                        VALUES (:id, :s, :topic, 'pending', 0, :now, :now)
                        ON CONFLICT (event_id, subscriber) DO NOTHING""")
                        .bind("id", m.id()).bind("s", s).bind("topic", m.topic()).bind("now", now).execute();
            }
            h.createUpdate("UPDATE outbox SET delivered_at = :now WHERE id = :id AND delivered_at IS NULL")
                    .bind("id", m.id()).bind("now", now).execute();
        });
    }

    /** Pending deliveries that are due, for the subscribers this node has. */
    List<Due> due(long now, Collection<String> subscribers, int limit) {
        if (subscribers.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT d.event_id, d.subscriber, d.topic, o.payload, o.created_at, d.attempts, d.available_at
                FROM outbox_deliveries d JOIN outbox o ON o.id = d.event_id
                WHERE d.status = 'pending' AND d.available_at <= :now AND d.subscriber IN (<subscribers>)
                ORDER BY d.available_at, d.event_id LIMIT :limit""")
                .bind("now", now).bindList("subscribers", List.copyOf(subscribers)).bind("limit", limit)
                .map((rs, ctx) -> new Due(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getInt(6),
                        rs.getLong(7)))
                .list());
    }

    /**
     * Takes the delivery for this node by pushing its availability past the lease, only if nobody
     * else moved it since we read it (row count 1 = ours). Two nodes never deliver it at once.
     */
    boolean claim(Due due, long leaseUntil) {
        return jdbi.withHandle(h -> h.createUpdate("""
                UPDATE outbox_deliveries SET available_at = :lease, attempts = attempts + 1
                WHERE event_id = :id AND subscriber = :s AND available_at = :seen AND attempts = :attempts AND status = 'pending'""")
                .bind("lease", leaseUntil).bind("id", due.eventId()).bind("s", due.subscriber()).bind("seen", due.availableAt())
                .bind("attempts", due.attempts()).execute()) == 1;
    }

    void delivered(Due due, long now) {
        jdbi.useHandle(h -> h.createUpdate("""
                UPDATE outbox_deliveries SET status = 'delivered', delivered_at = :now, last_error = NULL
                WHERE event_id = :id AND subscriber = :s""")
                .bind("id", due.eventId()).bind("s", due.subscriber()).bind("now", now).execute());
    }

    /** Records a failed attempt: due again at {@code retryAt}, or dead. */
    void failed(Due due, long retryAt, String error, boolean dead) {
        jdbi.useHandle(h -> h.createUpdate("""
                UPDATE outbox_deliveries SET status = :status, available_at = :retry, last_error = :error
                WHERE event_id = :id AND subscriber = :s""")
                .bind("status", dead ? DEAD : PENDING).bind("retry", retryAt).bind("error", error)
                .bind("id", due.eventId()).bind("s", due.subscriber()).execute());
    }

    /** Dead deliveries, oldest event first, after the cursor (event id, subscriber) when given. */
    List<Dead> dead(String afterEventId, String afterSubscriber, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT event_id, subscriber, topic, attempts, last_error, created_at, available_at FROM outbox_deliveries
                WHERE status = 'dead' AND (event_id > :after OR (event_id = :after AND subscriber > :afterSub))
                ORDER BY event_id, subscriber LIMIT :limit""")
                .bind("after", afterEventId == null ? "" : afterEventId).bind("afterSub", afterSubscriber == null ? "" : afterSubscriber).bind("limit", limit)
                .map((rs, ctx) -> new Dead(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5), rs.getLong(6),
                        rs.getLong(7)))
                .list());
    }

    /** A dead delivery becomes pending and due now, with fresh attempts; false when it is not dead. */
    boolean retry(String eventId, String subscriber, long now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                UPDATE outbox_deliveries SET status = 'pending', attempts = 0, available_at = :now
                WHERE event_id = :id AND subscriber = :s AND status = 'dead'""")
                .bind("id", eventId).bind("s", subscriber).bind("now", now).execute()) == 1;
    }
}
