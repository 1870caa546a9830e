package com.mintreu.engine.subscription;

import com.mintreu.api.event.DomainEvent;
import com.mintreu.api.event.EventSubscriber;
import com.mintreu.api.event.OrderPaid;
import com.mintreu.api.payment.RecurringCharges;
import com.mintreu.api.payment.SavedPaymentMethod;
import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.catalog.Plan;
import com.mintreu.engine.catalog.Recurrence;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.order.Gateways;
import com.mintreu.engine.order.Order;
import com.mintreu.engine.order.OrderLine;
import com.mintreu.engine.order.OrderService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears of paid orders: a line of a recurring plan starts a subscription (one per line, so a
 * redelivered {@link OrderPaid} starts nothing twice); a paid renewal order pays its period. In
 * both cases the payment method the buyer saved on the provider's page is kept for renewals.
 */
@Singleton
final class SubscriptionStarter implements EventSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionStarter.class);

    private final OrderService orders;
    private final CatalogService catalog;
    private final Gateways gateways;
    private final SubscriptionService subscriptions;
    private final SubscriptionStore store;
    private final ProviderSubscriptionStore providerStore;
    private final Clock clock;

    @Inject
    SubscriptionStarter(OrderService orders, CatalogService catalog, Gateways gateways, SubscriptionService subscriptions,
            SubscriptionStore store, ProviderSubscriptionStore providerStore, Clock clock) {
        this.providerStore = providerStore;
        this.orders = orders;
        this.catalog = catalog;
        this.gateways = gateways;
        this.subscriptions = subscriptions;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public String id() {
        return "subscriptions";
    }

    @Override
    public Set<Class<? extends DomainEvent>> events() {
        return Set.of(OrderPaid.class);
    }

    @Override
    public void on(DomainEvent event) {
        if (event instanceof OrderPaid paid && paid.orderId() != null) {
            orders.find(paid.orderId()).filter(o -> o.paidAt() != null).ifPresent(this::paid);
        }
    }

    /** Starts the subscriptions of a paid order now (an event about one came before {@code order.paid}); idempotent. */
    void start(Order order) {
        paid(order);
    }

    private void paid(Order order) {
        if (order.renewalOf() != null) {
            store.jdbi().useTransaction(h -> store.periodByOrder(h, order.id()).ifPresent(p -> subscriptions.periodPaid(h, p)));
            savedMethod(order).ifPresent(m -> store.jdbi().useTransaction(h ->
                    store.paymentMethod(h, order.renewalOf(), order.gateway(), m.id(), m.summary(), clock.millis())));
            return;
        }
        Optional<SavedPaymentMethod> method = Optional.empty();
        boolean asked = false;
        for (OrderLine line : order.lines()) {
            Optional<Plan> plan = catalog.plan(line.planId()).filter(Plan::recurring);
            if (plan.isEmpty() || store.byOriginLine(line.id()).isPresent()) {
                continue;
            }
            // an id allocated at checkout for a provider that renews it: the subscription takes it, and is provider-managed
            Optional<ProviderSubscriptionStore.Pending> pending = providerStore.jdbi().withHandle(h -> providerStore.byLine(h, line.id()))
                    .filter(p -> p.gateway().equals(order.gateway()));
            if (!asked && pending.isEmpty()) {
                method = savedMethod(order); // a plugin call: outside the transaction below
                asked = true;
            }
            Subscription s = subscription(order, line, plan.get(), pending.isPresent() ? null : method.orElse(null), pending.orElse(null));
            boolean started = store.jdbi().inTransaction(h -> {
                boolean fresh = subscriptions.start(h, s, order.id());
                if (fresh && s.providerManaged()) {
                    providerStore.copyReference(h, s.id()); // an event may have named the provider's id meanwhile
                }
                return fresh;
            });
            if (started) {
                LOG.info("subscription {} started ({}) for line {} of {}", s.id(), s.status().id(), line.id(), order.id());
            }
        }
    }

    private Subscription subscription(Order order, OrderLine line, Plan plan, SavedPaymentMethod method, ProviderSubscriptionStore.Pending pending) {
        Recurrence r = plan.recurrence();
        long paidAt = order.paidAt();
        boolean trial = r.trialDays() > 0;
        long anchor = trial ? paidAt + Duration.ofDays(r.trialDays()).toMillis() : paidAt;
        long end = trial ? anchor : r.periodEnd(Instant.ofEpochMilli(anchor), 1).toEpochMilli();
        // the plan's price and interval as they are now, the moment of purchase: renewals charge these
        return new Subscription(pending == null ? Ids.next("sub") : pending.subscriptionId(), order.customerId(), line.productId(), line.planId(), line.sellerId(), order.id(), line.id(),
                line.title(), line.planName(), trial ? SubscriptionStatus.TRIALING : SubscriptionStatus.ACTIVE, r, line.quantity(),
                plan.price(), order.gateway(), method == null ? null : method.id(), method == null ? null : method.summary(), anchor,
                trial ? 1 : 0, 0, paidAt, end, false, null, null, null, clock.millis(), pending != null,
                pending == null ? null : pending.providerReference());
    }

    /** The method the buyer saved while paying this order at a gateway that charges saved methods; empty otherwise. */
    private Optional<SavedPaymentMethod> savedMethod(Order order) {
        if (order.providerReference() == null || !gateways.chargesSavedMethods(order.gateway())) {
            return Optional.empty();
        }
        return gateways.call(order.gateway(), "savedPaymentMethod",
                g -> ((RecurringCharges) g).savedPaymentMethod(order.providerReference()));
    }
}
