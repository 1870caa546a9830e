package com.mintreu.engine.order;

import com.mintreu.api.event.OrderCanceled;
import com.mintreu.api.event.OrderPaid;
import com.mintreu.api.money.MoneyText;
import com.mintreu.api.payment.DisputeEvent;
import com.mintreu.api.payment.GatewayEvent;
import com.mintreu.api.payment.Outcome;
import com.mintreu.api.payment.PaymentEvent;
import com.mintreu.api.payment.RefundEvent;
import com.mintreu.api.payment.SubscriptionEvent;
import com.mintreu.api.payment.WebhookRejectedException;
import com.mintreu.api.payment.WebhookRequest;
import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.notify.Outbox;
import com.mintreu.engine.plugin.PluginCallException;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.CommonError;
import com.mintreu.engine.web.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Provider;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orders after checkout: the payment state machine fed by verified webhooks and reconciliation,
 * and the queries other features use. A paid transition and its {@code order.paid} outbox row
 * commit together; fulfilment happens after commit, in the outbox consumer.
 */
@Singleton
public final class OrderService {

    /** Outbox topic written when an order becomes paid; payload {@code {orderId}}. */
    public static final String ORDER_PAID = OrderPaid.TYPE;

    private static final Logger LOG = LoggerFactory.getLogger(OrderService.class);

    /** What happened to one webhook event; stored with it in the inbox. */
    public enum EventResult {
        APPLIED, DUPLICATE, HELD, IGNORED, UNKNOWN_ORDER,
        /** The event asked for a move the state machine refuses (a late payment for a fulfilled order): recorded for an admin, not applied. */
        CONFLICT,
        /** A refund event for an order not paid (yet): kept, and applied when the order becomes paid (events out of order). */
        EARLY
    }

    private final OrderStore store;
    private final Outbox outbox;
    private final Gateways gateways;
    private final Clock clock;
    private final Set<OrderStatusListener> listeners;
    private final AuditLog audit;
    private final RefundService refunds;
    private final DisputeService disputes;
    private final EarlyEvents early;
    private final Provider<Set<SubscriptionEventHandler>> subscriptionEvents;

    @Inject
    OrderService(OrderStore store, Outbox outbox, Gateways gateways, Clock clock, Set<OrderStatusListener> listeners, AuditLog audit,
            RefundService refunds, DisputeService disputes, EarlyEvents early, Provider<Set<SubscriptionEventHandler>> subscriptionEvents) {
        this.early = early;
        this.subscriptionEvents = subscriptionEvents; // a provider: the handler needs this service
        this.audit = audit;
        this.refunds = refunds;
        this.disputes = disputes;
        this.store = store;
        this.outbox = outbox;
        this.gateways = gateways;
        this.clock = clock;
        this.listeners = listeners;
    }

    /**
     * The one way an order's status changes: the store's transition, checked against the state
     * machine, then every listener in the same transaction when (and only when) it was applied.
     */
    private OrderStore.Moved move(Handle h, String orderId, OrderStatus from, OrderStatus to, String reason, long now) {
        OrderStore.Moved moved = store.transition(h, orderId, from, to, reason, now);
        if (moved == OrderStore.Moved.APPLIED) {
            listeners.forEach(l -> l.moved(h, orderId, from, to, now));
            if (to == OrderStatus.CANCELED || to == OrderStatus.EXPIRED) {
                Outbox.Stamp stamp = outbox.stamp();
                outbox.publish(h, new OrderCanceled(stamp.eventId(), stamp.at(), orderId, store.find(h, orderId).orElseThrow().customerId(),
                        to == OrderStatus.EXPIRED ? "expired" : reason));
            }
        } else if (moved == OrderStore.Moved.CONFLICT) {
            LOG.warn("order {}: {} -> {} is not allowed; recorded for an admin, not applied ({})", orderId, from.id(), to.id(), reason);
        }
        return moved;
    }

    /** Refused state changes kept for an admin, newest first; of one order when {@code orderId} is not null. */
    public Page<OrderConflict> conflicts(String orderId, PageRequest page) {
        return store.conflicts(orderId, page);
    }

    public Optional<Order> find(String orderId) {
        return store.find(orderId);
    }

    /** The order when the caller owns it or is an admin; otherwise 404, as if it did not exist. */
    public Order visibleTo(Principal caller, String orderId) {
        return store.find(orderId).filter(o -> o.customerId().equals(caller.userId()) || caller.isAdmin())
                .orElseThrow(() -> ApiException.notFound("order " + orderId));
    }

    /** The customer's newest orders (the account page shows at most 200). */
    public List<Order> forCustomer(String customerId) {
        return forCustomer(customerId, PageRequest.first(200)).data();
    }

    /** The customer's orders, newest first. */
    public Page<Order> forCustomer(String customerId, PageRequest page) {
        return store.forCustomer(customerId, page);
    }

    /** Orders in {@code status}, oldest first. */
    public Page<Order> withStatus(OrderStatus status, PageRequest page) {
        return store.withStatus(status, page);
    }

    /** The seller's newest paid sales (the sales page shows at most 500). */
    public List<Sale> salesOf(String sellerId) {
        return store.salesOf(sellerId, PageRequest.first(500)).data();
    }

    /** The seller's paid sales, newest first. */
    public Page<Sale> salesOf(String sellerId, PageRequest page) {
        return store.salesOf(sellerId, page);
    }

    /**
     * Verifies a webhook with its gateway, then applies each event. Throws (→ 4xx, nothing
     * recorded) when the gateway rejects the signature; returns only after everything committed.
     */
    public List<EventResult> receiveWebhook(String gatewayId, WebhookRequest raw) {
        List<? extends GatewayEvent> events;
        try {
            events = gateways.call(gatewayId, "parseWebhook", g -> g.parseWebhook(raw));
        } catch (PluginCallException e) {
            if (e.getCause() instanceof WebhookRejectedException rejected) {
                LOG.warn("webhook for {} rejected: {} ({})", gatewayId, rejected.reason(), rejected.getMessage());
                throw new ApiException(OrderError.WEBHOOK_REJECTED, "webhook rejected: " + rejected.reason());
            }
            throw e;
        }
        List<EventResult> results = new ArrayList<>();
        for (GatewayEvent event : events) {
            results.add(switch (event) {
                case PaymentEvent payment -> apply(gatewayId, payment);
                case RefundEvent refund -> applyToOrder(gatewayId, refund, "REFUND_" + refund.status().name(), refund.amount(),
                        (h, order) -> refundEvent(h, gatewayId, order, refund));
                case DisputeEvent dispute -> applyToOrder(gatewayId, dispute, "DISPUTE_" + dispute.status().name(), dispute.amount(),
                        (h, order) -> disputeEvent(h, gatewayId, order, dispute));
                case SubscriptionEvent subscription -> subscriptionEvents.get().stream().findFirst()
                        .map(handler -> handler.apply(gatewayId, subscription)).orElse(EventResult.IGNORED);
            });
        }
        return results;
    }

    /**
     * A refund of an order whose payment the engine has not seen complete (the provider's events
     * overtook each other) cannot be booked yet and must not be lost: it is kept and applied when
     * the order becomes paid ({@link #paid}).
     */
    private EventResult refundEvent(Handle h, String gatewayId, Order order, RefundEvent refund) {
        if (order.status().isPaid()) {
            return refunds.fromProvider(h, gatewayId, order, refund);
        }
        early.keep(h, gatewayId, order.id(), refund, clock.millis());
        LOG.warn("order {} is {}: refund event {} kept until the payment completes", order.id(), order.status().id(), refund.providerEventId());
        return EventResult.EARLY;
    }

    /** A dispute of a payment the engine has not seen complete is kept, like a refund, until it is paid. */
    private EventResult disputeEvent(Handle h, String gatewayId, Order order, DisputeEvent dispute) {
        if (order.status().isPaid()) {
            return disputes.apply(h, gatewayId, order, dispute);
        }
        early.keep(h, gatewayId, order.id(), dispute, clock.millis());
        LOG.warn("order {} is {}: dispute event {} kept until the payment completes", order.id(), order.status().id(), dispute.providerEventId());
        return EventResult.EARLY;
    }

    private interface OrderEffect {
        EventResult apply(Handle h, Order order);
    }

    /**
     * Applies a refund or dispute event in one transaction with its inbox row (a redelivery stops
     * there), for the order it names or whose payment it references at that gateway.
     */
    private EventResult applyToOrder(String gatewayId, GatewayEvent event, String outcome, com.mintreu.api.money.Money amount, OrderEffect effect) {
        EventResult result = store.jdbi().inTransaction(h -> {
            long now = clock.millis();
            Optional<String> orderId = Optional.ofNullable(event.orderId()).filter(id -> store.find(h, id)
                            .map(o -> gatewayId.equals(o.gateway())).orElse(false))
                    .or(() -> store.orderByReference(h, gatewayId, event.providerReference()));
            if (!store.recordEvent(h, gatewayId, event.providerEventId(), event.providerReference(), orderId.orElse(null), outcome, amount,
                    event.rawType(), "received", now)) {
                return EventResult.DUPLICATE;
            }
            EventResult r = orderId.isEmpty() ? EventResult.UNKNOWN_ORDER : effect.apply(h, store.find(h, orderId.get()).orElseThrow());
            store.eventResult(h, gatewayId, event.providerEventId(), r.name());
            return r;
        });
        LOG.info("{} event {} from {} for reference {}: {}", outcome, event.providerEventId(), gatewayId, event.providerReference(), result);
        return result;
    }

    /**
     * Applies one verified payment event in one transaction: inbox row (a redelivery stops here),
     * amount check, state change and the outbox row together.
     */
    EventResult apply(String gatewayId, PaymentEvent event) {
        EventResult result = store.jdbi().inTransaction(h -> {
            long now = clock.millis();
            Optional<String> orderId = Optional.ofNullable(event.orderId()).filter(id -> store.find(h, id)
                            .map(o -> gatewayId.equals(o.gateway())).orElse(false))
                    .or(() -> store.orderByReference(h, gatewayId, event.providerReference()));
            if (!store.recordEvent(h, gatewayId, event, orderId.orElse(null), "received", now)) {
                return EventResult.DUPLICATE;
            }
            if (orderId.isEmpty()) {
                store.eventResult(h, gatewayId, event.providerEventId(), EventResult.UNKNOWN_ORDER.name());
                return EventResult.UNKNOWN_ORDER;
            }
            Order order = store.find(h, orderId.get()).orElseThrow();
            EventResult r = switch (event.outcome()) {
                case SUCCEEDED -> succeeded(h, order, event, now);
                // a decline for an order that is no longer pending is stale news (STALE), not a conflict;
                // so is a decline of an older payment session than the order's current one
                case DECLINED -> !sameSession(order, event) ? EventResult.IGNORED : move(h, order.id(), OrderStatus.PENDING, OrderStatus.FAILED,
                        "declined by " + gatewayId + " (" + event.rawType() + ")", now) == OrderStore.Moved.APPLIED
                        ? EventResult.APPLIED : EventResult.IGNORED;
                case PENDING, UNDEFINED -> EventResult.IGNORED; // still open: reconciliation asks again later
            };
            store.eventResult(h, gatewayId, event.providerEventId(), r.name());
            return r;
        });
        LOG.info("payment event {} from {} for reference {}: {} -> {}", event.providerEventId(), gatewayId,
                event.providerReference(), event.outcome(), result);
        return result;
    }

    /** False when the event names a payment session other than the one the order is paid through now. */
    private static boolean sameSession(Order order, PaymentEvent event) {
        return order.providerReference() == null || event.providerReference() == null
                || order.providerReference().equals(event.providerReference());
    }

    private EventResult succeeded(Handle h, Order order, PaymentEvent event, long now) {
        boolean matches = event.amount().equals(order.total());
        if (order.status() == OrderStatus.PENDING && matches) {
            if (move(h, order.id(), OrderStatus.PENDING, OrderStatus.PAID, "payment " + event.providerEventId(), now) != OrderStore.Moved.APPLIED) {
                return EventResult.IGNORED;
            }
            paid(h, order.id(), order.customerId());
            return EventResult.APPLIED;
        }
        if (order.status().isPaid() && matches) {
            return EventResult.IGNORED; // a second success for a paid order: nothing more to grant
        }
        // a payment that does not fit: held for review where the state machine allows it (pending,
        // failed, expired); for a paid, fulfilled, held or canceled order it is a recorded conflict
        String reason = matches ? "payment " + event.providerEventId() + " received for a " + order.status().id() + " order"
                : "paid " + MoneyText.format(event.amount()) + " but the order total is " + MoneyText.format(order.total()) + " (payment " + event.providerEventId() + ")";
        return switch (move(h, order.id(), order.status(), OrderStatus.HELD, reason, now)) {
            case APPLIED -> EventResult.HELD;
            case CONFLICT -> EventResult.CONFLICT;
            case STALE -> EventResult.IGNORED;
        };
    }

    /**
     * Stores a new order in the caller's transaction when there is one (checkout redeems its
     * voucher in the same one; see {@code db.Tx}). An order with a zero total and no gateway needs
     * no payment: it is paid at once, with its {@link OrderPaid} event (a free trial taken at a
     * provider that renews it has a gateway: it waits until the provider reports the subscription, as
     * does a free trial that needs a payment method saved first, until the gateway reports it saved).
     */
    public void place(Order order, String idempotencyKey, String requestHash) {
        if (order.status() != OrderStatus.PENDING) {
            throw new IllegalArgumentException("a new order starts pending");
        }
        store.jdbi().useTransaction(h -> {
            store.insert(h, order, idempotencyKey, requestHash);
            // a zero renewal (a credit paid it) is paid too; a free first order with a gateway waits for it
            if (order.total().isZero() && (order.gateway() == null || order.renewalOf() != null)) {
                move(h, order.id(), OrderStatus.PENDING, OrderStatus.PAID, "free order", clock.millis());
                paid(h, order.id(), order.customerId());
            }
        });
    }

    /** The {@link OrderPaid} event, in the transaction {@code h} of the paid transition. */
    private void paid(Handle h, String orderId, String customerId) {
        Outbox.Stamp stamp = outbox.stamp();
        outbox.publish(h, new OrderPaid(stamp.eventId(), stamp.at(), orderId, customerId));
        for (EarlyEvents.Kept kept : early.take(h, orderId)) {
            Order order = store.find(h, orderId).orElseThrow();
            EventResult r = switch (kept.event()) {
                case RefundEvent refund -> refunds.fromProvider(h, kept.gateway(), order, refund);
                case DisputeEvent dispute -> disputes.apply(h, kept.gateway(), order, dispute);
                default -> throw new IllegalStateException("only refund and dispute events are kept");
            };
            store.eventResult(h, kept.gateway(), kept.event().providerEventId(), r.name());
            LOG.info("order {} paid: kept {} event {} applied: {}", orderId, kept.event().rawType(), kept.event().providerEventId(), r);
        }
    }

    /**
     * A merchant-initiated charge (a subscription renewal) succeeded: the renewal order is paid
     * through the same path as a webhook (inbox row keyed by the charge, amount check, conditional
     * transition and {@link OrderPaid} in one transaction), so a charge reported twice pays once.
     */
    public EventResult chargeSucceeded(String gatewayId, String orderId, String chargeReference, com.mintreu.api.money.Money amount) {
        store.setCheckout(orderId, gatewayId, chargeReference, null, clock.millis());
        return apply(gatewayId, new PaymentEvent("charge:" + chargeReference, chargeReference, orderId, Outcome.SUCCEEDED, amount,
                clock.instant(), "merchant-initiated charge"));
    }

    /**
     * Stores a gateway event another feature applies (a provider-managed subscription's) in the
     * inbox, in the caller's transaction; false when (gateway, event id) was seen: a redelivery,
     * to be left alone. {@code amount} null: none (stored as 0 in {@code currency}).
     */
    public boolean recordInbox(String gatewayId, GatewayEvent event, String orderId, String outcome, com.mintreu.api.money.Money amount,
            String currency) {
        com.mintreu.api.money.Money stored = amount != null ? amount : com.mintreu.api.money.Money.zero(currency);
        return store.jdbi().inTransaction(h -> store.recordEvent(h, gatewayId, event.providerEventId(), event.providerReference(), orderId,
                outcome, stored, event.rawType(), "received", clock.millis()));
    }

    /** The result of an event stored by {@link #recordInbox}, in the caller's transaction. */
    public void inboxResult(String gatewayId, String providerEventId, EventResult result) {
        store.jdbi().useTransaction(h -> store.eventResult(h, gatewayId, providerEventId, result.name()));
    }

    /**
     * A provider-managed subscription's period was paid at the provider ({@code paymentReference}:
     * its invoice or sale): the order is paid through the webhook path (inbox row
     * {@code period:<reference>}, amount check, {@link OrderPaid}), in the caller's transaction, so
     * two reports of one payment pay once. A renewal order keeps the reference as its own.
     */
    public EventResult periodPaidAtProvider(String gatewayId, String orderId, String paymentReference, com.mintreu.api.money.Money amount,
            String rawType) {
        return store.jdbi().inTransaction(h -> {
            Order order = store.find(h, orderId).orElseThrow();
            if (order.renewalOf() != null && order.providerReference() == null) {
                store.setCheckout(orderId, gatewayId, paymentReference, null, clock.millis());
            }
            return apply(gatewayId, new PaymentEvent("period:" + paymentReference, paymentReference, orderId, Outcome.SUCCEEDED, amount,
                    clock.instant(), rawType));
        });
    }

    /** Cancels a renewal order nobody paid (its subscription ended); false when it was no longer pending. */
    public boolean cancelUnpaidRenewal(String orderId, String reason) {
        return store.jdbi().inTransaction(h -> {
            Order order = store.find(h, orderId).orElse(null);
            if (order == null || order.renewalOf() == null) {
                return false;
            }
            return move(h, orderId, OrderStatus.PENDING, OrderStatus.CANCELED, reason, clock.millis()) == OrderStore.Moved.APPLIED;
        });
    }

    /** The order this customer created earlier with this Idempotency-Key, with that request's hash. */
    public Optional<Map.Entry<String, String>> byIdempotencyKey(String customerId, String key) {
        return store.byIdempotencyKey(customerId, key).map(r -> Map.entry(r[0], r[1] == null ? "" : r[1]));
    }

    /**
     * Records where the customer pays this order (the gateway's hosted page). False when the order
     * is no longer pending (it expired or was canceled while the gateway answered).
     */
    public boolean checkoutStarted(String orderId, String gateway, String reference, String url) {
        return store.setCheckout(orderId, gateway, reference, url, clock.millis());
    }

    /** Lets a pending order be paid with another gateway; false once a payment session exists. */
    public boolean switchGateway(String orderId, String gateway) {
        return store.switchGateway(orderId, gateway, clock.millis());
    }

    /** Marks a paid order whose entitlements were all granted; false when it was not PAID. */
    public boolean markFulfilled(String orderId) {
        return store.jdbi().inTransaction(h -> move(h, orderId, OrderStatus.PAID, OrderStatus.FULFILLED, "entitlements granted",
                clock.millis()) == OrderStore.Moved.APPLIED);
    }

    /**
     * An admin releases a held order as paid; it is then fulfilled like any paid order. Any other
     * order is refused with 409 {@code ILLEGAL_TRANSITION}: releasing is the move {@code held → paid}.
     */
    public void releaseHeld(String orderId, Principal admin) {
        Order order = visibleTo(admin, orderId);
        requireMove(order, OrderStatus.PAID, "released");
        if (order.status() != OrderStatus.HELD) {
            throw new ApiException(OrderError.ILLEGAL_TRANSITION, "only a held order can be released; this one is " + order.status().id());
        }
        boolean released = store.jdbi().inTransaction(h -> {
            if (move(h, orderId, OrderStatus.HELD, OrderStatus.PAID, "released by " + admin.email(), clock.millis()) != OrderStore.Moved.APPLIED) {
                return false;
            }
            paid(h, orderId, store.find(h, orderId).orElseThrow().customerId());
            audit.record(h, AuditLog.Actor.of(admin, "admin"), "order.release", "order", orderId,
                    Map.of("before", OrderStatus.HELD.id(), "after", OrderStatus.PAID.id()));
            return true;
        });
        if (!released) {
            throw new ApiException(CommonError.CONFLICT, "the order changed meanwhile; reload and try again");
        }
    }

    /** Cancels a pending order (its customer or an admin) or a held one (an admin). */
    public void cancel(String orderId, Principal caller) {
        Order order = visibleTo(caller, orderId);
        requireMove(order, OrderStatus.CANCELED, "canceled");
        if (order.status() == OrderStatus.HELD && !caller.isAdmin()) {
            throw new ApiException(OrderError.ILLEGAL_TRANSITION, "a held order is being reviewed; only an admin can cancel it");
        }
        boolean done = store.jdbi().inTransaction(h -> {
            if (move(h, orderId, order.status(), OrderStatus.CANCELED, "canceled by " + caller.email(), clock.millis()) != OrderStore.Moved.APPLIED) {
                return false;
            }
            audit.record(h, AuditLog.Actor.of(caller, "customer"), "order.cancel", "order", orderId,
                    Map.of("before", order.status().id(), "after", OrderStatus.CANCELED.id()));
            return true;
        });
        if (!done) {
            throw new ApiException(CommonError.CONFLICT, "the order changed meanwhile; reload and try again");
        }
    }

    /** Refuses (409 {@code ILLEGAL_TRANSITION}) an action whose move the state machine does not allow. */
    private static void requireMove(Order order, OrderStatus to, String verb) {
        if (!order.status().canMoveTo(to)) {
            throw new ApiException(OrderError.ILLEGAL_TRANSITION, "a " + order.status().id() + " order cannot be " + verb);
        }
    }

    /** Moves a pending order to expired; false when it was no longer pending. */
    boolean expire(String orderId, String reason) {
        return store.jdbi().inTransaction(h -> move(h, orderId, OrderStatus.PENDING, OrderStatus.EXPIRED, reason, clock.millis())
                == OrderStore.Moved.APPLIED);
    }
}
