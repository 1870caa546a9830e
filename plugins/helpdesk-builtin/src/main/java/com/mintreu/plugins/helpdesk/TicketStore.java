package com.mintreu.plugins.helpdesk;

import com.mintreu.api.helpdesk.Attachment;
import com.mintreu.api.helpdesk.HelpdeskException;
import com.mintreu.api.helpdesk.HelpdeskException.Reason;
import com.mintreu.api.helpdesk.NewMessage;
import com.mintreu.api.helpdesk.NewTicket;
import com.mintreu.api.helpdesk.Side;
import com.mintreu.api.helpdesk.Ticket;
import com.mintreu.api.helpdesk.TicketLink;
import com.mintreu.api.helpdesk.TicketMessage;
import com.mintreu.api.helpdesk.TicketPage;
import com.mintreu.api.helpdesk.TicketPriority;
import com.mintreu.api.helpdesk.TicketQuery;
import com.mintreu.api.helpdesk.TicketStatus;
import com.mintreu.api.helpdesk.TicketThread;
import com.mintreu.api.helpdesk.TicketUpdate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Update;

/**
 * The SQL of the built-in helpdesk. A status is only ever written by an UPDATE whose WHERE names the
 * statuses the move is allowed from, checked by its row count: two racing moves cannot both apply,
 * and a move outside {@link TicketStatus#canMoveTo} writes nothing.
 */
final class TicketStore {

    private static final String COLUMNS = """
            id, customer_id, seller_id, assignee_id, link_kind, link_id, product_id, subject, status, priority,
            created_at, updated_at, first_response_at, solved_at, closed_at""";

    private final Jdbi jdbi;
    private final Supplier<Clock> clock;

    /** {@code clock} is asked on every write: the engine (and a test) may replace it. */
    TicketStore(Jdbi jdbi, Supplier<Clock> clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    Ticket open(NewTicket t) {
        long now = clock.get().millis();
        return jdbi.inTransaction(h -> {
            TicketLink link = t.link();
            int inserted = h.createUpdate("""
                            INSERT INTO helpdesk_builtin_tickets (id, customer_id, seller_id, assignee_id, link_kind, link_id, product_id,
                                subject, status, priority, created_at, updated_at)
                            SELECT :id, :customer, :seller, :seller, :kind, :linkId, :product, :subject, :status, :priority, :now, :now
                            WHERE NOT EXISTS (SELECT 1 FROM helpdesk_builtin_tickets WHERE id = :id)""")
                    .bind("id", t.id())
                    .bind("customer", t.customerId())
                    .bind("seller", t.sellerId())
                    .bind("kind", link == null ? null : link.kind().id())
                    .bind("linkId", link == null ? null : link.id())
                    .bind("product", link == null ? null : link.productId())
                    .bind("subject", t.subject())
                    .bind("status", TicketStatus.OPEN.id())
                    .bind("priority", t.priority().id())
                    .bind("now", now)
                    .execute();
            if (inserted == 0) {
                throw new HelpdeskException(Reason.CONFLICT, "ticket " + t.id() + " exists already");
            }
            insertMessage(h, t.first(), now);
            return ticket(h, t.id()).orElseThrow();
        });
    }

    TicketMessage addMessage(NewMessage m) {
        long now = clock.get().millis();
        return jdbi.inTransaction(h -> {
            boolean staffReply = !m.internal() && m.side() != Side.CUSTOMER;
            // the same UPDATE bumps updated_at, takes the row (serialising appends) and, when asked, moves the status
            StringBuilder sql = new StringBuilder("UPDATE helpdesk_builtin_tickets SET updated_at = :now, "
                    + "first_response_at = CASE WHEN :staff = 1 AND first_response_at IS NULL THEN :now ELSE first_response_at END");
            Set<TicketStatus> from = Set.of();
            if (m.moveTo() != null) {
                from = new java.util.HashSet<>(TicketStatus.from(m.moveTo()));
                from.add(m.moveTo()); // moving to where it already is: no change, not a conflict
                sql.append(", ").append(statusAssignments(m.moveTo(), true));
            }
            sql.append(" WHERE id = :id");
            Map<String, Object> statusParams = inClause(sql, from);
            Update u = h.createUpdate(sql.toString()).bind("now", now).bind("staff", staffReply ? 1 : 0).bind("id", m.ticketId());
            statusParams.forEach(u::bind);
            if (m.moveTo() != null) {
                u.bind("to", m.moveTo().id());
            }
            if (u.execute() == 0) {
                throw missingOrConflict(h, m.ticketId(), m.moveTo());
            }
            insertMessage(h, m, now);
            return messages(h, m.ticketId()).stream().filter(x -> x.id().equals(m.id())).findFirst().orElseThrow();
        });
    }

    Ticket update(TicketUpdate up) {
        long now = clock.get().millis();
        return jdbi.inTransaction(h -> {
            if (up.status() != null) {
                StringBuilder sql = new StringBuilder("UPDATE helpdesk_builtin_tickets SET updated_at = :now, ")
                        .append(statusAssignments(up.status(), false)).append(" WHERE id = :id");
                Map<String, Object> params = inClause(sql, TicketStatus.from(up.status()));
                Update u = h.createUpdate(sql.toString()).bind("now", now).bind("id", up.ticketId()).bind("to", up.status().id());
                params.forEach(u::bind);
                if (u.execute() == 0) {
                    throw missingOrConflict(h, up.ticketId(), up.status());
                }
            }
            if (up.priority() != null || up.assigneeId() != null) {
                int n = h.createUpdate("""
                                UPDATE helpdesk_builtin_tickets SET updated_at = :now,
                                    priority = COALESCE(:priority, priority), assignee_id = COALESCE(:assignee, assignee_id)
                                WHERE id = :id""")
                        .bind("now", now)
                        .bind("priority", up.priority() == null ? null : up.priority().id())
                        .bind("assignee", up.assigneeId())
                        .bind("id", up.ticketId())
                        .execute();
                if (n == 0) {
                    throw new HelpdeskException(Reason.NOT_FOUND, "ticket " + up.ticketId() + " not found");
                }
            }
            return ticket(h, up.ticketId()).orElseThrow(() -> new HelpdeskException(Reason.NOT_FOUND, "ticket " + up.ticketId() + " not found"));
        });
    }

    Optional<TicketThread> thread(String ticketId) {
        return jdbi.withHandle(h -> ticket(h, ticketId).map(t -> new TicketThread(t, messages(h, ticketId))));
    }

    TicketPage list(TicketQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM helpdesk_builtin_tickets WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (q.customerId() != null) {
            sql.append(" AND customer_id = :customer");
            params.put("customer", q.customerId());
        }
        if (q.sellerId() != null) {
            sql.append(" AND seller_id = :seller");
            params.put("seller", q.sellerId());
        }
        if (q.adminQueue()) {
            sql.append(" AND seller_id IS NULL");
        }
        if (q.productId() != null) {
            sql.append(" AND product_id = :product");
            params.put("product", q.productId());
        }
        if (q.createdSince() != null) {
            sql.append(" AND created_at >= :since");
            params.put("since", q.createdSince());
        }
        if (q.cursor() != null) {
            sql.append(" AND id < :cursor");
            params.put("cursor", q.cursor());
        }
        if (!q.statuses().isEmpty()) {
            sql.append(" AND status IN (");
            int i = 0;
            for (TicketStatus s : q.statuses()) {
                sql.append(i == 0 ? "" : ", ").append(":st").append(i);
                params.put("st" + i, s.id());
                i++;
            }
            sql.append(')');
        }
        sql.append(" ORDER BY id DESC LIMIT :limit");
        params.put("limit", q.limit() + 1);
        List<Ticket> rows = jdbi.withHandle(h -> {
            var query = h.createQuery(sql.toString());
            params.forEach(query::bind);
            return query.map((rs, ctx) -> ticket(rs)).list();
        });
        if (rows.size() > q.limit()) {
            List<Ticket> page = rows.subList(0, q.limit());
            return new TicketPage(page, page.get(page.size() - 1).id());
        }
        return new TicketPage(rows, null);
    }

    /** The SET part of a move to {@code to}: the resolution time follows SOLVED, the close time CLOSED. */
    private static String statusAssignments(TicketStatus to, boolean mayStay) {
        String solved = switch (to) {
            case SOLVED -> mayStay ? "CASE WHEN status = :to THEN solved_at ELSE :now END" : ":now";
            case CLOSED -> "solved_at";
            default -> "NULL";
        };
        String closed = to == TicketStatus.CLOSED ? (mayStay ? "CASE WHEN status = :to THEN closed_at ELSE :now END" : ":now") : "closed_at";
        return "status = :to, solved_at = " + solved + ", closed_at = " + closed;
    }

    /** Appends {@code AND status IN (...)} for {@code allowed} to {@code sql}; the bind values, by name. */
    private static Map<String, Object> inClause(StringBuilder sql, Set<TicketStatus> allowed) {
        Map<String, Object> params = new LinkedHashMap<>();
        if (allowed.isEmpty()) {
            return params;
        }
        sql.append(" AND status IN (");
        int i = 0;
        for (TicketStatus s : allowed) {
            sql.append(i == 0 ? "" : ", ").append(":from").append(i);
            params.put("from" + i, s.id());
            i++;
        }
        sql.append(')');
        return params;
    }

    private HelpdeskException missingOrConflict(Handle h, String ticketId, TicketStatus to) {
        return ticket(h, ticketId)
                .map(t -> new HelpdeskException(Reason.CONFLICT, "ticket " + ticketId + " is " + t.status().label()
                        + " and cannot move to " + (to == null ? "?" : to.label())))
                .orElseGet(() -> new HelpdeskException(Reason.NOT_FOUND, "ticket " + ticketId + " not found"));
    }

    private static void insertMessage(Handle h, NewMessage m, long now) {
        h.createUpdate("""
                        INSERT INTO helpdesk_builtin_messages (id, ticket_id, author_id, side, internal, body, created_at)
                        VALUES (:id, :ticket, :author, :side, :internal, :body, :now)""")
                .bind("id", m.id())
                .bind("ticket", m.ticketId())
                .bind("author", m.authorId())
                .bind("side", m.side().id())
                .bind("internal", m.internal() ? 1 : 0)
                .bind("body", m.body())
                .bind("now", now)
                .execute();
        int position = 0;
        for (Attachment a : m.attachments()) {
            h.createUpdate("""
                            INSERT INTO helpdesk_builtin_attachments (id, message_id, position, file_name, content_type, size, storage_key)
                            VALUES (:id, :message, :position, :name, :type, :size, :key)""")
                    .bind("id", a.id())
                    .bind("message", m.id())
                    .bind("position", position++)
                    .bind("name", a.fileName())
                    .bind("type", a.contentType())
                    .bind("size", a.size())
                    .bind("key", a.storageKey())
                    .execute();
        }
    }

    private static Optional<Ticket> ticket(Handle h, String id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM helpdesk_builtin_tickets WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> ticket(rs))
                .findOne();
    }

    private static List<TicketMessage> messages(Handle h, String ticketId) {
        Map<String, List<Attachment>> files = new HashMap<>();
        h.createQuery("""
                        SELECT a.message_id, a.id, a.file_name, a.content_type, a.size, a.storage_key
                        FROM helpdesk_builtin_attachments a JOIN helpdesk_builtin_messages m ON m.id = a.message_id
                        WHERE m.ticket_id = :ticket ORDER BY a.message_id, a.position""")
                .bind("ticket", ticketId)
                .map((rs, ctx) -> {
                    files.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new Attachment(rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6)));
                    return 0;
                })
                .list();
        return h.createQuery("""
                        SELECT id, ticket_id, author_id, side, internal, body, created_at FROM helpdesk_builtin_messages
                        WHERE ticket_id = :ticket ORDER BY created_at, id""")
                .bind("ticket", ticketId)
                .map((rs, ctx) -> new TicketMessage(rs.getString(1), rs.getString(2), rs.getString(3), Side.of(rs.getString(4)),
                        rs.getInt(5) == 1, rs.getString(6), files.getOrDefault(rs.getString(1), List.of()), rs.getLong(7)))
                .list();
    }

    private static Ticket ticket(ResultSet rs) throws SQLException {
        String kind = rs.getString("link_kind");
        TicketLink link = kind == null ? null : new TicketLink(TicketLink.Kind.of(kind), rs.getString("link_id"), rs.getString("product_id"));
        return new Ticket(rs.getString("id"), rs.getString("customer_id"), rs.getString("seller_id"), rs.getString("assignee_id"), link,
                rs.getString("subject"), TicketStatus.of(rs.getString("status")), TicketPriority.of(rs.getString("priority")),
                rs.getLong("created_at"), rs.getLong("updated_at"), nullableLong(rs, "first_response_at"), nullableLong(rs, "solved_at"),
                nullableLong(rs, "closed_at"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
