package com.mintreu.engine.webhook;

import com.mintreu.engine.web.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** SQL of webhook endpoints, their messages and the delivery log. No rules here. */
@Singleton
final class WebhookStore {

    private static final String ENDPOINT = """
            SELECT id, seller_id, url, description, events, secret_sealed, previous_sealed, previous_until, status, disabled_reason,
                   failing_since, created_at FROM webhook_endpoints""";
    private static final String MESSAGE = """
            SELECT id, endpoint_id, event_id, type, payload, status, attempts, next_at, created_at, delivered_at FROM webhook_messages""";

    private final Jdbi jdbi;

    @Inject
    WebhookStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    void insert(Handle h, WebhookEndpoint e) {
        h.createUpdate("""
                INSERT INTO webhook_endpoints (id, seller_id, url, description, events, secret_sealed, status, created_at)
                VALUES (:id, :seller, :url, :description, :events, :secret, :status, :at)""")
                .bind("id", e.id()).bind("seller", e.sellerId()).bind("url", e.url()).bind("description", e.description())
                .bind("events", String.join(" ", e.events())).bind("secret", e.secretSealed()).bind("status", e.status())
                .bind("at", e.createdAt()).execute();
    }

    Optional<WebhookEndpoint> endpoint(String id) {
        return jdbi.withHandle(h -> h.createQuery(ENDPOINT + " WHERE id = :id").bind("id", id).map((rs, ctx) -> endpoint(rs)).findOne());
    }

    /** The seller's endpoints, newest first. */
    List<WebhookEndpoint> endpointsOf(String sellerId, PageRequest page) {
        return jdbi.withHandle(h -> page.bind(h.createQuery(ENDPOINT + " WHERE seller_id = :seller AND "
                + page.after("created_at", "id", true) + " ORDER BY created_at DESC, id DESC LIMIT :limit").bind("seller", sellerId))
                .map((rs, ctx) -> endpoint(rs)).list());
    }

    List<WebhookEndpoint> activeEndpointsOf(Handle h, String sellerId) {
        return h.createQuery(ENDPOINT + " WHERE seller_id = :seller AND status = 'active' ORDER BY created_at, id").bind("seller", sellerId)
                .map((rs, ctx) -> endpoint(rs)).list();
    }

    boolean update(String id, String url, String description, List<String> events) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE webhook_endpoints SET url = :url, description = :d, events = :events WHERE id = :id")
                .bind("id", id).bind("url", url).bind("d", description).bind("events", String.join(" ", events)).execute()) == 1;
    }

    void delete(String id) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM webhook_attempts WHERE message_id IN (SELECT id FROM webhook_messages WHERE endpoint_id = :id)")
                    .bind("id", id).execute();
            h.createUpdate("DELETE FROM webhook_messages WHERE endpoint_id = :id").bind("id", id).execute();
            h.createUpdate("DELETE FROM webhook_endpoints WHERE id = :id").bind("id", id).execute();
        });
    }

    void rotate(String id, String sealed, String previousSealed, long previousUntil) {
        jdbi.useHandle(h -> h.createUpdate("""
                UPDATE webhook_endpoints SET secret_sealed = :s, previous_sealed = :p, previous_until = :until WHERE id = :id""")
                .bind("id", id).bind("s", sealed).bind("p", previousSealed).bind("until", previousUntil).execute());
    }

    /** Active again: failures start counting afresh. */
    boolean enable(String id) {
        return jdbi.withHandle(h -> h.createUpdate("""
                UPDATE webhook_endpoints SET status = 'active', disabled_reason = NULL, failing_since = NULL WHERE id = :id AND status = 'disabled'""")
                .bind("id", id).execute()) == 1;
    }

    void succeeded(Handle h, String endpointId) {
        h.createUpdate("UPDATE webhook_endpoints SET failing_since = NULL WHERE id = :id AND failing_since IS NOT NULL").bind("id", endpointId).execute();
    }

    void failing(Handle h, String endpointId, long at) {
        h.createUpdate("UPDATE webhook_endpoints SET failing_since = :at WHERE id = :id AND failing_since IS NULL")
                .bind("id", endpointId).bind("at", at).execute();
    }

    /** Disables the endpoint when it is active and has been failing since {@code failingBefore} or earlier; true for the one caller that did. */
    boolean disableIfFailingSince(Handle h, String endpointId, long failingBefore, String reason) {
        return h.createUpdate("""
                UPDATE webhook_endpoints SET status = 'disabled', disabled_reason = :reason
                WHERE id = :id AND status = 'active' AND failing_since IS NOT NULL AND failing_since <= :before""")
                .bind("id", endpointId).bind("before", failingBefore).bind("reason", reason).execute() == 1;
    }

    /** A message for an endpoint, once per event: a redelivered event inserts nothing. */
    boolean insert(Handle h, WebhookMessage m) {
        return h.createUpdate("""
                INSERT INTO webhook_messages (id, endpoint_id, event_id, type, payload, status, attempts, next_at, created_at)
                VALUES (:id, :endpoint, :event, :type, :payload, 'pending', 0, :at, :at)
                ON CONFLICT (endpoint_id, event_id) DO NOTHING""")
                .bind("id", m.id()).bind("endpoint", m.endpointId()).bind("event", m.eventId()).bind("type", m.type())
                .bind("payload", m.payload()).bind("at", m.createdAt()).execute() == 1;
    }

    Optional<WebhookMessage> message(String id) {
        return jdbi.withHandle(h -> h.createQuery(MESSAGE + " WHERE id = :id").bind("id", id).map((rs, ctx) -> message(rs)).findOne());
    }

    /** Pending messages that are due, of active endpoints, oldest due first. */
    List<WebhookMessage> due(long now, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT m.id, m.endpoint_id, m.event_id, m.type, m.payload, m.status, m.attempts, m.next_at, m.created_at, m.delivered_at
                FROM webhook_messages m JOIN webhook_endpoints e ON e.id = m.endpoint_id
                WHERE m.status = 'pending' AND m.next_at <= :now AND e.status = 'active'
                ORDER BY m.next_at, m.id LIMIT :limit""")
                .bind("now", now).bind("limit", limit).map((rs, ctx) -> message(rs)).list());
    }

    /**
     * Takes the message for this node by moving its due time to the lease's end, only if nobody
     * moved it since it was read (row count 1 = ours): one node attempts a message at a time.
     */
    boolean claim(WebhookMessage m, long leaseUntil) {
        return jdbi.withHandle(h -> h.createUpdate("""
                UPDATE webhook_messages SET next_at = :lease, attempts = attempts + 1
                WHERE id = :id AND status = 'pending' AND next_at = :seen AND attempts = :attempts""")
                .bind("lease", leaseUntil).bind("id", m.id()).bind("seen", m.nextAt()).bind("attempts", m.attempts()).execute()) == 1;
    }

    /** Gives back a claim that made no attempt: due at {@code at}, the attempt uncounted. */
    void release(String messageId, long at) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE webhook_messages SET next_at = :at, attempts = attempts - 1 WHERE id = :id AND status = 'pending'")
                .bind("id", messageId).bind("at", at).execute());
    }

    void attempt(Handle h, WebhookAttempt a) {
        h.createUpdate("""
                INSERT INTO webhook_attempts (id, message_id, attempted_at, status_code, duration_ms, error)
                VALUES (:id, :message, :at, :code, :ms, :error)""")
                .bind("id", a.id()).bind("message", a.messageId()).bind("at", a.attemptedAt()).bind("code", a.statusCode())
                .bind("ms", a.durationMs()).bind("error", a.error()).execute();
    }

    /** When the message was first attempted. */
    Optional<Long> firstAttempt(Handle h, String messageId) {
        return h.createQuery("SELECT MIN(attempted_at) FROM webhook_attempts WHERE message_id = :id").bind("id", messageId)
                .mapTo(Long.class).findOne();
    }

    void delivered(Handle h, String messageId, long now) {
        h.createUpdate("UPDATE webhook_messages SET status = 'delivered', delivered_at = :now WHERE id = :id")
                .bind("id", messageId).bind("now", now).execute();
    }

    /** Due again at {@code at}, or failed for good when {@code at} is null. */
    void retryOrFail(Handle h, String messageId, Long at) {
        h.createUpdate("UPDATE webhook_messages SET status = :status, next_at = COALESCE(:at, next_at) WHERE id = :id")
                .bind("id", messageId).bind("status", at == null ? WebhookMessage.FAILED : WebhookMessage.PENDING).bind("at", at).execute();
    }

    /**
     * "Send again": pending and due now, whatever it was; attempts keep counting so the log stays
     * whole. Not while a node is sending it (claimed: more attempts counted than logged), so a
     * message is never attempted twice at once. False when it was in flight.
     */
    boolean resend(String messageId, long now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                UPDATE webhook_messages SET status = 'pending', next_at = :now
                WHERE id = :id AND attempts <= (SELECT COUNT(*) FROM webhook_attempts a WHERE a.message_id = webhook_messages.id)""")
                .bind("id", messageId).bind("now", now).execute()) == 1;
    }

    /** The endpoint's messages, newest first. */
    List<WebhookMessage> messagesOf(String endpointId, PageRequest page) {
        return jdbi.withHandle(h -> page.bind(h.createQuery(MESSAGE + " WHERE endpoint_id = :e AND " + page.after("created_at", "id", true)
                + " ORDER BY created_at DESC, id DESC LIMIT :limit").bind("e", endpointId)).map((rs, ctx) -> message(rs)).list());
    }

    /** The attempts of those messages, oldest first. */
    List<WebhookAttempt> attemptsOf(Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT id, message_id, attempted_at, status_code, duration_ms, error FROM webhook_attempts
                WHERE message_id IN (<ids>) ORDER BY attempted_at, id""")
                .bindList("ids", List.copyOf(messageIds))
                .map((rs, ctx) -> {
                    int code = rs.getInt(4);
                    Integer status = rs.wasNull() ? null : code;
                    return new WebhookAttempt(rs.getString(1), rs.getString(2), rs.getLong(3), status, rs.getLong(5), rs.getString(6));
                })
                .list());
    }

    /** Deletes finished (delivered or failed) messages created before {@code before}, with their attempts; returns how many. */
    int purge(long before) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("""
                    DELETE FROM webhook_attempts WHERE message_id IN
                    (SELECT id FROM webhook_messages WHERE status <> 'pending' AND created_at < :before)""").bind("before", before).execute();
            return h.createUpdate("DELETE FROM webhook_messages WHERE status <> 'pending' AND created_at < :before").bind("before", before).execute();
        });
    }

    Optional<String> email(Handle h, String userId) {
        return h.createQuery("SELECT email FROM users WHERE id = :id").bind("id", userId).mapTo(String.class).findOne();
    }

    private static WebhookEndpoint endpoint(ResultSet rs) throws SQLException {
        long until = rs.getLong("previous_until");
        Long previousUntil = rs.wasNull() ? null : until;
        long since = rs.getLong("failing_since");
        Long failingSince = rs.wasNull() ? null : since;
        String events = rs.getString("events");
        return new WebhookEndpoint(rs.getString("id"), rs.getString("seller_id"), rs.getString("url"), rs.getString("description"),
                events.isBlank() ? List.of() : Arrays.asList(events.split(" ")), rs.getString("secret_sealed"), rs.getString("previous_sealed"),
                previousUntil, rs.getString("status"), rs.getString("disabled_reason"), failingSince, rs.getLong("created_at"));
    }

    private static WebhookMessage message(ResultSet rs) throws SQLException {
        long d = rs.getLong("delivered_at");
        Long deliveredAt = rs.wasNull() ? null : d;
        return new WebhookMessage(rs.getString("id"), rs.getString("endpoint_id"), rs.getString("event_id"), rs.getString("type"),
                rs.getString("payload"), rs.getString("status"), rs.getInt("attempts"), rs.getLong("next_at"), rs.getLong("created_at"), deliveredAt);
    }
}
