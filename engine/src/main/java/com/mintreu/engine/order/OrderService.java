package com.mintreu.engine.order;

import com.mintreu.api.event.OrderPaid;
import com.mintreu.api.payment.FetchRequest;
import com.mintreu.api.payment.Outcome;
import com.mintreu.api.payment.PaymentEvent;
import com.mintreu.api.payment.PaymentStatus;
import com.mintreu.api.payment.WebhookRejectedException;
import com.mintreu.api.payment.WebhookRequest;
import com.mintreu.engine.notify.Outbox;
import com.mintreu.engine.plugin.PluginCallException;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.CommonError;
import com.mintreu.engine.web.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
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
    public enum EventResult { APPLIED, DUPLICATE, HELD, IGNORED, UNKNOWN_ORDER }

    private final OrderStore store;
    private final Outbox outbox;
    private final Gateways gateways;
    private final Clock clock;

    @Inject
    OrderService(OrderStore store, Outbox outbox, Gateways gateways, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.gateways = gateways;
        this.clock = clock;
    }

    public Optional<Order> find(String orderId) {
        return store.find(orderId);
    }

    /** The order when the caller owns it or is an admin; otherwise 404, as if it did not exist. */
    public Order visibleTo(Principal caller, String orderId) {
        return store.find(orderId).filter(o -> o.customerId().equals(caller.userId()) || caller.isAdmin())
                .orElseThrow(() -> ApiException.notFound("order " + orderId));
    }

    public List<Order> forCustomer(String customerId) {
        return store.forCustomer(customerId, 200);
    }

    public List<Order> withStatus(OrderStatus status) {
        return store.withStatus(status, 200);
    }

    /** The seller's paid sales, newest first (at most 500). */
    public List<Sale> salesOf(String sellerId) {
        return store.salesOf(sellerId, 500);
    }

    /** The seller's earnings per currency: the sum of their shares of paid lines. */
    public List<com.mintreu.api.money.Money> balanceOf(String sellerId) {
        java.util.Map<String, Long> byCurrency = new java.util.TreeMap<>();
        for (Sale s : store.salesOf(sellerId, Integer.MAX_VALUE)) {
            byCurrency.merge(s.sellerShare().currency(), s.sellerShare().minor(), Math::addExact);
        }
        return byCurrency.entrySet().stream().map(e -> new com.mintreu.api.money.Money(e.getValue(), e.getKey())).toList();
    }

    /**
     * Verifies a webhook with its gateway, then applies each event. Throws (→ 4xx, nothing
     * recorded) when the gateway rejects the signature; returns only after everything committed.
     */
    public List<EventResult> receiveWebhook(String gatewayId, WebhookRequest raw) {
        List<PaymentEvent> events;
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
        for (PaymentEvent event : events) {
            results.add(apply(gatewayId, event));
        }
        return results;
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
                case DECLINED -> store.transition(h, order.id(), OrderStatus.PENDING, OrderStatus.FAILED,
                        "declined by " + gatewayId + " (" + event.rawType() + ")", now) ? EventResult.APPLIED : EventResult.IGNORED;
                case PENDING, UNDEFINED -> EventResult.IGNORED; // still open: reconciliation asks again later
            };
            store.eventResult(h, gatewayId, event.providerEventId(), r.name());
            return r;
        });
        LOG.info("payment event {} from {} for reference {}: {} -> {}", event.providerEventId(), gatewayId,
                event.providerReference(), event.outcome(), result);
        return result;
    }

    private EventResult succeeded(org.jdbi.v3.core.Handle h, Order order, PaymentEvent event, long now) {
        boolean matches = event.amount().equals(order.total());
        if (!matches || !order.status().equals(OrderStatus.PENDING)) {
            if (order.status().isPaid() && matches) {
                return EventResult.IGNORED; // a second success for a paid order: nothing more to grant
            }
            String reason = matches ? "payment received for a " + order.status().id() + " order"
                    : "paid " + event.amount() + " but the order total is " + order.total();
            return store.transition(h, order.id(), order.status(), OrderStatus.HELD, reason, now) ? EventResult.HELD : EventResult.IGNORED;
        }
        if (!store.transition(h, order.id(), OrderStatus.PENDING, OrderStatus.PAID, "payment " + event.providerEventId(), now)) {
            return EventResult.IGNORED;
        }
        paid(h, order.id(), order.customerId());
        return EventResult.APPLIED;
    }

    /**
     * Stores a new order in the caller's transaction when there is one (checkout redeems its
     * voucher in the same one; see {@code db.Tx}). An order with a zero total needs no payment: it
     * is paid at once, with its {@link OrderPaid} event.
     */
    public void place(Order order, String idempotencyKey, String requestHash) {
        if (order.status() != OrderStatus.PENDING) {
            throw new IllegalArgumentException("a new order starts pending");
        }
        store.jdbi().useTransaction(h -> {
            store.insert(h, order, idempotencyKey, requestHash);
            if (order.total().isZero()) {
                store.transition(h, order.id(), OrderStatus.PENDING, OrderStatus.PAID, "free order", clock.millis());
                paid(h, order.id(), order.customerId());
            }
        });
    }

    /** The {@link OrderPaid} event, in the transaction {@code h} of the paid transition. */
    private void paid(Handle h, String orderId, String customerId) {
        Outbox.Stamp stamp = outbox.stamp();
        outbox.publish(h, new OrderPaid(stamp.eventId(), stamp.at(), orderId, customerId));
    }

    /** The order this customer created earlier with this Idempotency-Key, with that request's hash. */
    public Optional<Map.Entry<String, String>> byIdempotencyKey(String customerId, String key) {
        return store.byIdempotencyKey(customerId, key).map(r -> Map.entry(r[0], r[1] == null ? "" : r[1]));
    }

    /** Records where the customer pays this order (the gateway's hosted page). */
    public void checkoutStarted(String orderId, String gateway, String reference, String url) {
        store.setCheckout(orderId, gateway, reference, url, clock.millis());
    }

    /** Marks a paid order whose entitlements were all granted; false when it was not PAID. */
    public boolean markFulfilled(String orderId) {
        return store.jdbi().inTransaction(h -> store.transition(h, orderId, OrderStatus.PAID, OrderStatus.FULFILLED, "entitlements granted", clock.millis()));
    }

    /** An admin releases a held order as paid; it is then fulfilled like any paid order. */
    public void releaseHeld(String orderId, Principal admin) {
        boolean released = store.jdbi().inTransaction(h -> {
            if (!store.transition(h, orderId, OrderStatus.HELD, OrderStatus.PAID, "released by " + admin.email(), clock.millis())) {
                return false;
            }
            paid(h, orderId, store.find(h, orderId).orElseThrow().customerId());
            return true;
        });
        if (!released) {
            throw new ApiException(OrderError.ILLEGAL_TRANSITION, "only a held order can be released");
        }
    }

    /** Cancels a pending or held order (customer or admin). */
    public void cancel(String orderId, Principal caller) {
        Order order = visibleTo(caller, orderId);
        if (!order.status().canMoveTo(OrderStatus.CANCELED) || (order.status() == OrderStatus.HELD && !caller.isAdmin())) {
            throw new ApiException(OrderError.ILLEGAL_TRANSITION, "a " + order.status().id() + " order cannot be canceled");
        }
        boolean done = store.jdbi().inTransaction(h -> store.transition(h, orderId, order.status(), OrderStatus.CANCELED,
                "canceled by " + caller.email(), clock.millis()));
        if (!done) {
            throw new ApiException(CommonError.CONFLICT, "the order changed meanwhile; reload and try again");
        }
    }

    /**
     * Asks the gateway about orders still pending since before {@code cutoff}, and applies its
     * answer as a synthetic event, through the same path as a webhook. Never guesses: an unknown
     * answer leaves the order pending; only orders older than {@code expireBefore} that the
     * gateway does not report as paid expire.
     */
    public int reconcile(long cutoff, long expireBefore) {
        int changed = 0;
        for (Order order : store.pendingSince(cutoff, 100)) {
            if (order.gateway() == null || order.providerReference() == null) {
                if (order.createdAt() < expireBefore) {
                    changed += expire(order, "never reached a payment provider") ? 1 : 0;
                }
                continue;
            }
            PaymentStatus status;
            try {
                status = gateways.call(order.gateway(), "fetch", g -> g.fetch(new FetchRequest(order.providerReference(), order.id())));
            } catch (RuntimeException e) {
                LOG.warn("reconciliation of {} with {} failed: {}", order.id(), order.gateway(), e.getMessage());
                continue;
            }
            if (status.outcome() == Outcome.SUCCEEDED || status.outcome() == Outcome.DECLINED) {
                String eventId = "reconcile:" + order.id() + ":" + status.outcome().name().toLowerCase(java.util.Locale.ROOT);
                EventResult r = apply(order.gateway(), new PaymentEvent(eventId, order.providerReference(), order.id(),
                        status.outcome(), status.amount(), status.checkedAt(), "reconciliation"));
                changed += r == EventResult.APPLIED || r == EventResult.HELD ? 1 : 0;
            } else if (order.createdAt() < expireBefore) {
                changed += expire(order, "no payment after " + (clock.millis() - order.createdAt()) / 60_000 + " minutes") ? 1 : 0;
            }
        }
        return changed;
    }

    private boolean expire(Order order, String reason) {
        return store.jdbi().inTransaction(h -> store.transition(h, order.id(), OrderStatus.PENDING, OrderStatus.EXPIRED, reason, clock.millis()));
    }
}
