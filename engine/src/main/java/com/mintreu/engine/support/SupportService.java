package com.mintreu.engine.support;

import com.mintreu.api.helpdesk.Attachment;
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
import com.mintreu.engine.admin.KillSwitch;
import com.mintreu.engine.admin.KillSwitches;
import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.catalog.Product;
import com.mintreu.engine.config.SupportConfig;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.license.License;
import com.mintreu.engine.license.LicenseService;
import com.mintreu.engine.order.Order;
import com.mintreu.engine.order.OrderLine;
import com.mintreu.engine.order.OrderService;
import com.mintreu.engine.security.RateBuckets;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.ApiException.FieldError;
import com.mintreu.engine.web.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The rules of support tickets. Who may see a ticket: the customer who opened it, the seller of the
 * product it is about, and admins; anyone else gets 404. Replies move the status to the other side
 * (customer → waiting on seller, seller or admin → waiting on customer); either side marks it
 * solved; the seller or an admin closes a solved ticket. Internal notes are for the seller and
 * admins only. The helpdesk plugin stores; this class decides.
 */
@Singleton
public final class SupportService {

    static final int SUBJECT_MAX = 200;
    static final int BODY_MAX = 10_000;

    private final Desk desk;
    private final Attachments attachments;
    private final SupportMail mail;
    private final OrderService orders;
    private final LicenseService licenses;
    private final CatalogService catalog;
    private final KillSwitches switches;
    private final SupportConfig config;
    private final RateBuckets buckets;

    @Inject
    SupportService(Desk desk, Attachments attachments, SupportMail mail, OrderService orders, LicenseService licenses, CatalogService catalog,
            KillSwitches switches, SupportConfig config, Clock clock) {
        this.desk = desk;
        this.attachments = attachments;
        this.mail = mail;
        this.orders = orders;
        this.licenses = licenses;
        this.catalog = catalog;
        this.switches = switches;
        this.config = config;
        this.buckets = new RateBuckets(clock);
    }

    /** Opens a ticket with its first message; checks everything (link, text, files, rate) before writing anything. */
    public Ticket open(Principal caller, OpenRequest req, List<Upload> files) {
        switches.require(KillSwitch.SUPPORT);
        List<FieldError> errors = new ArrayList<>();
        String subject = text(req.subject(), "subject", SUBJECT_MAX, errors);
        String body = text(req.body(), "body", BODY_MAX, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Target target = target(caller, req);
        List<String> types = attachments.check(files);
        RateBuckets.take(buckets.bucket("support-open:" + caller.userId(), config.ticketsPerHour(), Duration.ofHours(1)));
        String id = Ids.next("tkt");
        List<Attachment> stored = attachments.store(files, types);
        NewMessage first = new NewMessage(Ids.next("tkm"), id, caller.userId(), Side.CUSTOMER, false, body, stored, null);
        Ticket ticket;
        try {
            ticket = desk.call("open", d -> d.open(new NewTicket(id, caller.userId(), target.sellerId(), target.link(), subject,
                    TicketPriority.NORMAL, first)));
        } catch (RuntimeException e) {
            attachments.delete(stored);
            throw e;
        }
        mail.opened(ticket, body);
        return ticket;
    }

    /** The ticket as the caller may see it; 404 for anyone who is not a participant. */
    public TicketView view(Principal caller, String ticketId) {
        TicketThread thread = thread(ticketId);
        Side side = sideOf(caller, thread.ticket()).orElseThrow(() -> ApiException.notFound("ticket " + ticketId));
        List<TicketMessage> shown = side == Side.CUSTOMER ? thread.messages().stream().filter(m -> !m.internal()).toList() : thread.messages();
        return new TicketView(thread.ticket(), shown, side);
    }

    /**
     * A reply (or, from the seller or an admin, an internal note). A public reply moves the ticket
     * to the other side and mails that side; a note moves nothing and mails nobody.
     */
    public TicketMessage reply(Principal caller, String ticketId, String body, boolean internal, List<Upload> files) {
        switches.require(KillSwitch.SUPPORT);
        TicketView v = view(caller, ticketId);
        if (internal && !v.staff()) {
            throw ApiException.notFound("ticket " + ticketId); // a customer has no notes to write; never hint at them
        }
        List<FieldError> errors = new ArrayList<>();
        String text = text(body, "body", BODY_MAX, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        if (v.closed()) {
            throw new ApiException(SupportError.TICKET_CONFLICT, "this ticket is closed; please open a new one");
        }
        List<String> types = attachments.check(files);
        RateBuckets.take(buckets.bucket("support-reply:" + caller.userId(), config.repliesPerMinute(), Duration.ofMinutes(1)));
        TicketStatus moveTo = internal ? null : v.staff() ? TicketStatus.WAITING_ON_CUSTOMER : TicketStatus.WAITING_ON_SELLER;
        List<Attachment> stored = attachments.store(files, types);
        TicketMessage m;
        try {
            m = desk.call("addMessage", d -> d.addMessage(new NewMessage(Ids.next("tkm"), ticketId, caller.userId(), v.viewer(), internal, text,
                    stored, moveTo)));
        } catch (RuntimeException e) {
            attachments.delete(stored);
            throw e;
        }
        if (!internal) {
            mail.replied(v.ticket(), m);
        }
        return m;
    }

    /** Either side marks the ticket solved; 409 when it already is (or is closed). */
    public Ticket solve(Principal caller, String ticketId) {
        switches.require(KillSwitch.SUPPORT);
        view(caller, ticketId);
        return desk.call("update", d -> d.update(new TicketUpdate(ticketId, TicketStatus.SOLVED, null, null)));
    }

    /** The seller or an admin closes a solved ticket for good. */
    public Ticket close(Principal caller, String ticketId) {
        switches.require(KillSwitch.SUPPORT);
        TicketView v = staffView(caller, ticketId);
        if (v.ticket().status() != TicketStatus.SOLVED) {
            throw new ApiException(SupportError.TICKET_CONFLICT, "only a solved ticket can be closed");
        }
        return desk.call("update", d -> d.update(new TicketUpdate(ticketId, TicketStatus.CLOSED, null, null)));
    }

    /** The seller or an admin sets the priority. */
    public Ticket prioritise(Principal caller, String ticketId, TicketPriority priority) {
        switches.require(KillSwitch.SUPPORT);
        staffView(caller, ticketId);
        return desk.call("update", d -> d.update(new TicketUpdate(ticketId, null, priority, null)));
    }

    /** An admin takes the ticket over: they become its assignee, and mail about customer replies goes to them. */
    public Ticket takeOver(Principal admin, String ticketId) {
        switches.require(KillSwitch.SUPPORT);
        if (!admin.isAdmin()) {
            throw ApiException.notFound("ticket " + ticketId);
        }
        thread(ticketId);
        return desk.call("update", d -> d.update(new TicketUpdate(ticketId, null, null, admin.userId())));
    }

    /** The caller's own tickets, newest first. */
    public TicketPage mine(Principal caller, String cursor, int limit) {
        return list(new TicketQuery(caller.userId(), null, false, Set.of(), null, null, cursor, limit));
    }

    /** The seller's inbox: tickets about their products. */
    public TicketPage inbox(Principal seller, Set<TicketStatus> statuses, String productId, String cursor, int limit) {
        return list(new TicketQuery(null, seller.userId(), false, statuses, blankToNull(productId), null, cursor, limit));
    }

    /** Every ticket, for admins; {@code adminQueue} keeps those without a seller. */
    public TicketPage all(Principal admin, boolean adminQueue, Set<TicketStatus> statuses, String cursor, int limit) {
        if (!admin.isAdmin()) {
            throw ApiException.notFound("tickets");
        }
        return list(new TicketQuery(null, null, adminQueue, statuses, null, null, cursor, limit));
    }

    /** Response figures over tickets created in the last 30 days: the seller's, or (null) all of them. */
    public SupportFigures figures(String sellerId, long now) {
        List<Ticket> recent = new ArrayList<>();
        String cursor = null;
        do {
            TicketPage page = list(new TicketQuery(null, sellerId, false, Set.of(), null, now - Duration.ofDays(30).toMillis(), cursor, 500));
            recent.addAll(page.data());
            cursor = page.nextCursor();
        } while (cursor != null && recent.size() < 5000);
        return SupportFigures.of(recent);
    }

    /** The products a seller's inbox can be filtered by. */
    public List<Product> sellerProducts(Principal seller) {
        return catalog.sellerProducts(seller);
    }

    /** A product's title for showing a ticket's link, if the product exists. */
    public Optional<Product> product(String productId) {
        return productId == null ? Optional.empty() : catalog.product(productId);
    }

    private TicketPage list(TicketQuery q) {
        return desk.call("list", d -> d.list(q));
    }

    private TicketThread thread(String ticketId) {
        if (ticketId == null || !ticketId.matches("tkt_[0-9A-Za-z]{1,40}")) {
            throw ApiException.notFound("ticket " + ticketId);
        }
        return desk.call("get", d -> d.get(ticketId)).orElseThrow(() -> ApiException.notFound("ticket " + ticketId));
    }

    private TicketView staffView(Principal caller, String ticketId) {
        TicketView v = view(caller, ticketId);
        if (!v.staff()) {
            throw ApiException.notFound("ticket " + ticketId);
        }
        return v;
    }

    static Optional<Side> sideOf(Principal caller, Ticket t) {
        if (t.customerId().equals(caller.userId())) {
            return Optional.of(Side.CUSTOMER);
        }
        if (caller.userId().equals(t.sellerId())) {
            return Optional.of(Side.SELLER);
        }
        return caller.isAdmin() ? Optional.of(Side.ADMIN) : Optional.empty();
    }

    private record Target(String sellerId, TicketLink link) {}

    /** What the ticket is about, checked against the caller's rights: someone else's order or license is 404. */
    private Target target(Principal caller, OpenRequest req) {
        String productId = blankToNull(req.productId());
        if (blankToNull(req.orderId()) != null) {
            Order order = orders.find(req.orderId()).filter(o -> o.customerId().equals(caller.userId()))
                    .orElseThrow(() -> ApiException.notFound("order " + req.orderId()));
            OrderLine line = order.lines().stream().filter(l -> productId == null || l.productId().equals(productId)).findFirst()
                    .orElseThrow(() -> ApiException.notFound("product " + productId + " on order " + order.id()));
            return new Target(line.sellerId(), new TicketLink(TicketLink.Kind.ORDER, order.id(), line.productId()));
        }
        if (blankToNull(req.licenseId()) != null) {
            License license = licenses.visibleTo(caller, req.licenseId());
            if (!license.customerId().equals(caller.userId())) {
                throw ApiException.notFound("license " + req.licenseId());
            }
            String seller = catalog.product(license.productId()).map(Product::sellerId).orElse(null);
            return new Target(seller, new TicketLink(TicketLink.Kind.LICENSE, license.id(), license.productId()));
        }
        if (productId != null) {
            Product p = catalog.product(productId).filter(Product::isPublished).orElseThrow(() -> ApiException.notFound("product " + productId));
            return new Target(p.sellerId(), new TicketLink(TicketLink.Kind.PRODUCT, p.id(), p.id()));
        }
        return new Target(null, null);
    }

    private static String text(String value, String field, int max, List<FieldError> errors) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            errors.add(new FieldError(field, "is required"));
        } else if (v.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
        return v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
