package com.mintreu.engine.notify;

import java.util.List;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

/** SQL for delivering the outbox. */
@Singleton
final class OutboxStore {

    record Due(String id, String topic, String payload, int attempts, long availableAt) {}

    private final Jdbi jdbi;

    @Inject
    OutboxStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    List<Due> due(long now, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT id, topic, payload, attempts, available_at FROM outbox
                WHERE delivered_at IS NULL AND available_at <= :now
                ORDER BY available_at, id LIMIT :limit""")
                .bind("now", now).bind("limit", limit)
                .map((rs, ctx) -> new Due(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5)))
                .list());
    }

    /**
     * Takes the message for this node by pushing its availability past the lease, only if nobody
     * else moved it since we read it (row count 1 = ours). Two nodes never deliver it at once.
     */
    boolean claim(Due due, long leaseUntil) {
        return jdbi.withHandle(h -> h.createUpdate("""
                UPDATE outbox SET available_at = :lease, attempts = attempts + 1
                WHERE id = :id AND available_at = :seen AND attempts = :attempts AND delivered_at IS NULL""")
                .bind("lease", leaseUntil).bind("id", due.id()).bind("seen", due.availableAt()).bind("attempts", due.attempts())
                .execute()) == 1;
    }

    void delivered(String id, long now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE outbox SET delivered_at = :now, last_error = NULL WHERE id = :id")
                .bind("id", id).bind("now", now).execute());
    }

    void failed(String id, long retryAt, String error) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE outbox SET available_at = :retry, last_error = :error WHERE id = :id")
                .bind("id", id).bind("retry", retryAt).bind("error", error).execute());
    }
}
