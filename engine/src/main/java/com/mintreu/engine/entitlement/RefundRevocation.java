package com.mintreu.engine.entitlement;

import com.mintreu.api.event.DomainEvent;
import com.mintreu.api.event.EventSubscriber;
import com.mintreu.api.event.OrderRefunded;
import com.mintreu.api.event.RefundLine;
import com.mintreu.engine.order.Order;
import com.mintreu.engine.order.OrderLine;
import com.mintreu.engine.order.OrderService;
import com.mintreu.engine.order.RefundService;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Revokes what a line granted once the line is refunded in full (by one refund or several, a lost
 * dispute included): the purchase through {@link EntitlementService#revoke}, so its license is
 * REVOKED and its downloads answer 410. A partly refunded line keeps its grants. Idempotent: an
 * entitlement is revoked once.
 */
@Singleton
final class RefundRevocation implements EventSubscriber {

    private final OrderService orders;
    private final RefundService refunds;
    private final EntitlementStore store;
    private final EntitlementService entitlements;

    @Inject
    RefundRevocation(OrderService orders, RefundService refunds, EntitlementStore store, EntitlementService entitlements) {
        this.orders = orders;
        this.refunds = refunds;
        this.store = store;
        this.entitlements = entitlements;
    }

    @Override
    public String id() {
        return "refund-revocation";
    }

    @Override
    public Set<Class<? extends DomainEvent>> events() {
        return Set.of(OrderRefunded.class);
    }

    @Override
    public void on(DomainEvent event) {
        if (!(event instanceof OrderRefunded refunded)) {
            return;
        }
        Optional<Order> order = orders.find(refunded.orderId());
        if (order.isEmpty()) {
            return;
        }
        Map<String, Long> done = refunds.refundedByLine(refunded.orderId());
        for (RefundLine r : refunded.lines()) {
            Optional<OrderLine> line = order.get().lines().stream().filter(l -> l.id().equals(r.lineId())).findFirst();
            if (line.isEmpty() || done.getOrDefault(r.lineId(), 0L) < line.get().total().minor()) {
                continue;
            }
            for (Entitlement e : store.forOrder(refunded.orderId())) {
                if (r.lineId().equals(e.lineId()) && e.status() == Entitlement.Status.ACTIVE) {
                    entitlements.revoke(e.id(), "refunded in full (" + refunded.refundId() + ")");
                }
            }
        }
    }
}
