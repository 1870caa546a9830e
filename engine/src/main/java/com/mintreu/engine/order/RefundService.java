package com.mintreu.engine.order;

import com.mintreu.api.event.OrderRefunded;
import com.mintreu.api.event.RefundRequested;
import com.mintreu.api.money.Money;
import com.mintreu.api.payment.Capabilities;
import com.mintreu.api.payment.PaymentGatewayException;
import com.mintreu.api.payment.RefundEvent;
import com.mintreu.api.payment.RefundRequest;
import com.mintreu.api.payment.RefundResult;
import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.audit.AuditLog.Actor;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.notify.Outbox;
import com.mintreu.engine.plugin.PluginCallException;
import com.mintreu.engine.plugin.PluginErrorCode;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.CommonError;
import com.mintreu.engine.web.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refunds: a customer asks, the seller of the lines or an admin decides, the gateway gives the
 * money back (see {@code README-refunds.md}). Every status change goes through
 * {@link RefundStore#transition}; the gateway is called only for a refund this call moved to
 * {@code processing} (or claimed for a retry), with the idempotency key stored in the refund's row.
 * Success writes {@link OrderRefunded} in the transaction of the change: the ledger books it and
 * entitlements of lines refunded in full are revoked by their subscribers.
 */
@Singleton
public final class RefundService {

    /** A line and how much of it to refund; {@code amount} null for all that is left of it. */
    public record LineAsk(String lineId, Long amountMinor) {}

    static final Duration RETRY_AFTER = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(RefundService.class);
    private static final int MAX_REASON = 1000;

    private final RefundStore store;
    private final OrderStore orders;
    private final Gateways gateways;
    private final Outbox outbox;
    private final AuditLog audit;
    private final RefundMails mails;
    private final RefundAutoApproval autoApproval;
    private final Clock clock;

    @Inject
    RefundService(RefundStore store, OrderStore orders, Gateways gateways, Outbox outbox, AuditLog audit, RefundMails mails,
            RefundAutoApproval autoApproval, Clock clock) {
        this.store = store;
        this.orders = orders;
        this.gateways = gateways;
        this.outbox = outbox;
        this.audit = audit;
        this.mails = mails;
        this.autoApproval = autoApproval;
        this.clock = clock;
    }

    /**
     * The customer asks for a refund of their order (some lines, or all that is left); it waits for a
     * decision, unless the auto-approve rule ({@link RefundAutoApproval}) approves it at once.
     */
    public Refund request(Principal customer, String orderId, List<LineAsk> asks, String reason) {
        Order order = orders.find(orderId).filter(o -> o.customerId().equals(customer.userId()))
                .orElseThrow(() -> ApiException.notFound("order " + orderId));
        Refund r = create(order, asks, requireReason(reason), Refund.CUSTOMER, customer.userId(), RefundStatus.REQUESTED, null);
        LOG.info("refund {} of order {} requested by the customer: {} ({})", r.id(), orderId, r.amount(), r.status().id());
        return r.status() == RefundStatus.APPROVED ? execute(r.id()) : r;
    }

    /** An admin refunds directly (no request to decide): approved at once and sent to the gateway. */
    public Refund refundDirectly(Principal admin, String orderId, List<LineAsk> asks, String reason) {
        Order order = orders.find(orderId).orElseThrow(() -> ApiException.notFound("order " + orderId));
        Refund r = create(order, asks, requireReason(reason), Refund.ADMIN, admin.userId(), RefundStatus.APPROVED, admin);
        return execute(r.id());
    }

    /**
     * The engine refunds part of a line on a rule the seller set (a subscription canceled now with
     * the "refund the unused part" policy): approved at once, audited as the system's, sent to the
     * gateway like any refund ({@code OrderRefunded}, ledger, revocation rules). 422
     * {@code PARTIAL_REFUND_NOT_SUPPORTED} / {@code REFUNDS_NOT_SUPPORTED} when the gateway cannot.
     */
    public Refund refundByPolicy(String orderId, String lineId, long amountMinor, String reason) {
        Order order = orders.find(orderId).orElseThrow(() -> ApiException.notFound("order " + orderId));
        Refund r = create(order, List.of(new LineAsk(lineId, amountMinor)), requireReason(reason), Refund.ADMIN, null, RefundStatus.APPROVED, null);
        return execute(r.id());
    }

    /** Whether the order's gateway can give back {@code amountMinor} of it (partial refunds, or the whole order). */
    public boolean canRefund(Order order, long amountMinor) {
        try {
            Capabilities caps = capabilities(order.gateway());
            return caps.partialRefunds() || amountMinor == order.total().minor();
        } catch (ApiException e) {
            return false;
        }
    }

    /** The seller of every line of the refund, or an admin, approves it; the money is then sent back. */
    public Refund approve(Principal caller, String refundId, String note) {
        Refund r = decidable(caller, refundId);
        decide(caller, r, RefundStatus.APPROVED, note, "refund.approve");
        return execute(refundId);
    }

    /** The seller of every line of the refund, or an admin, declines it; the customer is told. */
    public Refund decline(Principal caller, String refundId, String note) {
        Refund r = decidable(caller, refundId);
        decide(caller, r, RefundStatus.DECLINED, note, "refund.decline");
        Refund declined = store.find(refundId).orElseThrow();
        store.jdbi().useTransaction(h -> mails.declined(h, declined, declined.decisionNote()));
        return declined;
    }

    /** The refund when the caller may see it: its customer, a seller of one of its lines, an admin; else 404. */
    public Refund visibleTo(Principal caller, String refundId) {
        return store.find(refundId).filter(r -> caller.isAdmin() || r.customerId().equals(caller.userId()) || r.concernsSeller(caller.userId()))
                .orElseThrow(() -> ApiException.notFound("refund " + refundId));
    }

    /** Refunds of an order the caller owns (or any, for an admin). */
    public List<Refund> ofOrder(Principal caller, String orderId, String before, int limit) {
        orders.find(orderId).filter(o -> caller.isAdmin() || o.customerId().equals(caller.userId()))
                .orElseThrow(() -> ApiException.notFound("order " + orderId));
        return store.list(orderId, null, null, before, limit);
    }

    /** Refunds touching the seller's lines (a refund of another seller's lines is not among them). */
    public List<Refund> ofSeller(Principal seller, RefundStatus status, String before, int limit) {
        return store.list(null, seller.userId(), status, before, limit);
    }

    /** Every refund, for an admin. */
    public List<Refund> all(RefundStatus status, String before, int limit) {
        return store.list(null, null, status, before, limit);
    }

    /** Per line of the order, the minor units refunded so far (succeeded refunds only). */
    public Map<String, Long> refundedByLine(String orderId) {
        return store.jdbi().withHandle(h -> store.committedByLine(h, orderId, true));
    }

    /** Per line of the order, the minor units refunded or being refunded (what can no longer be asked for). */
    Map<String, Long> heldByLine(String orderId) {
        return store.jdbi().withHandle(h -> store.committedByLine(h, orderId, false));
    }

    private Refund decidable(Principal caller, String refundId) {
        Refund r = visibleTo(caller, refundId);
        if (!caller.isAdmin() && !r.concernsOnlySeller(caller.userId())) {
            throw new ApiException(CommonError.FORBIDDEN, "only the seller of every line of this refund, or an admin, may decide it");
        }
        return r;
    }

    private void decide(Principal caller, Refund r, RefundStatus to, String note, String action) {
        if (!r.status().canMoveTo(to)) {
            throw new ApiException(RefundError.REFUND_ILLEGAL_TRANSITION, "a " + r.status().id() + " refund cannot be " + to.id());
        }
        String clean = note == null || note.isBlank() ? null : note.strip().substring(0, Math.min(note.strip().length(), MAX_REASON));
        store.jdbi().useTransaction(h -> {
            if (store.transition(h, r.id(), RefundStatus.REQUESTED, to, clean, clock.millis()) != RefundStore.Moved.APPLIED) {
                throw new ApiException(CommonError.CONFLICT, "the refund was decided meanwhile; reload and try again");
            }
            store.decided(h, r.id(), caller.userId(), clean);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("orderId", r.orderId());
            detail.put("amount", r.amount().toString());
            detail.put("note", clean);
            audit.record(h, Actor.of(caller, "seller"), action, "refund", r.id(), detail);
        });
    }

    /**
     * Checks and stores a refund in one transaction under the order's lock: the order is paid
     * through a gateway that refunds, each line exists and has that much left (else 422
     * {@code OVER_REFUND}). {@code admin} non-null: a direct refund, audited as theirs.
     */
    private Refund create(Order order, List<LineAsk> asks, String reason, String source, String by, RefundStatus status, Principal admin) {
        if (!order.status().isPaid() || order.gateway() == null || order.total().isZero()) {
            throw new ApiException(RefundError.ORDER_NOT_REFUNDABLE, "only a paid order that was paid through a payment method can be refunded; this one is "
                    + order.status().id());
        }
        Capabilities caps = capabilities(order.gateway());
        long now = clock.millis();
        return store.jdbi().inTransaction(h -> {
            store.lockOrder(h, order.id());
            List<Refund.Line> lines = lines(order, asks, store.committedByLine(h, order.id(), false));
            boolean whole = lines.size() == order.lines().stream().filter(l -> !l.total().isZero()).count()
                    && lines.stream().allMatch(l -> order.lines().stream().anyMatch(ol -> ol.id().equals(l.lineId()) && ol.total().equals(l.amount())));
            if (!caps.partialRefunds() && !whole) {
                throw new ApiException(RefundError.PARTIAL_REFUND_NOT_SUPPORTED, "the order's payment method (" + order.gateway()
                        + ") refunds only the whole order, once");
            }
            String id = Ids.next("rfd");
            Money amount = lines.stream().map(Refund.Line::amount).reduce(Money.zero(order.currency()), Money::plus);
            Refund r = new Refund(id, order.id(), order.customerId(), status, source, reason, by, amount, order.gateway(), id, null,
                    admin == null ? null : admin.userId(), null, null, 0, now, now, lines);
            store.insert(h, r, now);
            Outbox.Stamp s = outbox.stamp();
            outbox.publish(h, new RefundRequested(s.eventId(), s.at(), id, order.id(), r.refundLines(), reason));
            if (admin != null) {
                audit.record(h, Actor.of(admin, "admin"), "refund.direct", "refund", id, Map.of("orderId", order.id(), "amount", amount.toString()));
                return r;
            }
            if (status == RefundStatus.APPROVED) { // by the seller's policy (refundByPolicy)
                audit.record(h, Actor.SYSTEM, "refund.policy", "refund", id, Map.of("orderId", order.id(), "amount", amount.toString()));
                return r;
            }
            Optional<String> auto = autoApproval.approves(h, order, lines);
            auto.ifPresent(note -> {
                store.transition(h, id, RefundStatus.REQUESTED, RefundStatus.APPROVED, note, now);
                store.decided(h, id, null, note);
                audit.record(h, Actor.SYSTEM, "refund.auto_approve", "refund", id, Map.of("orderId", order.id(), "amount", amount.toString()));
            });
            mails.requested(h, r, auto.orElse(null));
            return auto.isPresent() ? store.find(h, id).orElseThrow() : r;
        });
    }

    /** Turns the asks into lines, checked against the order and what is left of each line. */
    private static List<Refund.Line> lines(Order order, List<LineAsk> asks, Map<String, Long> committed) {
        List<LineAsk> wanted = asks == null || asks.isEmpty()
                ? order.lines().stream().filter(l -> l.total().minor() - committed.getOrDefault(l.id(), 0L) > 0).map(l -> new LineAsk(l.id(), null)).toList()
                : asks;
        List<ApiException.FieldError> errors = new ArrayList<>();
        List<Refund.Line> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < wanted.size(); i++) {
            LineAsk a = wanted.get(i);
            String field = "lines[" + i + "]";
            Optional<OrderLine> line = Optional.ofNullable(a.lineId()).flatMap(id -> order.lines().stream().filter(l -> l.id().equals(id)).findFirst());
            if (line.isEmpty() || !seen.add(a.lineId())) {
                errors.add(new ApiException.FieldError(field + ".lineId", line.isEmpty() ? "not a line of this order" : "named twice"));
                continue;
            }
            long left = line.get().total().minor() - committed.getOrDefault(line.get().id(), 0L);
            long amount = a.amountMinor() == null ? left : a.amountMinor();
            if (a.amountMinor() != null && amount <= 0) {
                errors.add(new ApiException.FieldError(field + ".amountMinor", "must be more than 0"));
                continue;
            }
            if (amount > left || left <= 0) {
                throw new ApiException(RefundError.OVER_REFUND, "line " + line.get().id() + " has " + new Money(Math.max(left, 0), order.currency())
                        + " left to refund; asked " + new Money(amount, order.currency()));
            }
            out.add(new Refund.Line(line.get().id(), line.get().sellerId(), new Money(amount, order.currency())));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        if (out.isEmpty()) {
            throw new ApiException(RefundError.OVER_REFUND, "nothing is left to refund on this order");
        }
        return out;
    }

    private Capabilities capabilities(String gateway) {
        Capabilities caps;
        try {
            caps = gateways.call(gateway, "capabilities", g -> g.capabilities());
        } catch (RuntimeException e) {
            throw new ApiException(RefundError.REFUNDS_NOT_SUPPORTED, "the order's payment method (" + gateway + ") is not running; try again later");
        }
        if (!caps.refunds()) {
            throw new ApiException(RefundError.REFUNDS_NOT_SUPPORTED, "the order's payment method (" + gateway + ") cannot give money back");
        }
        return caps;
    }

    private static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("reason", "say why you want the money back")));
        }
        if (reason.strip().length() > MAX_REASON) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("reason", "at most " + MAX_REASON + " characters")));
        }
        return reason.strip();
    }

    /**
     * Sends an approved refund to its gateway, or retries a processing one whose attempt is due. The
     * gateway gets the refund's stored idempotency key every time. A timeout or unknown outcome
     * leaves it processing for {@link RefundRetryJob}; a refusal fails it (what was held is free again).
     */
    Refund execute(String refundId) {
        long now = clock.millis();
        boolean claimed = store.jdbi().inTransaction(h -> {
            Refund r = store.find(h, refundId).orElseThrow();
            if (r.status() == RefundStatus.APPROVED) {
                store.transition(h, refundId, RefundStatus.APPROVED, RefundStatus.PROCESSING, "sent to " + r.gateway(), now);
            }
            return store.claimAttempt(h, refundId, now, now + RETRY_AFTER.toMillis());
        });
        Refund r = store.find(refundId).orElseThrow();
        if (!claimed) {
            return r; // another node or request is at the gateway with it, or it is decided
        }
        Order order = orders.find(r.orderId()).orElseThrow();
        RefundResult result;
        try {
            result = gateways.call(r.gateway(), "refund", g -> g.refund(new RefundRequest(order.providerReference(), order.id(), r.amount(),
                    r.reason(), r.idempotencyKey())));
        } catch (PluginCallException e) {
            if (unknownOutcome(e)) {
                LOG.warn("refund {} at {}: outcome unknown ({}); retried with the same key after {}", refundId, r.gateway(), e.getMessage(), RETRY_AFTER);
                return store.find(refundId).orElseThrow();
            }
            LOG.warn("refund {} refused by {}: {}", refundId, r.gateway(), e.getMessage());
            return fail(refundId, "refused by the payment provider: " + (e.getCause() == null ? e.code() : e.getCause().getMessage()));
        } catch (ApiException e) {
            LOG.warn("refund {}: gateway {} is not running; retried later", refundId, r.gateway());
            return store.find(refundId).orElseThrow();
        }
        return switch (result.outcome()) {
            case SUCCEEDED -> succeed(refundId, result.providerRefundId(), "refunded by " + r.gateway());
            case DECLINED -> fail(refundId, "declined by the payment provider");
            case PENDING, UNDEFINED -> {
                store.jdbi().useTransaction(h -> store.providerRefundId(h, refundId, result.providerRefundId()));
                yield store.find(refundId).orElseThrow();
            }
        };
    }

    /** A timeout, a busy or interrupted call, or a provider that could not be reached: the refund may have happened. */
    private static boolean unknownOutcome(PluginCallException e) {
        if (e.code() == PluginErrorCode.PLUGIN_TIMEOUT || e.code() == PluginErrorCode.PLUGIN_INTERRUPTED || e.code() == PluginErrorCode.PLUGIN_BUSY) {
            return true;
        }
        return e.getCause() instanceof PaymentGatewayException p
                && (p.reason() == PaymentGatewayException.Reason.TIMEOUT || p.reason() == PaymentGatewayException.Reason.UNAVAILABLE);
    }

    /**
     * An admin's "check again": asks the gateway now about the order's refunds still
     * {@code processing} (a lost answer), by sending each again with its own idempotency key: the
     * SPI's way to learn a refund's outcome ({@code fetch} reports only the payment's refunded
     * total, which cannot tell two refunds apart). Nothing is refunded twice.
     */
    List<Refund> settleNow(String orderId) {
        List<Refund> out = new ArrayList<>();
        for (Refund r : store.list(orderId, null, RefundStatus.PROCESSING, null, 50)) {
            store.jdbi().useTransaction(h -> store.dueNow(h, r.id(), clock.millis()));
            out.add(execute(r.id()));
        }
        return out;
    }

    /** Retries processing refunds whose attempt is due; returns how many were tried. */
    int retryDue() {
        int tried = 0;
        for (String id : store.due(clock.millis(), 50)) {
            execute(id);
            tried++;
        }
        return tried;
    }

    private Refund succeed(String refundId, String providerRefundId, String note) {
        store.jdbi().useTransaction(h -> succeeded(h, refundId, providerRefundId, note));
        return store.find(refundId).orElseThrow();
    }

    /** processing → succeeded with its {@link OrderRefunded} event and the mails, in {@code h}'s transaction; false when stale. */
    boolean succeeded(Handle h, String refundId, String providerRefundId, String note) {
        if (providerRefundId != null) {
            store.providerRefundId(h, refundId, providerRefundId);
        }
        if (store.transition(h, refundId, RefundStatus.PROCESSING, RefundStatus.SUCCEEDED, note, clock.millis()) != RefundStore.Moved.APPLIED) {
            return false;
        }
        announce(h, store.find(h, refundId).orElseThrow());
        return true;
    }

    private void announce(Handle h, Refund r) {
        Outbox.Stamp s = outbox.stamp();
        outbox.publish(h, new OrderRefunded(s.eventId(), s.at(), r.id(), r.orderId(), r.refundLines()));
        mails.succeeded(h, r);
    }

    private Refund fail(String refundId, String why) {
        store.jdbi().useTransaction(h -> failed(h, refundId, why));
        return store.find(refundId).orElseThrow();
    }

    boolean failed(Handle h, String refundId, String why) {
        if (store.transition(h, refundId, RefundStatus.PROCESSING, RefundStatus.FAILED, why, clock.millis()) != RefundStore.Moved.APPLIED) {
            return false;
        }
        store.failure(h, refundId, why);
        mails.failed(h, store.find(h, refundId).orElseThrow(), why);
        return true;
    }

    /**
     * A refund the provider reports, in the inbox transaction {@code h}: one the engine started
     * (matched by its key or the provider's refund id) is settled; one started elsewhere (the
     * provider's dashboard) is stored and booked like the engine's own, its amount spread over the
     * lines in order of what is left of each. Returns the inbox result.
     */
    OrderService.EventResult fromProvider(Handle h, String gateway, Order order, RefundEvent e) {
        Optional<Refund> known = Optional.ofNullable(e.engineRefundId()).flatMap(id -> store.find(h, id))
                .filter(r -> r.orderId().equals(order.id()))
                .or(() -> store.byProviderId(h, gateway, e.providerRefundId()));
        if (known.isPresent()) {
            boolean changed = switch (e.status()) {
                case SUCCEEDED -> known.get().status() == RefundStatus.PROCESSING && succeeded(h, known.get().id(), e.providerRefundId(), "confirmed by " + gateway);
                case FAILED -> known.get().status() == RefundStatus.PROCESSING && failed(h, known.get().id(), "failed at " + gateway + " (" + e.rawType() + ")");
                case PENDING -> false;
            };
            return changed ? OrderService.EventResult.APPLIED : OrderService.EventResult.IGNORED;
        }
        if (e.status() == RefundEvent.Status.FAILED) {
            return OrderService.EventResult.IGNORED;
        }
        Optional<Refund> booked = book(h, order, e.amount(), Refund.PROVIDER, "refunded at " + gateway + " (" + e.rawType() + ")", gateway,
                e.providerRefundId(), e.status() == RefundEvent.Status.SUCCEEDED ? RefundStatus.SUCCEEDED : RefundStatus.PROCESSING);
        return booked.isPresent() ? OrderService.EventResult.APPLIED : OrderService.EventResult.CONFLICT;
    }

    /**
     * Stores money that already went back (a provider refund, a lost dispute), spread over the lines
     * in order of what is left of each; a {@code succeeded} one writes {@link OrderRefunded}. Empty
     * (logged) when more went back than is left to refund: nothing can be booked that was not paid.
     */
    Optional<Refund> book(Handle h, Order order, Money amount, String source, String reason, String gateway, String providerRefundId,
            RefundStatus status) {
        store.lockOrder(h, order.id());
        Map<String, Long> committed = store.committedByLine(h, order.id(), false);
        long rest = amount.minor();
        List<Refund.Line> lines = new ArrayList<>();
        for (OrderLine l : order.lines()) {
            long take = Math.min(rest, l.total().minor() - committed.getOrDefault(l.id(), 0L));
            if (take > 0) {
                lines.add(new Refund.Line(l.id(), l.sellerId(), new Money(take, order.currency())));
                rest -= take;
            }
        }
        if (rest > 0 || lines.isEmpty() || !amount.currency().equals(order.currency())) {
            LOG.error("order {}: {} went back ({}), but only {} is left to refund; not booked, an admin must look", order.id(), amount, reason,
                    new Money(amount.minor() - rest, order.currency()));
            return Optional.empty();
        }
        long now = clock.millis();
        String id = Ids.next("rfd");
        Refund r = new Refund(id, order.id(), order.customerId(), status, source, reason, null, amount, gateway, id, providerRefundId, null, null,
                null, 0, now, now, lines);
        store.insert(h, r, now);
        if (status == RefundStatus.SUCCEEDED) {
            announce(h, r);
        }
        return Optional.of(r);
    }

    /** Mails every admin, in {@code h}'s transaction. */
    void mailAdmins(Handle h, String subject, String text) {
        mails.admins(h, subject, text);
    }
}
