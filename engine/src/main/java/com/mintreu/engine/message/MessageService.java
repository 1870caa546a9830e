package com.mintreu.engine.message;

import com.mintreu.api.event.MessagePosted;
import com.mintreu.engine.admin.KillSwitch;
import com.mintreu.engine.admin.KillSwitches;
import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.catalog.Product;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.db.Tx;
import com.mintreu.engine.notify.Outbox;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.ApiException.FieldError;
import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;

/**
 * Pre-sale messages between a customer and the seller of a product. Only a customer starts a
 * conversation (a question from the product page), so a seller can never write to someone who did
 * not write first; after that either side writes. Every check (kill switch, input, limits) comes
 * before the one transaction that writes the message, the other side's unread marker and its mail.
 */
@Singleton
public final class MessageService {

    static final int SUBJECT_MAX = 120;
    static final int BODY_MAX = 4000;
    static final int REASON_MAX = 500;

    /** A conversation as one side sees it: which side that is, and the messages in order. */
    public record View(Conversation conversation, Side side, List<Message> messages) {}

    private final MessageStore store;
    private final Tx tx;
    private final CatalogService catalog;
    private final KillSwitches switches;
    private final MessageThrottle throttle;
    private final MessageMails mails;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;

    @Inject
    MessageService(MessageStore store, Tx tx, CatalogService catalog, KillSwitches switches, MessageThrottle throttle, MessageMails mails,
            Outbox outbox, AuditLog audit, Clock clock) {
        this.store = store;
        this.tx = tx;
        this.catalog = catalog;
        this.switches = switches;
        this.throttle = throttle;
        this.mails = mails;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** A published product a customer may ask about, or 404. */
    public Product askable(String productId) {
        return catalog.product(productId).filter(Product::isPublished).orElseThrow(() -> ApiException.notFound("product " + productId));
    }

    /**
     * A customer's question about a published product: starts their conversation about it, or adds
     * to it when there is one (the subject of the first question stays).
     */
    public Conversation ask(Principal customer, String productId, String subject, String body) {
        switches.require(KillSwitch.SUPPORT);
        Product product = askable(productId);
        List<FieldError> errors = new ArrayList<>();
        String s = text("subject", subject, SUBJECT_MAX, false, errors);
        String b = text("body", body, BODY_MAX, true, errors);
        if (product.sellerId().equals(customer.userId())) {
            errors.add(new FieldError("product", "you sell this product: questions about it arrive in your inbox"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        throttle.take(customer.userId(), Side.CUSTOMER, product.sellerId());
        long now = clock.millis();
        return tx.inTransaction(h -> {
            Conversation c = store.conversationFor(h, new Conversation(Ids.next("cnv"), product.id(), product.title(), customer.userId(),
                    customer.displayName(), product.sellerId(), s, Side.CUSTOMER, false, false, now, now));
            Message m = new Message(Ids.next("cmsg"), c.id(), customer.userId(), Side.CUSTOMER, b, null, now);
            store.insert(h, m);
            posted(h, c, m);
            mails.write(h, c, Side.SELLER);
            return c;
        });
    }

    /** Announces the message (ids only) in its own transaction, for subscribers such as seller webhooks later. */
    private void posted(Handle h, Conversation c, Message m) {
        Outbox.Stamp stamp = outbox.stamp();
        outbox.publish(h, new MessagePosted(stamp.eventId(), stamp.at(), c.id(), m.id(), c.productId(), c.customerId(), c.sellerId(), m.side().id()));
    }

    /** A message of either side in a conversation it is part of (someone else's is 404). */
    public Message reply(Principal caller, String conversationId, String body) {
        switches.require(KillSwitch.SUPPORT);
        Conversation c = visible(caller, conversationId);
        Side side = c.sideOf(caller.userId()).orElseThrow();
        List<FieldError> errors = new ArrayList<>();
        String b = text("body", body, BODY_MAX, true, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        throttle.take(caller.userId(), side, c.sellerId());
        Message m = new Message(Ids.next("cmsg"), c.id(), caller.userId(), side, b, null, clock.millis());
        tx.useTransaction(h -> {
            store.insert(h, m);
            posted(h, c, m);
            mails.write(h, c, side.other());
        });
        return m;
    }

    /** The conversation as the caller's side sees it, marked read for that side. */
    public View open(Principal caller, String conversationId) {
        Conversation c = visible(caller, conversationId);
        Side side = c.sideOf(caller.userId()).orElseThrow();
        if (c.unreadFor(side)) {
            store.markRead(c.id(), side);
        }
        return new View(c, side, store.messages(c.id()));
    }

    /** The conversation when the caller is on {@code side} of it; anyone else's (admins included) is 404. */
    public Conversation visibleAs(Principal caller, String conversationId, Side side) {
        Conversation c = visible(caller, conversationId);
        if (c.sideOf(caller.userId()).orElseThrow() != side) {
            throw ApiException.notFound("conversation " + conversationId);
        }
        return c;
    }

    private Conversation visible(Principal caller, String conversationId) {
        return store.conversation(conversationId).filter(c -> c.sideOf(caller.userId()).isPresent())
                .orElseThrow(() -> ApiException.notFound("conversation " + conversationId));
    }

    /** Every conversation the caller is a party of, on either side, most recent first (the JSON list). */
    public List<Conversation> mine(Principal caller, PageRequest req) {
        return store.ofUser(caller.userId(), req);
    }

    public List<Conversation> asCustomer(Principal customer, int limit) {
        return store.ofCustomer(customer.userId(), limit);
    }

    /** The seller's inbox, unanswered first; one product's when {@code productId} is given. */
    public List<Conversation> inbox(Principal seller, String productId, int limit) {
        return store.inbox(seller.userId(), productId, limit);
    }

    /** The products of the seller's conversations, by id and title. */
    public List<Conversation.Product> inboxProducts(Principal seller) {
        return store.inboxProducts(seller.userId());
    }

    /** Reports a message of the other side to the admins; once per reporter and message (409 after). */
    public Report report(Principal caller, String conversationId, String messageId, String reason) {
        Conversation c = visible(caller, conversationId);
        Side side = c.sideOf(caller.userId()).orElseThrow();
        Message m = store.message(messageId == null ? "" : messageId).filter(x -> x.conversationId().equals(c.id()))
                .orElseThrow(() -> ApiException.notFound("message " + messageId));
        List<FieldError> errors = new ArrayList<>();
        String r = text("reason", reason, REASON_MAX, true, errors);
        if (m.side() == side) {
            errors.add(new FieldError("messageId", "you can report the other side's messages, not your own"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Report report = new Report(Ids.next("mrep"), m.id(), caller.userId(), r, "open", clock.millis());
        tx.useTransaction(h -> {
            if (!store.insertReport(h, report)) {
                throw new ApiException(MessageError.ALREADY_REPORTED, "you already reported message " + m.id());
            }
            audit.record(h, AuditLog.Actor.of(caller, side.id()), "message.report", "message", m.id(), Map.of("report", report.id(), "conversation", c.id()));
        });
        return report;
    }

    public List<Report.Open> openReports(int limit) {
        return store.openReports(limit);
    }

    /** Hides the reported message for both sides (kept for the audit) and closes its open reports. */
    public void hide(Principal admin, String reportId) {
        Report r = store.report(reportId).orElseThrow(() -> ApiException.notFound("report " + reportId));
        tx.useTransaction(h -> {
            long now = clock.millis();
            if (!store.decide(h, r.id(), "hidden", admin.userId(), now)) {
                throw new ApiException(MessageError.REPORT_DECIDED, "report " + r.id() + " was already decided");
            }
            store.hide(h, r.messageId(), admin.userId(), now);
            audit.record(h, AuditLog.Actor.of(admin, "admin"), "message.hide", "message", r.messageId(), Map.of("report", r.id()));
        });
    }

    /** Closes a report without touching the message. */
    public void dismiss(Principal admin, String reportId) {
        Report r = store.report(reportId).orElseThrow(() -> ApiException.notFound("report " + reportId));
        tx.useTransaction(h -> {
            if (!store.decide(h, r.id(), "dismissed", admin.userId(), clock.millis())) {
                throw new ApiException(MessageError.REPORT_DECIDED, "report " + r.id() + " was already decided");
            }
            audit.record(h, AuditLog.Actor.of(admin, "admin"), "message.report.dismiss", "message", r.messageId(), Map.of("report", r.id()));
        });
    }

    /**
     * Stripped text of 1 to {@code max} characters without control characters ({@code multiline}:
     * line breaks and tabs allowed, CRLF kept as LF); a problem is added to {@code errors} instead.
     */
    static String text(String field, String given, int max, boolean multiline, List<FieldError> errors) {
        String t = given == null ? "" : given.replace("\r\n", "\n").strip();
        boolean control = t.chars().anyMatch(ch -> Character.isISOControl(ch) && !(multiline && (ch == '\n' || ch == '\t')));
        if (t.isEmpty() || t.length() > max || control) {
            errors.add(new FieldError(field, "1 to " + max + " characters" + (multiline ? "" : " on one line")));
        }
        return t;
    }
}
