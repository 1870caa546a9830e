package com.mintreu.engine.message;

import com.mintreu.engine.web.PageRequest;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** SQL of conversations, messages and reports. Writes take the caller's handle, so a message, its mail and its audit row commit together. */
@Singleton
final class MessageStore {

    private static final String CONVERSATION = "c.id, c.product_id, c.product_title, c.customer_id, c.customer_name, c.seller_id, c.subject, "
            + "c.last_from, c.customer_unread, c.seller_unread, c.created_at, c.last_message_at";
    private static final String MESSAGE = "m.id, m.conversation_id, m.author_id, m.side, m.body, m.hidden_at, m.created_at";
    private static final RowMapper<Conversation> CONVERSATIONS = (rs, ctx) -> new Conversation(rs.getString("id"), rs.getString("product_id"),
            rs.getString("product_title"), rs.getString("customer_id"), rs.getString("customer_name"), rs.getString("seller_id"),
            rs.getString("subject"), Side.of(rs.getString("last_from")), rs.getInt("customer_unread") == 1, rs.getInt("seller_unread") == 1,
            rs.getLong("created_at"), rs.getLong("last_message_at"));
    private static final RowMapper<Message> MESSAGES = (rs, ctx) -> new Message(rs.getString("id"), rs.getString("conversation_id"),
            rs.getString("author_id"), Side.of(rs.getString("side")), rs.getString("body"), rs.getObject("hidden_at") == null ? null : rs.getLong("hidden_at"),
            rs.getLong("created_at"));

    private final Jdbi jdbi;

    @Inject
    MessageStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * The customer's conversation about the product, created unless one exists. The unique key
     * (customer, product) decides a race: the loser's insert does nothing and it reads the winner's row.
     */
    Conversation conversationFor(Handle h, Conversation fresh) {
        h.createUpdate("""
                INSERT INTO message_conversations (id, product_id, product_title, customer_id, customer_name, seller_id, subject, last_from,
                    customer_unread, seller_unread, created_at, last_message_at)
                VALUES (:id, :product, :title, :customer, :name, :seller, :subject, 'customer', 0, 0, :now, :now)
                ON CONFLICT (customer_id, product_id) DO NOTHING""")
                .bind("id", fresh.id()).bind("product", fresh.productId()).bind("title", fresh.productTitle()).bind("customer", fresh.customerId())
                .bind("name", fresh.customerName()).bind("seller", fresh.sellerId()).bind("subject", fresh.subject()).bind("now", fresh.createdAt())
                .execute();
        return h.createQuery("SELECT " + CONVERSATION + " FROM message_conversations c WHERE c.customer_id = :customer AND c.product_id = :product")
                .bind("customer", fresh.customerId()).bind("product", fresh.productId()).map(CONVERSATIONS).one();
    }

    /** Adds a message and marks the conversation unread for the other side. */
    void insert(Handle h, Message m) {
        h.createUpdate("INSERT INTO messages (id, conversation_id, author_id, side, body, created_at) VALUES (:id, :c, :author, :side, :body, :now)")
                .bind("id", m.id()).bind("c", m.conversationId()).bind("author", m.authorId()).bind("side", m.side().id()).bind("body", m.body())
                .bind("now", m.createdAt()).execute();
        boolean fromCustomer = m.side() == Side.CUSTOMER;
        h.createUpdate("""
                UPDATE message_conversations SET last_from = :side, last_message_at = :now,
                    customer_unread = :customerUnread, seller_unread = :sellerUnread WHERE id = :c""")
                .bind("side", m.side().id()).bind("now", m.createdAt()).bind("customerUnread", fromCustomer ? 0 : 1)
                .bind("sellerUnread", fromCustomer ? 1 : 0).bind("c", m.conversationId()).execute();
    }

    void markRead(String conversationId, Side side) {
        String column = side == Side.CUSTOMER ? "customer_unread" : "seller_unread"; // one of two constants, never input
        jdbi.useHandle(h -> h.createUpdate("UPDATE message_conversations SET " + column + " = 0 WHERE id = :c AND " + column + " = 1")
                .bind("c", conversationId).execute());
    }

    Optional<Conversation> conversation(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + CONVERSATION + " FROM message_conversations c WHERE c.id = :id")
                .bind("id", id).map(CONVERSATIONS).findOne());
    }

    List<Message> messages(String conversationId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + MESSAGE + " FROM messages m WHERE m.conversation_id = :c ORDER BY m.created_at, m.id")
                .bind("c", conversationId).map(MESSAGES).list());
    }

    Optional<Message> message(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + MESSAGE + " FROM messages m WHERE m.id = :id").bind("id", id).map(MESSAGES).findOne());
    }

    /** The conversations {@code userId} is a party of (either side), most recent first, one page. */
    List<Conversation> ofUser(String userId, PageRequest req) {
        return jdbi.withHandle(h -> req.bind(h.createQuery("SELECT " + CONVERSATION + " FROM message_conversations c WHERE (c.customer_id = :u OR c.seller_id = :u) AND "
                        + req.after("c.last_message_at", "c.id", true) + " ORDER BY c.last_message_at DESC, c.id DESC LIMIT :limit")
                .bind("u", userId)).map(CONVERSATIONS).list());
    }

    /** A customer's own conversations, most recent first. */
    List<Conversation> ofCustomer(String customerId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + CONVERSATION + " FROM message_conversations c WHERE c.customer_id = :u "
                        + "ORDER BY c.last_message_at DESC, c.id DESC LIMIT :limit")
                .bind("u", customerId).bind("limit", limit).map(CONVERSATIONS).list());
    }

    /** A seller's inbox: unanswered conversations first, then the most recent; only one product's when given. */
    List<Conversation> inbox(String sellerId, String productId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + CONVERSATION + " FROM message_conversations c WHERE c.seller_id = :s "
                        + "AND (:p IS NULL OR c.product_id = :p) "
                        + "ORDER BY CASE WHEN c.last_from = 'customer' THEN 0 ELSE 1 END, c.last_message_at DESC, c.id DESC LIMIT :limit")
                .bind("s", sellerId).bind("p", productId).bind("limit", limit).map(CONVERSATIONS).list());
    }

    /** The products a seller has conversations about (id, title), for the inbox filter. */
    List<Conversation.Product> inboxProducts(String sellerId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT c.product_id, MAX(c.product_title) AS title FROM message_conversations c WHERE c.seller_id = :s "
                        + "GROUP BY c.product_id ORDER BY title, c.product_id")
                .bind("s", sellerId).map((rs, ctx) -> new Conversation.Product(rs.getString("product_id"), rs.getString("title"))).list());
    }

    /** Records a report unless this reporter reported the message before; false then. */
    boolean insertReport(Handle h, Report r) {
        return h.createUpdate("""
                INSERT INTO message_reports (id, message_id, reporter_id, reason, status, created_at)
                VALUES (:id, :m, :reporter, :reason, 'open', :now)
                ON CONFLICT (message_id, reporter_id) DO NOTHING""")
                .bind("id", r.id()).bind("m", r.messageId()).bind("reporter", r.reporterId()).bind("reason", r.reason()).bind("now", r.createdAt())
                .execute() == 1;
    }

    Optional<Report> report(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, message_id, reporter_id, reason, status, created_at FROM message_reports WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> new Report(rs.getString("id"), rs.getString("message_id"), rs.getString("reporter_id"),
                        rs.getString("reason"), rs.getString("status"), rs.getLong("created_at"))).findOne());
    }

    /** Open reports, oldest first, with their message and conversation (the conversation's clashing columns renamed). */
    List<Report.Open> openReports(int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT r.id AS r_id, r.message_id AS r_message, r.reporter_id AS r_reporter, r.reason AS r_reason, r.status AS r_status,
                    r.created_at AS r_created,
                    m.id, m.conversation_id, m.author_id, m.side, m.body, m.hidden_at, m.created_at,
                    c.id AS c_id, c.product_id, c.product_title, c.customer_id, c.customer_name, c.seller_id, c.subject, c.last_from,
                    c.customer_unread, c.seller_unread, c.created_at AS c_created, c.last_message_at
                FROM message_reports r JOIN messages m ON m.id = r.message_id JOIN message_conversations c ON c.id = m.conversation_id
                WHERE r.status = 'open' ORDER BY r.created_at, r.id LIMIT :limit""")
                .bind("limit", limit)
                .map((rs, ctx) -> new Report.Open(
                        new Report(rs.getString("r_id"), rs.getString("r_message"), rs.getString("r_reporter"), rs.getString("r_reason"),
                                rs.getString("r_status"), rs.getLong("r_created")),
                        MESSAGES.map(rs, ctx),
                        new Conversation(rs.getString("c_id"), rs.getString("product_id"), rs.getString("product_title"), rs.getString("customer_id"),
                                rs.getString("customer_name"), rs.getString("seller_id"), rs.getString("subject"), Side.of(rs.getString("last_from")),
                                rs.getInt("customer_unread") == 1, rs.getInt("seller_unread") == 1, rs.getLong("c_created"),
                                rs.getLong("last_message_at"))))
                .list());
    }

    /** Decides an open report; false when it was no longer open (another admin decided first). */
    boolean decide(Handle h, String reportId, String status, String adminId, long now) {
        return h.createUpdate("UPDATE message_reports SET status = :status, decided_at = :now, decided_by = :by WHERE id = :id AND status = 'open'")
                .bind("status", status).bind("now", now).bind("by", adminId).bind("id", reportId).execute() == 1;
    }

    /** Hides a message (kept for the audit) and closes its other open reports with it. */
    void hide(Handle h, String messageId, String adminId, long now) {
        h.createUpdate("UPDATE messages SET hidden_at = :now, hidden_by = :by WHERE id = :id AND hidden_at IS NULL")
                .bind("now", now).bind("by", adminId).bind("id", messageId).execute();
        h.createUpdate("UPDATE message_reports SET status = 'hidden', decided_at = :now, decided_by = :by WHERE message_id = :id AND status = 'open'")
                .bind("now", now).bind("by", adminId).bind("id", messageId).execute();
    }
}
