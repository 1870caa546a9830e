package com.mintreu.engine.audit;

import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.web.Cursor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.web.Json;
import com.mintreu.engine.web.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The audit log: who changed what, on which object, from where. Features call {@link #record} inside
 * the transaction of the change itself, so a change and its audit row commit together or not at all.
 * Append-only; admins read it on {@code /admin/audit}.
 */
@Singleton
public final class AuditLog {

    /** Who acted, in which capacity and from which address; {@code id} null for the engine itself. */
    public record Actor(String id, String role, String ip) {
        public static final Actor SYSTEM = new Actor(null, "system", null);

        public Actor(String id, String role) {
            this(id, role, null);
        }

        /** A signed-in caller acting as an admin when they are one, else in {@code role}; the request's address. */
        public static Actor of(Principal p, String role) {
            return new Actor(p.userId(), p.isAdmin() ? "admin" : role, p.ip());
        }
    }

    /** One row of the log; {@code detail} is the stored JSON object. */
    public record Entry(String id, String actorId, String actorRole, String action, String subjectType, String subjectId, String detail,
            long createdAt, String ip) {}

    /**
     * What an admin looks for; every field optional (null). {@code action} matches a prefix
     * ({@code license.} finds every license action); {@code from}/{@code until} are epoch ms, until exclusive.
     */
    public record Filter(String actorId, String action, String subjectType, String subjectId, Long from, Long until) {}

    private static final String COLUMNS = " id, actor_id, actor_role, action, subject_type, subject_id, detail, created_at, ip ";

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
                INSERT INTO audit_log (id, actor_id, actor_role, action, subject_type, subject_id, detail, created_at, ip)
                VALUES (:id, :actorId, :actorRole, :action, :subjectType, :subjectId, :detail, :now, :ip)""")
                .bind("id", Ids.next("aud")).bind("actorId", actor.id()).bind("actorRole", actor.role()).bind("action", action)
                .bind("subjectType", subjectType).bind("subjectId", subjectId).bind("detail", json).bind("now", clock.millis())
                .bind("ip", actor.ip()).execute();
    }

    /** Appends a row in a transaction of its own (for changes that are not rows of ours, like a sign-in). */
    public void record(Actor actor, String action, String subjectType, String subjectId, Map<String, ?> detail) {
        jdbi.useTransaction(h -> record(h, actor, action, subjectType, subjectId, detail));
    }

    /** The rows about one subject, oldest first (at most {@code limit}). */
    public List<Entry> forSubject(String subjectType, String subjectId, int limit) {
        // a plain string: a one-line text block drops its leading space and glued FROM to the last column
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM audit_log WHERE subject_type = :t AND subject_id = :s ORDER BY created_at, id LIMIT :limit")
                .bind("t", subjectType).bind("s", subjectId).bind("limit", limit).map((rs, ctx) -> entry(rs)).list());
    }

    /**
     * The rows matching {@code f}, newest first, a page at a time. The cursor is the last row's
     * {@code created_at} and id, so rows written meanwhile never shift a page.
     */
    public Page<Entry> search(Filter f, PageRequest page) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object[]> binds = new ArrayList<>();
        add(where, binds, f.actorId(), " AND actor_id = :actor", "actor");
        if (f.action() != null) {
            where.append(" AND action LIKE :action ESCAPE '!'");
            binds.add(new Object[] {"action", f.action().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%"});
        }
        add(where, binds, f.subjectType(), " AND subject_type = :stype", "stype");
        add(where, binds, f.subjectId(), " AND subject_id = :sid", "sid");
        add(where, binds, f.from(), " AND created_at >= :from", "from");
        add(where, binds, f.until(), " AND created_at < :until", "until");
        where.append(" AND ").append(page.after("created_at", "id", true));
        List<Entry> rows = jdbi.withHandle(h -> {
            Query q = h.createQuery("SELECT " + COLUMNS + " FROM audit_log" + where + " ORDER BY created_at DESC, id DESC LIMIT :limit");
            binds.forEach(b -> q.bind((String) b[0], b[1]));
            return page.bind(q).map((rs, ctx) -> entry(rs)).list();
        });
        return Page.of(rows, page, e -> Cursor.of(e.createdAt(), e.id()));
    }

    private static void add(StringBuilder where, List<Object[]> binds, Object value, String clause, String name) {
        if (value != null) {
            where.append(clause);
            binds.add(new Object[] {name, value});
        }
    }

    private static Entry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getLong(8), rs.getString(9));
    }
}
