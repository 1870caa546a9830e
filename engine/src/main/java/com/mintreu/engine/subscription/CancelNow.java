package com.mintreu.engine.subscription;

import com.mintreu.api.money.Money;
import com.mintreu.api.money.MoneyText;
import com.mintreu.engine.order.Order;
import com.mintreu.engine.order.OrderLine;
import com.mintreu.engine.order.OrderService;
import com.mintreu.engine.order.Refund;
import com.mintreu.engine.order.RefundService;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Principal;
import java.time.Clock;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancel now, with the refund of the unused part when the product's policy says so (README "Cancel
 * now"). The refund is the paying line's total × remaining / period days ({@link Proration#unused}),
 * given back through {@link RefundService} against the order that paid the current period, so
 * {@code OrderRefunded}, the ledger and the revocation rules apply as for any refund. A gateway that
 * cannot refund that part is said so in the quote, and nothing is refunded.
 */
@Singleton
public final class CancelNow {

    private static final Logger LOG = LoggerFactory.getLogger(CancelNow.class);

    /** What cancel now gives back, shown before confirming. {@code refund} zero when nothing; {@code text} says why. */
    public record Quote(Money refund, String orderId, String lineId, Long periodDays, Long remainingDays, String text) {}

    /** The canceled subscription and the refund made (null when none). */
    public record Result(Subscription subscription, Refund refund) {}

    private final SubscriptionService subscriptions;
    private final SubscriptionStore store;
    private final SubscriptionPolicies policies;
    private final OrderService orders;
    private final RefundService refunds;
    private final Clock clock;

    @Inject
    CancelNow(SubscriptionService subscriptions, SubscriptionStore store, SubscriptionPolicies policies, OrderService orders, RefundService refunds,
            Clock clock) {
        this.subscriptions = subscriptions;
        this.store = store;
        this.policies = policies;
        this.orders = orders;
        this.refunds = refunds;
        this.clock = clock;
    }

    /** What canceling now would refund; 404 for another customer's subscription, 409 when it cannot be canceled. */
    public Quote quote(Principal caller, String id) {
        Subscription s = subscriptions.visibleTo(caller, id);
        if (!s.status().canMoveTo(SubscriptionStatus.CANCELED)) {
            throw new ApiException(SubscriptionError.ILLEGAL_TRANSITION, "a " + s.status().id() + " subscription cannot be canceled");
        }
        return quote(s);
    }

    private Quote quote(Subscription s) {
        Money zero = Money.zero(s.unitPrice().currency());
        if (!policies.of(s.productId()).refundUnusedOnCancel()) {
            return new Quote(zero, null, null, null, null, "Your access ends now. The seller does not refund the unused part of a period.");
        }
        if (s.providerManaged()) { // its periods are the provider's invoices, refunded there (or by the seller through the order)
            return new Quote(zero, null, null, null, null, "Your access ends now. This subscription is billed by " + s.gateway()
                    + ": the unused part is not refunded here; ask the seller for a refund of the last payment.");
        }
        Optional<SubscriptionStore.Period> period = store.periods(s.id()).stream()
                .filter(p -> p.seq() == s.currentSeq() && "paid".equals(p.kind()) && "paid".equals(p.status())).findFirst();
        long now = clock.millis();
        if (period.isEmpty() || period.get().orderId() == null || s.currentPeriodEnd() <= now) {
            return new Quote(zero, null, null, null, null, "Your access ends now. Nothing is refunded: there is no paid period running"
                    + (s.status() == SubscriptionStatus.TRIALING ? " (a trial costs nothing)." : "."));
        }
        Order order = orders.find(period.get().orderId()).orElseThrow();
        OrderLine line = order.lines().stream().filter(l -> l.id().equals(s.originLineId())).findFirst()
                .orElse(order.lines().getFirst()); // a renewal order has the one line of the subscription
        Proration p = Proration.unused(line.total(), period.get().startsAt(), period.get().endsAt(), now);
        Money left = line.total().minus(new Money(refunds.refundedByLine(order.id()).getOrDefault(line.id(), 0L), line.total().currency()));
        Money amount = p.credit().compareTo(left) > 0 ? left : p.credit();
        String rule = p.remainingDays() + " of " + p.periodDays() + " days unused: " + MoneyText.format(line.total()) + " × "
                + p.remainingDays() + "/" + p.periodDays() + " = " + MoneyText.format(p.credit());
        if (amount.isZero() || amount.isNegative()) {
            return new Quote(zero, order.id(), line.id(), p.periodDays(), p.remainingDays(), "Your access ends now. Nothing is left to refund ("
                    + rule + ").");
        }
        if (!refunds.canRefund(order, amount.minor())) {
            return new Quote(zero, order.id(), line.id(), p.periodDays(), p.remainingDays(), "Your access ends now. The payment method of "
                    + order.id() + " cannot refund part of a payment, so nothing is refunded (" + rule + ").");
        }
        return new Quote(amount, order.id(), line.id(), p.periodDays(), p.remainingDays(), "Your access ends now and "
                + MoneyText.format(amount) + " is refunded to the payment method of " + order.id() + " (" + rule + ", rounded half up to the cent).");
    }

    /** Cancels now and, under the policy, refunds the unused part (the quote made at the moment of canceling). */
    public Result cancel(Principal caller, String id) {
        Subscription before = subscriptions.visibleTo(caller, id);
        Quote q = before.status().canMoveTo(SubscriptionStatus.CANCELED) ? quote(before) : null;
        Subscription after = subscriptions.cancelNow(caller, id); // 409 when it cannot be canceled, or another request won
        if (q == null || q.refund().isZero()) {
            return new Result(after, null);
        }
        try {
            Refund r = refunds.refundByPolicy(q.orderId(), q.lineId(), q.refund().minor(), "unused part of subscription " + id + " canceled now: "
                    + q.periodDays() + " days in the period, " + q.remainingDays() + " unused");
            return new Result(after, r);
        } catch (ApiException e) {
            // canceled anyway: an admin can refund by hand
            LOG.error("subscription {} canceled now; the refund of {} on order {} was refused: {}", id, q.refund(), q.orderId(), e.getMessage());
            return new Result(after, null);
        }
    }
}
