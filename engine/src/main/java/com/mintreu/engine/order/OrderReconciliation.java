package com.mintreu.engine.order;

import com.mintreu.api.money.MoneyText;
import com.mintreu.api.payment.FetchRequest;
import com.mintreu.api.payment.Outcome;
import com.mintreu.api.payment.PaymentEvent;
import com.mintreu.api.payment.PaymentStatus;
import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asking the gateways what the webhooks did not say: the pending pass, the late-payment pass, the
 * admin's "check again", and expiring orders that never got a payment session. Every answer is
 * applied through {@link OrderService}'s webhook path, so the state machine and inbox rules hold.
 */
@Singleton
public final class OrderReconciliation {

    private static final Logger LOG = LoggerFactory.getLogger(OrderReconciliation.class);

    /** What an admin's "check again" found: the provider's answer in words, and the order's status before and after. */
    public record Checked(String providerSays, OrderStatus before, OrderStatus after, boolean changed, List<Refund> refunds) {}

    private final OrderService orders;
    private final OrderStore store;
    private final Gateways gateways;
    private final RefundService refunds;
    private final AuditLog audit;
    private final Clock clock;

    @Inject
    OrderReconciliation(OrderService orders, OrderStore store, Gateways gateways, RefundService refunds, AuditLog audit, Clock clock) {
        this.orders = orders;
        this.store = store;
        this.gateways = gateways;
        this.refunds = refunds;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Asks the gateway about orders still pending since before {@code cutoff}, and applies its
     * answer as a synthetic event, through the same path as a webhook. Never guesses: an unknown
     * answer (UNDEFINED, or the gateway could not be asked) leaves the order pending to be asked
     * again, however old it is; only orders older than {@code expireBefore} that the gateway
     * reports as still waiting for the buyer (PENDING) expire. Walks every such order a page at a
     * time, so orders that stay unknown never starve the others.
     */
    public int reconcile(long cutoff, long expireBefore) {
        int changed = 0;
        Order last = null;
        List<Order> page;
        do {
            page = store.pendingSince(cutoff, last == null ? Long.MIN_VALUE : last.createdAt(), last == null ? "" : last.id(), 100);
            for (Order order : page) {
                Checked c = check(order, expireBefore, false);
                changed += c.changed() ? 1 : 0;
            }
            last = page.isEmpty() ? null : page.getLast();
        } while (page.size() == 100);
        return changed;
    }

    /**
     * Asks the gateway again about orders that ended {@code expired} or {@code failed} at or after
     * {@code endedAfter} and have a payment session: a payment that completed after the shop gave up
     * (a bank transfer, a retried card, a webhook that never came) must not be lost. Only a success
     * changes anything, and it moves the order to {@code held} through the same path as a webhook,
     * never straight to paid: the state machine has no {@code expired → paid}, on purpose, because
     * the shop already gave the voucher use back and the buyer may have bought again, so an admin
     * decides (release as paid, or cancel and refund). Any other answer, or a gateway that cannot be
     * asked, changes and records nothing. Returns how many orders were held.
     */
    public int reconcileLate(long endedAfter) {
        int held = 0;
        OrderStore.Ended last = null;
        List<OrderStore.Ended> page;
        do {
            page = store.endedSince(endedAfter, last == null ? Long.MIN_VALUE : last.endedAt(), last == null ? "" : last.order().id(), 100);
            for (OrderStore.Ended ended : page) {
                held += check(ended.order(), null, true).changed() ? 1 : 0;
            }
            last = page.isEmpty() ? null : page.getLast();
        } while (page.size() == 100);
        return held;
    }

    /**
     * An admin's "check again": asks the order's gateway now and applies what it says, like the
     * job (but never expires the order: that is the job's rule), then asks again about its refunds
     * still {@code processing}. Works for any order with a payment session: a late payment of an
     * expired or failed order moves it to held. Audited as {@code order.check}.
     */
    public Checked checkAgain(Principal admin, String orderId) {
        Order order = orders.visibleTo(admin, orderId);
        if (order.gateway() == null || order.providerReference() == null) {
            throw new ApiException(OrderError.ILLEGAL_TRANSITION, "this order has no payment at a payment provider to ask about");
        }
        Checked c = check(order, null, false);
        List<Refund> settled = refunds.settleNow(orderId);
        Checked out = new Checked(c.providerSays(), c.before(), c.after(), c.changed(), settled);
        audit.record(AuditLog.Actor.of(admin, "admin"), "order.check", "order", orderId,
                Map.of("provider", c.providerSays(), "before", c.before().id(), "after", c.after().id(), "refunds",
                        settled.stream().map(r -> r.id() + ":" + r.status().id()).toList()));
        return out;
    }

    /**
     * Asks the gateway about one order and applies its answer; {@code expireBefore} null: never
     * expire; {@code successOnly}: apply nothing but a success (an ended order's decline is old news).
     */
    private Checked check(Order order, Long expireBefore, boolean successOnly) {
        PaymentStatus status;
        try {
            status = gateways.call(order.gateway(), "fetch", g -> g.fetch(new FetchRequest(order.providerReference(), order.id())));
        } catch (RuntimeException e) {
            LOG.warn("reconciliation of {} with {} failed: {}", order.id(), order.gateway(), e.getMessage());
            return new Checked("could not be asked (" + e.getMessage() + "); nothing changed", order.status(), order.status(), false, List.of());
        }
        String says = switch (status.outcome()) {
            case SUCCEEDED -> "paid " + MoneyText.format(status.amount())
                    + (status.refunded().isZero() ? "" : ", of which " + MoneyText.format(status.refunded()) + " refunded");
            case DECLINED -> "declined";
            case PENDING -> "still waiting for the payment";
            case UNDEFINED -> "does not know yet; asked again later";
        };
        boolean changed = false;
        if (status.outcome() == Outcome.SUCCEEDED || (status.outcome() == Outcome.DECLINED && !successOnly)) {
            String eventId = "reconcile:" + order.id() + ":" + status.outcome().name().toLowerCase(java.util.Locale.ROOT);
            OrderService.EventResult r = orders.apply(order.gateway(), new PaymentEvent(eventId, order.providerReference(), order.id(),
                    status.outcome(), status.amount(), status.checkedAt(), "reconciliation"));
            changed = r == OrderService.EventResult.APPLIED || r == OrderService.EventResult.HELD;
        } else if (status.outcome() == Outcome.PENDING && expireBefore != null && order.status() == OrderStatus.PENDING
                && order.createdAt() < expireBefore) {
            changed = orders.expire(order.id(), "no payment after " + (clock.millis() - order.createdAt()) / 60_000 + " minutes");
        }
        return new Checked(says, order.status(), store.find(order.id()).orElseThrow().status(), changed, List.of());
    }

    /**
     * Expires pending orders created before {@code cutoff} that never got a payment session (the
     * gateway failed and the customer never pressed "Pay now"); returns how many expired.
     */
    public int expireWithoutSession(long cutoff) {
        int expired = 0;
        for (String orderId : store.pendingWithoutSession(cutoff, 500)) {
            expired += orders.expire(orderId, "no payment was started before it expired") ? 1 : 0;
        }
        return expired;
    }
}
