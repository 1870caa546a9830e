package com.mintreu.engine.subscription;

import com.mintreu.api.money.Money;
import com.mintreu.engine.config.OrdersConfig;
import com.mintreu.engine.config.SubscriptionsConfig;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.ledger.FeeSplit;
import com.mintreu.engine.order.Gateways;
import com.mintreu.engine.order.Order;
import com.mintreu.engine.order.OrderLine;
import com.mintreu.engine.order.OrderService;
import com.mintreu.engine.order.OrderStatus;
import com.mintreu.engine.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine-driven renewal: for each subscription whose period ended, open the next period with
 * its order, then charge the saved payment method with an idempotency key per (subscription,
 * period, attempt) stored before the call. Safe to run on any number of nodes at once: a period is
 * opened once ((subscription, seq) is unique, and so is the order's key), a charge row is settled
 * once, and an attempt whose outcome is unknown (timeout, crash) is retried with the same key, so
 * the gateway charges it once. A paid charge goes through the order's money path (webhook inbox,
 * {@code order.paid}: receipt, ledger), and pays the period.
 */
@Singleton
public final class Renewals {

    private static final Logger LOG = LoggerFactory.getLogger(Renewals.class);
    private static final int BATCH = 200;

    private final SubscriptionStore store;
    private final SubscriptionService subscriptions;
    private final OrderService orders;
    private final Gateways gateways;
    private final OrdersConfig ordersConfig;
    private final SubscriptionsConfig config;
    private final SubscriptionMails mails;
    private final SavedMethodCharge charger;
    private final PlanChanges changes;
    private final SubscriptionPolicies policies;
    private final Clock clock;

    @Inject
    Renewals(SubscriptionStore store, SubscriptionService subscriptions, OrderService orders, Gateways gateways, OrdersConfig ordersConfig,
            SubscriptionsConfig config, SubscriptionMails mails, SavedMethodCharge charger, PlanChanges changes, SubscriptionPolicies policies,
            Clock clock) {
        this.policies = policies;
        this.store = store;
        this.subscriptions = subscriptions;
        this.orders = orders;
        this.gateways = gateways;
        this.ordersConfig = ordersConfig;
        this.config = config;
        this.mails = mails;
        this.charger = charger;
        this.changes = changes;
        this.clock = clock;
    }

    /** One pass: ends what was set to end, renews what is due, retries or ends what is past due, then sends the reminders due. */
    public void run() {
        long now = clock.millis();
        store.dueToEnd(now, BATCH).forEach(this::endAtPeriodEnd);
        changes.settleUnknown(); // before renewing: an upgrade paid late applies to the period it was priced for
        store.dueForRenewal(now, BATCH).forEach(this::renew);
        store.pastDue(now, now - config.pastDueGrace().toMillis(), BATCH).forEach(this::pastDue);
        long day = Duration.ofDays(1).toMillis();
        store.endingUnnoticed("trialing", null, SubscriptionMails.Kind.TRIAL_ENDS.id, now, now + 3 * day, BATCH)
                .forEach(id -> notice(id, SubscriptionStatus.TRIALING, mails::trialEnds));
        store.endingUnnoticed("active", "year", SubscriptionMails.Kind.RENEWS.id, now, now + 7 * day, BATCH)
                .forEach(id -> notice(id, SubscriptionStatus.ACTIVE, mails::renews));
    }

    private void notice(String id, SubscriptionStatus status, BiPredicate<Handle, Subscription> mail) {
        store.jdbi().useTransaction(h -> store.find(h, id).filter(s -> s.status() == status && !s.cancelAtPeriodEnd())
                .ifPresent(s -> mail.test(h, s)));
    }

    private void endAtPeriodEnd(String id) {
        store.jdbi().useTransaction(h -> store.find(h, id).filter(s -> s.cancelAtPeriodEnd() && s.currentPeriodEnd() <= clock.millis())
                .ifPresent(s -> subscriptions.move(h, s, SubscriptionStatus.CANCELED, "canceled at the end of the period", s.currentPeriodEnd())));
    }

    /** Opens the next period (once) and charges it, or charges again an attempt whose outcome is unknown. */
    void renew(String id) {
        renew(id, false);
    }

    /**
     * Renews now, ahead of schedule (the demo's {@code mintreu subscriptions renew}): the next period
     * is opened and charged exactly as the job would at the period's end, with the same keys, so the
     * job later finds it paid and does nothing twice. The period keeps its dates. Returns the
     * subscription afterwards; 404 when there is none, 409 when it is not active or trialing, or
     * ends at the period's end.
     */
    public Subscription renewNow(String id) {
        Subscription s = store.find(id).orElseThrow(() -> ApiException.notFound("subscription " + id));
        if (s.providerManaged()) {
            throw new ApiException(SubscriptionError.ILLEGAL_TRANSITION, "subscription " + id + " is renewed by " + s.gateway() + ", not here");
        }
        if (!renewable(s)) {
            throw new ApiException(SubscriptionError.ILLEGAL_TRANSITION, "a " + s.status().id()
                    + (s.cancelAtPeriodEnd() ? " subscription that ends at the period's end" : " subscription") + " is not renewed");
        }
        renew(id, true);
        return store.find(id).orElseThrow();
    }

    private void renew(String id, boolean early) {
        Optional<Subscription> found = store.find(id).filter(s -> renewable(s) && (early || s.currentPeriodEnd() <= clock.millis()));
        if (found.isEmpty()) {
            return;
        }
        int seq = found.get().currentSeq() + 1;
        // a downgrade or seat decrease scheduled for this renewal applies before its order is priced
        Subscription s = changes.applyScheduled(found.get(), seq);
        SubscriptionStore.Period period = open(s, seq);
        if (!"open".equals(period.status())) {
            return;
        }
        store.lastCharge(id, seq).filter(c -> "charging".equals(c.status())).ifPresent(c -> attempt(s, period, c));
    }

    private static boolean renewable(Subscription s) {
        // a provider-managed subscription is renewed by its gateway, never charged here
        return (s.status() == SubscriptionStatus.ACTIVE || s.status() == SubscriptionStatus.TRIALING) && !s.cancelAtPeriodEnd()
                && !s.providerManaged();
    }

    /** The period {@code seq}, opened with its pending order and first charge attempt by whichever caller gets there first. */
    private SubscriptionStore.Period open(Subscription s, int seq) {
        Optional<SubscriptionStore.Period> existing = store.jdbi().withHandle(h -> store.period(h, s.id(), seq));
        if (existing.isPresent()) {
            return existing.get();
        }
        long now = clock.millis();
        long start = s.currentPeriodEnd();
        long end = s.periodEnd(seq);
        Money credit = policies.credit(s);
        Money used = credit.compareTo(s.amount()) > 0 ? s.amount() : credit; // the rest waits for the renewal after
        Order order = renewalOrder(s, seq, start, now, used);
        try {
            store.jdbi().useTransaction(h -> {
                // the order's key (customer, renewal:<sub>:p<seq>) is unique too: a racing node fails here or on the period
                Subscription current = store.find(h, s.id()).orElseThrow();
                if (!current.planId().equals(s.planId()) || !current.amount().equals(s.amount())) {
                    throw new IllegalStateException("the plan of " + s.id() + " changed while period " + seq + " was priced");
                }
                if (!policies.useCredit(h, s.id(), used)) {
                    throw new IllegalStateException("the credit of " + s.id() + " changed while period " + seq + " was priced");
                }
                orders.place(order, "renewal:" + s.id() + ":p" + seq, null);
                if (!store.insertPeriod(h, s.id(), seq, "paid", start, end, order.id(), "open", now)) {
                    throw new IllegalStateException("period " + seq + " of " + s.id() + " was opened by another node");
                }
                store.insertCharge(h, key(s.id(), seq, 1), s.id(), seq, 1, order.id(), now);
            });
            LOG.info("subscription {}: period {} opened, order {} for {}", s.id(), seq, order.id(), order.total());
        } catch (RuntimeException e) {
            // lost the race: the winner's period is the one to charge
            LOG.debug("subscription {}: period {} opened elsewhere ({})", s.id(), seq, e.toString());
        }
        return store.jdbi().withHandle(h -> store.period(h, s.id(), seq)).orElseThrow(() -> new IllegalStateException(
                "period " + seq + " of " + s.id() + " could not be opened"));
    }

    /** The pending order that pays period {@code seq}; also the order of a period a provider reported paid (no credit there). */
    Order renewalOrder(Subscription s, int seq, long start, long now) {
        return renewalOrder(s, seq, start, now, Money.zero(s.amount().currency()));
    }

    /** The renewal order; {@code credit} (≤ the amount) is its discount, so the ledger books what is charged. */
    private Order renewalOrder(Subscription s, int seq, long start, long now, Money credit) {
        Order first = orders.find(s.originOrderId()).orElseThrow();
        String productType = first.lines().stream().filter(l -> l.id().equals(s.originLineId())).map(OrderLine::productType).findFirst()
                .orElseThrow();
        Money subtotal = s.amount();
        Money total = subtotal.minus(credit);
        FeeSplit split = FeeSplit.of(total, ordersConfig.platformFeeBasisPoints());
        Money zero = Money.zero(total.currency());
        String gateway = s.gateway() != null ? s.gateway() : gateways.defaultId().orElse(null);
        OrderLine line = new OrderLine(Ids.next("oln"), 0, s.productId(), s.planId(), s.sellerId(), productType, s.title(),
                s.planName() + " (renewal " + seq + ")" + (credit.isZero() ? "" : ", credit " + com.mintreu.api.money.MoneyText.format(credit)),
                s.quantity(), s.unitPrice(), credit, total, split.platform(), split.seller());
        return new Order(Ids.next("ord"), s.customerId(), OrderStatus.PENDING, subtotal, credit, total, null, gateway, null, null, null, now,
                null, null, List.of(line), s.id());
    }

    /**
     * Charges one attempt. No saved method (or a gateway that cannot charge one): the subscription
     * is past due and its order waits for the customer to pay it ("Pay now"). A decline: past due,
     * tried again at the times of {@code retrySchedule}. An unknown outcome: nothing changes, the next run asks
     * again with the same key.
     */
    private void attempt(Subscription s, SubscriptionStore.Period period, SubscriptionStore.Charge charge) {
        Order order = orders.find(charge.orderId()).orElseThrow();
        if (order.total().isZero() || order.status().isPaid()) {
            // the credit paid it all (a free order is paid when placed), or it was paid meanwhile: nothing to charge
            store.jdbi().useTransaction(h -> {
                store.chargeSettled(h, charge.idempotencyKey(), "succeeded", null, clock.millis());
                store.periodByOrder(h, charge.orderId()).ifPresent(p -> subscriptions.periodPaid(h, p));
            });
            return;
        }
        SavedMethodCharge.Result result = charger.charge(s, charge.orderId(), order.total(), s.title() + " – " + s.planName(), charge.idempotencyKey());
        switch (result.outcome()) {
            case NO_METHOD -> store.jdbi().useTransaction(h -> {
                if (store.chargeSettled(h, charge.idempotencyKey(), "no_method", null, clock.millis())) {
                    pastDue(h, s.id(), period, "no saved payment method to charge; the renewal order waits to be paid", false);
                }
            });
            case PAID -> store.jdbi().useTransaction(h -> {
                store.chargeSettled(h, charge.idempotencyKey(), "succeeded", result.providerReference(), clock.millis());
                store.periodByOrder(h, charge.orderId()).ifPresent(p -> subscriptions.periodPaid(h, p));
            });
            case DECLINED -> store.jdbi().useTransaction(h -> {
                if (store.chargeSettled(h, charge.idempotencyKey(), "declined", result.providerReference(), clock.millis())) {
                    pastDue(h, s.id(), period, "renewal declined: " + result.declineReason(), true);
                }
            });
            default -> { } // unknown or pending: the next run asks again with the same key
        }
    }

    /**
     * A charge failed (or there is nothing to charge). The first failure makes the subscription past
     * due and mails a link to pay the renewal order; after a declined retry the next one is the
     * first scheduled time still ahead (a job that was down skips the missed ones), with a reminder
     * when that is the middle retry and a final notice when it is the last. None left: nothing is
     * scheduled, and the next run cancels it.
     */
    private void pastDue(Handle h, String id, SubscriptionStore.Period period, String reason, boolean retry) {
        Subscription s = store.find(h, id).orElseThrow();
        long now = clock.millis();
        boolean first = s.status() == SubscriptionStatus.ACTIVE || s.status() == SubscriptionStatus.TRIALING;
        long since = first || s.pastDueSince() == null ? now : s.pastDueSince();
        long endsAt = since + config.pastDueGrace().toMillis();
        if (first) {
            subscriptions.move(h, s, SubscriptionStatus.PAST_DUE, reason, endsAt);
        }
        List<Duration> schedule = config.retrySchedule();
        int next = -1;
        for (int i = 0; retry && i < schedule.size() && next < 0; i++) {
            next = since + schedule.get(i).toMillis() > now ? i : -1;
        }
        Long nextAt = next < 0 ? null : since + schedule.get(next).toMillis();
        store.nextRetry(h, id, nextAt, now);
        Subscription after = store.find(h, id).orElseThrow();
        if (after.status() != SubscriptionStatus.PAST_DUE) {
            return;
        }
        if (first) {
            mails.paymentFailed(h, after, period.seq(), period.orderId(), nextAt, endsAt);
        } else if (next == schedule.size() - 1) {
            mails.finalNotice(h, after, period.seq(), period.orderId(), nextAt);
        } else if (next >= 0 && next == schedule.size() / 2) {
            mails.reminder(h, after, period.seq(), period.orderId(), nextAt, endsAt);
        }
    }

    /** A past-due subscription: charged again when a retry is due; canceled when none is left and the grace is over. */
    private void pastDue(String id) {
        Subscription s = store.find(id).filter(x -> x.status() == SubscriptionStatus.PAST_DUE).orElse(null);
        if (s == null) {
            return;
        }
        int seq = s.currentSeq() + 1;
        SubscriptionStore.Period period = store.jdbi().withHandle(h -> store.period(h, id, seq)).orElse(null);
        long now = clock.millis();
        if (period != null) {
            Optional<SubscriptionStore.Charge> last = store.lastCharge(id, seq);
            if (last.isPresent() && "charging".equals(last.get().status())) {
                attempt(s, period, last.get());
            } else if (s.nextRetryAt() != null && now >= s.nextRetryAt() && last.isPresent()) {
                int n = last.get().attempt() + 1;
                boolean opened = store.jdbi().inTransaction(h -> store.insertCharge(h, key(id, seq, n), id, seq, n, period.orderId(), now));
                if (opened) {
                    attempt(s, period, new SubscriptionStore.Charge(key(id, seq, n), id, seq, n, period.orderId(), "charging"));
                }
            }
        }
        Subscription after = store.find(id).orElse(null);
        boolean inFlight = period != null && store.lastCharge(id, seq).filter(c -> "charging".equals(c.status())).isPresent();
        if (after == null || after.status() != SubscriptionStatus.PAST_DUE || period != null && (after.nextRetryAt() != null || inFlight
                || now < after.pastDueSince() + config.pastDueGrace().toMillis())) {
            return;
        }
        boolean ended = store.jdbi().inTransaction(h -> {
            if (subscriptions.move(h, after, SubscriptionStatus.CANCELED, "not paid within the grace", now) != SubscriptionStore.Moved.APPLIED) {
                return false;
            }
            store.periodUnpaid(h, id, seq);
            return true;
        });
        if (ended && period != null) {
            orders.cancelUnpaidRenewal(period.orderId(), "subscription " + id + " ended unpaid");
        }
    }

    /** The idempotency key of one attempt to charge one period. */
    static String key(String subscriptionId, int seq, int attempt) {
        return subscriptionId + ":p" + seq + ":a" + attempt;
    }
}
