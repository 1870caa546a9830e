package com.mintreu.engine.metering;

import com.mintreu.api.money.Money;
import com.mintreu.api.money.MoneyText;
import com.mintreu.api.payment.ChargeRequest;
import com.mintreu.api.payment.ChargeResult;
import com.mintreu.api.payment.RecurringCharges;
import com.mintreu.api.payment.SavedPaymentMethod;
import com.mintreu.engine.config.OrdersConfig;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.entitlement.Entitlement;
import com.mintreu.engine.entitlement.EntitlementService;
import com.mintreu.engine.ledger.FeeSplit;
import com.mintreu.engine.order.Gateways;
import com.mintreu.engine.order.Order;
import com.mintreu.engine.order.OrderLine;
import com.mintreu.engine.order.OrderService;
import com.mintreu.engine.order.OrderStatus;
import com.mintreu.engine.subscription.Subscription;
import com.mintreu.engine.subscription.SubscriptionService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Usage billing (issue 13 point 7): when a billing period of an API purchase with an overage price
 * has ended, the units reported beyond its quota become an order, charged off-session on the saved
 * payment method when there is one (the subscription's, or the one saved while paying the purchase)
 * and otherwise left for the customer to pay ("Pay now" on the order page). Paid, it goes through
 * {@code order.paid} like any order (receipt, ledger). The order names the purchase in
 * {@code renewal_of}, so fulfilment grants nothing for it and the expiry job leaves it waiting.
 *
 * <p>Exactly once per (purchase, period) on any number of nodes: the period's {@code usage_charges}
 * row is unique and is inserted in the order's transaction (the order's idempotency key
 * {@code usage:<entitlement>:<period start>} is unique too); the charge carries the key
 * {@code usage:<entitlement>:<period start>:a1}, stored before the call and reused when its outcome
 * is unknown. A period is closed {@link #SETTLE} after it ends, so usage reported a little late
 * still counts; usage reported for a closed period later than that is recorded but not billed.
 */
@Singleton
final class UsageBilling {

    /** How long after a period's end its usage is billed: room for events reported late. */
    static final Duration SETTLE = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(UsageBilling.class);
    private static final int BATCH = 200;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final UsageChargeStore store;
    private final EntitlementService entitlements;
    private final SubscriptionService subscriptions;
    private final OrderService orders;
    private final Gateways gateways;
    private final OrdersConfig ordersConfig;
    private final Clock clock;

    @Inject
    UsageBilling(UsageChargeStore store, EntitlementService entitlements, SubscriptionService subscriptions, OrderService orders, Gateways gateways,
            OrdersConfig ordersConfig, Clock clock) {
        this.store = store;
        this.entitlements = entitlements;
        this.subscriptions = subscriptions;
        this.orders = orders;
        this.gateways = gateways;
        this.ordersConfig = ordersConfig;
        this.clock = clock;
    }

    /** One pass: closes every ended period of every API purchase with an overage price, then asks again about unknown charges. */
    void run() {
        String after = "";
        for (List<Entitlement> batch = entitlements.ofKind(ApiKeyService.KIND, after, BATCH); !batch.isEmpty();
                batch = entitlements.ofKind(ApiKeyService.KIND, after, BATCH)) {
            for (Entitlement e : batch) {
                closePeriods(e);
            }
            after = batch.getLast().id();
        }
        for (UsageChargeStore.Charge c : store.charging(BATCH)) {
            entitlements.find(c.entitlementId()).ifPresent(e -> charge(e, c));
        }
    }

    /** The ended, not yet closed periods of one purchase, oldest first. */
    void closePeriods(Entitlement e) {
        ApiPlan plan = ApiPlan.of(e.data());
        if (plan.monthlyQuota() == null || plan.overageMinorPerUnit() == null) {
            return; // no quota, or a hard stop: nothing can be owed
        }
        long from = store.lastPeriodEnd(e.id()).orElse(Long.MIN_VALUE);
        long closedBy = clock.millis() - SETTLE.toMillis();
        Optional<Subscription> sub = subscriptions.byOriginLine(e.lineId());
        List<UsagePeriods.Period> periods = sub.map(s -> UsagePeriods.ofSubscription(s, from, closedBy))
                .orElseGet(() -> UsagePeriods.months(e, from, closedBy));
        for (UsagePeriods.Period p : periods) {
            close(e, plan, sub.orElse(null), p);
        }
    }

    private void close(Entitlement e, ApiPlan plan, Subscription sub, UsagePeriods.Period p) {
        OrderLine origin = orders.find(e.orderId()).flatMap(o -> o.lines().stream().filter(l -> l.id().equals(e.lineId())).findFirst())
                .orElseThrow(() -> new IllegalStateException("purchase " + e.id() + " has no order line " + e.lineId()));
        long units = store.unitsBetween(e.id(), p.start(), p.end());
        long over = Math.max(0, units - plan.monthlyQuota());
        Money amount = Money.of(Math.multiplyExact(over, plan.overageMinorPerUnit()), origin.unit().currency());
        long now = clock.millis();
        Payer payer = amount.isZero() ? null : payer(e, sub);
        Order order = amount.isZero() ? null : overageOrder(e, origin, p, units, over, plan, amount, payer, now);
        String key = order == null ? null : "usage:" + e.id() + ":" + p.start();
        String status = order == null ? "none" : payer.method() == null ? "awaiting_payment" : "charging";
        UsageChargeStore.Charge row = new UsageChargeStore.Charge(Ids.next("uch"), e.id(), p.start(), p.end(), units, plan.monthlyQuota(), over,
                plan.overageMinorPerUnit(), amount.minor(), amount.currency(), order == null ? null : order.id(), status,
                order == null ? null : key + ":a1", now);
        try {
            store.jdbi().useTransaction(h -> {
                if (order != null) {
                    orders.place(order, key, null); // (customer, key) is unique as well: a racing run fails here or below
                }
                if (!store.insert(h, row, now)) {
                    throw new IllegalStateException("the period was closed by another run");
                }
            });
            LOG.info("purchase {}: period {}..{} closed: {} units, {} over the quota, {} owed", e.id(), Instant.ofEpochMilli(p.start()),
                    Instant.ofEpochMilli(p.end()), units, over, amount);
        } catch (RuntimeException lost) {
            if (store.find(e.id(), p.start()).isEmpty()) {
                throw lost; // not a lost race: the job fails and the next run tries again
            }
            LOG.debug("purchase {}: period starting {} closed elsewhere ({})", e.id(), p.start(), lost.toString());
        }
        store.find(e.id(), p.start()).filter(c -> "charging".equals(c.status())).ifPresent(c -> charge(e, c));
    }

    /** Who pays an overage: the subscription's gateway and saved method, or the ones the purchase was paid with. */
    record Payer(String gateway, String method) {}

    private Payer payer(Entitlement e, Subscription sub) {
        if (sub != null) {
            String gw = sub.gateway() != null ? sub.gateway() : gateways.defaultId().orElse(null);
            return new Payer(gw, sub.paymentMethod() != null && gateways.chargesSavedMethods(sub.gateway()) ? sub.paymentMethod() : null);
        }
        Order first = orders.find(e.orderId()).orElseThrow();
        String gw = first.gateway() != null ? first.gateway() : gateways.defaultId().orElse(null);
        return new Payer(gw, savedMethod(first).map(SavedPaymentMethod::id).orElse(null));
    }

    private Optional<SavedPaymentMethod> savedMethod(Order order) {
        if (order.providerReference() == null || order.gateway() == null || !gateways.chargesSavedMethods(order.gateway())) {
            return Optional.empty();
        }
        try {
            return gateways.call(order.gateway(), "savedPaymentMethod", g -> ((RecurringCharges) g).savedPaymentMethod(order.providerReference()));
        } catch (RuntimeException ex) {
            LOG.warn("order {}: could not ask {} for a saved method; the overage waits to be paid: {}", order.id(), order.gateway(), ex.getMessage());
            return Optional.empty();
        }
    }

    private Order overageOrder(Entitlement e, OrderLine origin, UsagePeriods.Period p, long units, long over, ApiPlan plan, Money amount,
            Payer payer, long now) {
        FeeSplit split = FeeSplit.of(amount, ordersConfig.platformFeeBasisPoints());
        Money zero = Money.zero(amount.currency());
        String what = "Usage " + DAY.format(Instant.ofEpochMilli(p.start())) + " to " + DAY.format(Instant.ofEpochMilli(p.end() - 1)) + ": "
                + over + " of " + units + " units beyond the quota of " + plan.monthlyQuota() + " at "
                + MoneyText.format(Money.of(plan.overageMinorPerUnit(), amount.currency())) + " each";
        OrderLine line = new OrderLine(Ids.next("oln"), 0, origin.productId(), origin.planId(), origin.sellerId(), origin.productType(), origin.title(),
                what, 1, amount, zero, amount, split.platform(), split.seller());
        return new Order(Ids.next("ord"), e.customerId(), OrderStatus.PENDING, amount, zero, amount, null, payer.gateway(), null, null, null, now,
                null, null, List.of(line), e.id());
    }

    /** Charges a period's order on the saved method; an unknown outcome leaves it charging, asked again next run with the same key. */
    private void charge(Entitlement e, UsageChargeStore.Charge c) {
        Optional<Subscription> sub = subscriptions.byOriginLine(e.lineId());
        Payer payer = payer(e, sub.orElse(null));
        Order order = orders.find(c.orderId()).orElseThrow();
        if (order.status() != OrderStatus.PENDING) {
            store.settle(c.id(), order.status() == OrderStatus.PAID ? "charged" : "declined", clock.millis());
            return;
        }
        if (payer.method() == null) {
            store.settle(c.id(), "awaiting_payment", clock.millis());
            return;
        }
        ChargeResult result;
        try {
            ChargeRequest request = new ChargeRequest(payer.method(), order.id(), order.total(), order.lines().getFirst().planName(), c.idempotencyKey());
            result = gateways.call(payer.gateway(), "charge", g -> ((RecurringCharges) g).charge(request));
        } catch (RuntimeException ex) {
            LOG.warn("purchase {}: usage charge {} has no known outcome; asked again next run: {}", e.id(), c.idempotencyKey(), ex.getMessage());
            return;
        }
        switch (result.outcome()) {
            case SUCCEEDED -> {
                orders.chargeSucceeded(payer.gateway(), order.id(), result.providerReference(), result.amount());
                store.settle(c.id(), "charged", clock.millis());
            }
            // the order stays pending: the customer pays it on the order page, as a declined renewal
            case DECLINED -> store.settle(c.id(), "declined", clock.millis());
            default -> LOG.info("purchase {}: usage charge {} is pending at {}", e.id(), c.idempotencyKey(), payer.gateway());
        }
    }
}
