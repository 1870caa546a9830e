package com.mintreu.engine.subscription;

import com.mintreu.api.payment.SubscriptionEvent;
import com.mintreu.api.payment.SubscriptionRequest;
import com.mintreu.api.money.Money;
import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.catalog.Plan;
import com.mintreu.engine.catalog.Recurrence;
import com.mintreu.engine.config.ServerConfig;
import com.mintreu.engine.config.SubscriptionsConfig;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.order.Gateways;
import com.mintreu.engine.order.Order;
import com.mintreu.engine.order.OrderLine;
import com.mintreu.engine.order.OrderService;
import com.mintreu.engine.order.OrderService.EventResult;
import com.mintreu.engine.order.SubscriptionEventHandler;
import java.net.URI;
import java.time.Clock;
import java.time.Period;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscriptions a provider renews itself (Stripe, PayPal: {@code capabilities().subscriptions()}).
 * Checkout allocates the subscription's id up front ({@link #allocate}) and subscribes at the
 * provider ({@link #request}); the provider's {@link SubscriptionEvent}s are then applied here, each
 * in one transaction with its inbox row: a period paid books a paid renewal order and period (so the
 * receipt, ledger and licenses follow {@code order.paid} as for engine renewals), at most once per
 * (subscription, payment reference); a failed payment makes it past due with the provider's "update
 * your card" page in the mail; cancelation news sets the flag or ends it.
 */
@Singleton
public final class ProviderSubscriptions implements SubscriptionEventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderSubscriptions.class);

    private final ProviderSubscriptionStore pending;
    private final SubscriptionStore store;
    private final SubscriptionService subscriptions;
    private final SubscriptionStarter starter;
    private final Renewals renewals;
    private final OrderService orders;
    private final Gateways gateways;
    private final CatalogService catalog;
    private final SubscriptionMails mails;
    private final SubscriptionsConfig config;
    private final ServerConfig server;
    private final Clock clock;

    @Inject
    ProviderSubscriptions(ProviderSubscriptionStore pending, SubscriptionStore store, SubscriptionService subscriptions, SubscriptionStarter starter,
            Renewals renewals, OrderService orders, Gateways gateways, CatalogService catalog, SubscriptionMails mails, SubscriptionsConfig config,
            ServerConfig server, Clock clock) {
        this.pending = pending;
        this.store = store;
        this.subscriptions = subscriptions;
        this.starter = starter;
        this.renewals = renewals;
        this.orders = orders;
        this.gateways = gateways;
        this.catalog = catalog;
        this.mails = mails;
        this.config = config;
        this.server = server;
        this.clock = clock;
    }

    /** True when a recurring plan paid through this gateway is renewed by the gateway itself. */
    public boolean managedBy(String gatewayId) {
        return gateways.managesSubscriptions(gatewayId);
    }

    /** Allocates the subscription id of an order's recurring line, in the caller's (checkout's) transaction. */
    public String allocate(String gatewayId, String orderId, String lineId) {
        String id = Ids.next("sub");
        pending.jdbi().useTransaction(h -> pending.insert(h, id, gatewayId, orderId, lineId, clock.millis()));
        return id;
    }

    /**
     * What to ask the order's gateway for when its recurring line is renewed there: empty when the
     * order is paid the ordinary way (no allocated subscription, or the buyer switched to a gateway
     * that does not renew by itself). The idempotency key is per subscription, so "Pay now" again
     * returns the same page and never subscribes twice.
     */
    public Optional<SubscriptionRequest> request(Order order, String email, URI returnUrl, URI cancelUrl) {
        Optional<ProviderSubscriptionStore.Pending> p = pending.jdbi().withHandle(h -> pending.byOrder(h, order.id()))
                .filter(x -> x.gateway().equals(order.gateway()) && managedBy(order.gateway()));
        if (p.isEmpty()) {
            return Optional.empty();
        }
        OrderLine line = order.lines().stream().filter(l -> l.id().equals(p.get().lineId())).findFirst().orElseThrow();
        Plan plan = catalog.plan(line.planId()).orElseThrow();
        Recurrence r = plan.recurrence();
        // the line costs nothing during a trial: the provider is told what each period costs
        Money perPeriod = line.total().isZero() ? plan.price().times(line.quantity()) : line.total();
        return Optional.of(new SubscriptionRequest(p.get().subscriptionId(), order.id(), line.title() + " – " + line.planName(), perPeriod,
                interval(r), line.quantity(), line.total().isZero() ? r.trialDays() : 0, r.trialRequiresPaymentMethod(), email, returnUrl,
                cancelUrl, "subscribe:" + p.get().subscriptionId()));
    }

    /** The plan's interval as a {@link Period}: a week is 7 days. */
    static Period interval(Recurrence r) {
        return switch (r.interval()) {
            case "week" -> Period.ofWeeks(1);
            case "month" -> Period.ofMonths(1);
            case "year" -> Period.ofYears(1);
            default -> Period.ofDays(r.intervalDays());
        };
    }

    @Override
    public EventResult apply(String gatewayId, SubscriptionEvent e) {
        Optional<ProviderSubscriptionStore.Pending> found = pending.jdbi().withHandle(h ->
                pending.find(h, gatewayId, e.subscriptionId(), e.providerReference()));
        if (found.isEmpty()) {
            return unknown(gatewayId, e);
        }
        ProviderSubscriptionStore.Pending p = found.get();
        Order first = orders.find(p.orderId()).orElseThrow();
        startIfPaid(first);
        Optional<URI> updateUrl = e.kind() == SubscriptionEvent.Kind.PAYMENT_FAILED ? updateUrl(gatewayId, e.providerReference()) : Optional.empty();
        String currency = first.total().currency();
        EventResult result = store.jdbi().inTransaction(h -> {
            if (!orders.recordInbox(gatewayId, e, p.orderId(), "SUBSCRIPTION_" + e.kind().name(), e.amount(), currency)) {
                return EventResult.DUPLICATE;
            }
            pending.link(h, p.subscriptionId(), e.providerReference(), clock.millis());
            Optional<Subscription> s = store.find(h, p.subscriptionId());
            EventResult r = switch (e.kind()) {
                case ACTIVATED -> trialStarted(gatewayId, first, e);
                case PERIOD_PAID -> s.isEmpty() ? firstPaid(h, gatewayId, p, e) : periodPaid(gatewayId, s.get(), e);
                case PAYMENT_FAILED -> s.map(x -> failed(x, e, updateUrl.orElse(null))).orElse(EventResult.IGNORED);
                case CANCEL_SCHEDULED, CANCEL_UNDONE -> s.map(x -> subscriptions.scheduleCancel(h, x, e.kind() == SubscriptionEvent.Kind.CANCEL_SCHEDULED)
                        ? EventResult.APPLIED : EventResult.IGNORED).orElse(EventResult.IGNORED);
                case CANCELED -> s.map(this::canceled).orElse(EventResult.IGNORED);
            };
            orders.inboxResult(gatewayId, e.providerEventId(), r);
            return r;
        });
        startIfPaid(orders.find(p.orderId()).orElseThrow()); // the first invoice may just have paid it
        LOG.info("subscription event {} ({}) from {} for {} / {}: {}", e.providerEventId(), e.kind(), gatewayId, p.subscriptionId(),
                e.providerReference(), result);
        return result;
    }

    /**
     * The subscription exists at the provider. For a free trial's order (nothing to pay) that is
     * its payment: the order is paid as free through the webhook path, and the trial starts.
     */
    private EventResult trialStarted(String gatewayId, Order first, SubscriptionEvent e) {
        if (first.status() != com.mintreu.engine.order.OrderStatus.PENDING || !first.total().isZero()) {
            return EventResult.APPLIED;
        }
        return orders.periodPaidAtProvider(gatewayId, first.id(), "trial:" + e.providerReference(), first.total(), e.rawType())
                == EventResult.DUPLICATE ? EventResult.IGNORED : EventResult.APPLIED;
    }

    /** The subscription starts from {@code order.paid}; when an event about it comes first, it starts now (idempotent). */
    private void startIfPaid(Order first) {
        if (first.paidAt() != null) {
            starter.start(first);
        }
    }

    private EventResult unknown(String gatewayId, SubscriptionEvent e) {
        return store.jdbi().inTransaction(h -> {
            if (!orders.recordInbox(gatewayId, e, null, "SUBSCRIPTION_" + e.kind().name(), e.amount(), e.amount() == null ? "XXX" : e.amount().currency())) {
                return EventResult.DUPLICATE;
            }
            orders.inboxResult(gatewayId, e.providerEventId(), EventResult.UNKNOWN_ORDER);
            LOG.warn("subscription event {} from {} names no subscription of this shop ({} / {})", e.providerEventId(), gatewayId,
                    e.subscriptionId(), e.providerReference());
            return EventResult.UNKNOWN_ORDER;
        });
    }

    /** The first invoice, before the subscription started: it pays the first order (amount checked), once. */
    private EventResult firstPaid(org.jdbi.v3.core.Handle h, String gatewayId, ProviderSubscriptionStore.Pending p, SubscriptionEvent e) {
        if (!pending.recordPayment(h, p.subscriptionId(), e.paymentReference(), 0, p.orderId(), clock.millis())) {
            return EventResult.IGNORED;
        }
        return orders.periodPaidAtProvider(gatewayId, p.orderId(), e.paymentReference(), e.amount(), e.rawType());
    }

    /**
     * A period paid at the provider. The first invoice (no period 0 payment yet, and the invoice's
     * period starts in the first half of period 0) confirms the first order; any other opens the
     * next period with a paid renewal order.
     */
    private EventResult periodPaid(String gatewayId, Subscription s, SubscriptionEvent e) {
        return store.jdbi().inTransaction(h -> {
            long now = clock.millis();
            if (pending.paymentKnown(h, s.id(), e.paymentReference())) {
                return EventResult.IGNORED;
            }
            boolean firstInvoice = !pending.periodKnown(h, s.id(), 0) && s.currentSeq() == 0
                    && (e.periodStart() == null || e.periodStart().toEpochMilli() < (s.currentPeriodStart() + s.currentPeriodEnd()) / 2);
            if (firstInvoice) {
                pending.recordPayment(h, s.id(), e.paymentReference(), 0, s.originOrderId(), now);
                return orders.periodPaidAtProvider(gatewayId, s.originOrderId(), e.paymentReference(), e.amount(), e.rawType());
            }
            if (s.status() == SubscriptionStatus.CANCELED) {
                LOG.warn("subscription {} is canceled but {} reports {} paid; recorded, not booked", s.id(), gatewayId, e.paymentReference());
                return EventResult.CONFLICT;
            }
            int seq = s.currentSeq() + 1;
            long start = e.periodStart() != null ? e.periodStart().toEpochMilli() : s.currentPeriodEnd();
            long end = e.periodEnd() != null && e.periodEnd().toEpochMilli() > start ? e.periodEnd().toEpochMilli() : s.periodEnd(seq);
            Order order = renewals.renewalOrder(s, seq, start, now);
            if (!pending.recordPayment(h, s.id(), e.paymentReference(), seq, order.id(), now)) {
                return EventResult.IGNORED;
            }
            orders.place(order, "renewal:" + s.id() + ":p" + seq, null);
            store.insertPeriod(h, s.id(), seq, "paid", start, end, order.id(), "open", now);
            EventResult paid = orders.periodPaidAtProvider(gatewayId, order.id(), e.paymentReference(), e.amount(), e.rawType());
            if (paid == EventResult.APPLIED) {
                store.periodByOrder(h, order.id()).ifPresent(period -> subscriptions.periodPaid(h, period));
            }
            return paid;
        });
    }

    /** A renewal failed at the provider (which retries on its own schedule): past due, and one mail with the provider's card page. */
    private EventResult failed(Subscription s, SubscriptionEvent e, URI updateUrl) {
        if (s.status() != SubscriptionStatus.ACTIVE && s.status() != SubscriptionStatus.TRIALING) {
            return EventResult.IGNORED; // already past due: the provider's own retries failing again change nothing here
        }
        long endsAt = clock.millis() + config.pastDueGrace().toMillis();
        return store.jdbi().inTransaction(h -> {
            if (subscriptions.move(h, s, SubscriptionStatus.PAST_DUE, "renewal failed at " + s.gateway() + " (" + e.paymentReference() + ")",
                    endsAt) != SubscriptionStore.Moved.APPLIED) {
                return EventResult.IGNORED;
            }
            Subscription after = store.find(h, s.id()).orElseThrow();
            mails.paymentFailedAtProvider(h, after, s.currentSeq() + 1, e.amount(), updateUrl);
            return EventResult.APPLIED;
        });
    }

    /** The provider ended it: benefits last to the paid period's end when it was set to end then, else they end now. */
    private EventResult canceled(Subscription s) {
        long now = clock.millis();
        long until = s.cancelAtPeriodEnd() && s.status() != SubscriptionStatus.PAST_DUE ? Math.max(now, s.currentPeriodEnd()) : now;
        return store.jdbi().inTransaction(h -> subscriptions.move(h, s, SubscriptionStatus.CANCELED, "canceled at " + s.gateway(), until)
                == SubscriptionStore.Moved.APPLIED ? EventResult.APPLIED : EventResult.IGNORED);
    }

    /** The provider's page to update the card (a plugin call: outside any transaction); empty when it has none or fails. */
    Optional<URI> updateUrl(String gatewayId, String providerReference) {
        try {
            return gateways.call(gatewayId, "paymentMethodUpdateUrl",
                    g -> g.paymentMethodUpdateUrl(providerReference, server.publicUrl().resolve("/account/subscriptions")));
        } catch (RuntimeException ex) {
            LOG.warn("{} gave no payment method page for {}: {}", gatewayId, providerReference, ex.getMessage());
            return Optional.empty();
        }
    }
}
