package com.mintreu.engine.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.web.Json;
import com.mintreu.engine.web.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The audit log: who changed what. Features call {@link #record} inside the transaction of the
 * change itself, so a change and its audit row commit together or not at all.
 */
@Singleton
public final class AuditLog {

    /** Who acted and in which capacity; {@code id} null for the engine itself. */
    public record Actor(String id, String role) {
        public static final Actor SYSTEM = new Actor(null, "system");

        /** A signed-in caller acting as an admin when they are one, else in {@code role}. */
        public static Actor of(Principal p, String role) {
            return new Actor(p.userId(), p.isAdmin() ? "admin" : role);
        }
    }

    /** One row of the log; {@code detail} is the stored JSON object. */
    public record Entry(String id, String actorId, String actorRole, String action, String subjectType, String subjectId, String detail,
            long createdAt) {}

    private final Jdbi jdbi;
    private final Clock clock;

    @Inject
    AuditLog(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Appends a row in {@code h}'s transaction; {@code detail} must serialize as a JSON object. */
    public void record(Handle h, Actor actor, String action, String subjectType, String subjectId, Map<String, ?> detail) {
        String json;
        try {
            json = Json.MAPPER.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit detail is not serializable", e);
        }
        h.createUpdate("""
                INSERT INTO audit_log (id, actor_id, actor_role, action, subject_type, subject_id, detail, created_at)
                VALUES (:id, :actorId, :actorRole, :action, :subjectType, :subjectId, :detail, :now)""")
                .bind("id", Ids.next("aud")).bind("actorId", actor.id()).bind("actorRole", actor.role()).bind("action", action)
                .bind("subjectType", subjectType).bind("subjectId", subjectId).bind("detail", json).bind("now", clock.millis()).execute();
    }

    /** The rows about one subject, oldest first (at most {@code limit}). */
    public List<Entry> forSubject(String subjectType, String subjectId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT id, actor_id, actor_role, action, subject_type, subject_id, detail, created_at FROM audit_log
                WHERE subject_type = :t AND subject_id = :s ORDER BY created_at, id LIMIT :limit""")
                .bind("t", subjectType).bind("s", subjectId).bind("limit", limit)
                .map((rs, ctx) -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getLong(8)))
                .list());
    }
}
