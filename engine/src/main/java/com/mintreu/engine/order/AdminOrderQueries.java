package com.mintreu.engine.order;

import com.mintreu.api.money.Money;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.jdbi.v3.core.Jdbi;

/**
 * What the admin's order pages show beyond the order itself: the customer's email, the status history
 * and the payment events the gateways sent. Read only (the order's rules live in OrderService/OrderStore).
 */
final class AdminOrderQueries {

    /** One row of the admin's order list. */
    record Row(String id, String customerEmail, OrderStatus status, Money total, long createdAt, String holdReason) {}

    /** A status change of the order and why. */
    record Event(String fromStatus, String toStatus, String reason, long createdAt) {}

    /** A payment event a gateway reported for the order. */
    record Payment(String gateway, String providerEventId, String outcome, Money amount, String result, long receivedAt) {}

    private final Jdbi jdbi;

    @Inject
    AdminOrderQueries(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Newest first; every status when {@code status} is empty. */
    List<Row> list(Optional<OrderStatus> status, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT o.id, u.email, o.status, o.total_minor, o.currency, o.created_at, o.hold_reason
                FROM orders o LEFT JOIN users u ON u.id = o.customer_id
                WHERE (:status = '' OR o.status = :status)
                ORDER BY o.created_at DESC, o.id DESC LIMIT :limit""")
                .bind("status", status.map(s -> s.id()).orElse("")).bind("limit", limit)
                .map((rs, ctx) -> new Row(rs.getString("id"), rs.getString("email"), OrderStatus.of(rs.getString("status")),
                        new Money(rs.getLong("total_minor"), rs.getString("currency")), rs.getLong("created_at"), rs.getString("hold_reason")))
                .list());
    }

    Optional<String> customerEmail(String customerId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT email FROM users WHERE id = :id").bind("id", customerId).mapTo(String.class).findOne());
    }

    List<Event> events(String orderId) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT from_status, to_status, reason, created_at FROM order_events WHERE order_id = :id ORDER BY created_at, id""")
                .bind("id", orderId)
                .map((rs, ctx) -> new Event(rs.getString("from_status"), rs.getString("to_status"), rs.getString("reason"), rs.getLong("created_at")))
                .list());
    }

    List<Payment> payments(String orderId) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT gateway, provider_event_id, outcome, amount_minor, currency, result, received_at
                FROM payment_events WHERE order_id = :id ORDER BY received_at, provider_event_id""")
                .bind("id", orderId)
                .map((rs, ctx) -> new Payment(rs.getString("gateway"), rs.getString("provider_event_id"), rs.getString("outcome"),
                        new Money(rs.getLong("amount_minor"), rs.getString("currency")), rs.getString("result"), rs.getLong("received_at")))
                .list());
    }
}
