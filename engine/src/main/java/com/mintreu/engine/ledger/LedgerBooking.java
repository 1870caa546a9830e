package com.mintreu.engine.ledger;

import com.mintreu.api.event.DomainEvent;
import com.mintreu.api.event.EventSubscriber;
import com.mintreu.api.event.OrderPaid;
import com.mintreu.api.event.OrderRefunded;
import com.mintreu.engine.order.Order;
import com.mintreu.engine.order.OrderService;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Books the money of orders as it moves: a sale per line on {@link OrderPaid}, the refunded part
 * of lines on {@link OrderRefunded}. Postings are keyed by what caused them, so a redelivered
 * event books nothing twice.
 */
@Singleton
final class LedgerBooking implements EventSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerBooking.class);

    private final OrderService orders;
    private final Ledger ledger;

    @Inject
    LedgerBooking(OrderService orders, Ledger ledger) {
        this.orders = orders;
        this.ledger = ledger;
    }

    @Override
    public String id() {
        return "ledger";
    }

    @Override
    public Set<Class<? extends DomainEvent>> events() {
        return Set.of(OrderPaid.class, OrderRefunded.class);
    }

    @Override
    public void on(DomainEvent event) {
        switch (event) {
            case OrderPaid paid -> paidOrder(paid.orderId()).ifPresent(ledger::bookSale);
            case OrderRefunded refunded -> paidOrder(refunded.orderId()).ifPresent(o -> ledger.bookRefund(o, refunded.refundId(), refunded.lines()));
            default -> { }
        }
    }

    private Optional<Order> paidOrder(String orderId) {
        Optional<Order> order = Optional.ofNullable(orderId).flatMap(orders::find);
        if (order.isEmpty() || order.get().paidAt() == null) {
            LOG.warn("ledger: order {} is unknown or was never paid; nothing to book", orderId);
            return Optional.empty();
        }
        return order;
    }
}
