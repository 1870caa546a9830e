package com.mintreu.engine.order;

import com.mintreu.api.money.Money;
import com.mintreu.api.payment.DisputeEvent;
import com.mintreu.api.payment.GatewayEvent;
import com.mintreu.api.payment.RefundEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.inject.Inject;
import org.jdbi.v3.core.Handle;

/**
 * Refund and dispute events that arrived before their order was paid (SQL of
 * {@code early_refund_events} and {@code early_dispute_events}). Money the engine has not seen
 * arrive cannot be given back or disputed yet, and the event must not be dropped: it is kept, and
 * {@link OrderService} applies it in the transaction that makes the order paid.
 */
final class EarlyEvents {

    /** A kept event, the gateway that sent it and when it arrived. */
    record Kept(String gateway, GatewayEvent event, long receivedAt) {}

    @Inject
    EarlyEvents() {}

    void keep(Handle h, String gateway, String orderId, RefundEvent e, long now) {
        h.createUpdate("""
                INSERT INTO early_refund_events (gateway, provider_event_id, order_id, provider_reference, provider_refund_id, engine_refund_id,
                    status, amount_minor, currency, raw_type, occurred_at, received_at)
                VALUES (:gateway, :event, :order, :reference, :refund, :engineRefund, :status, :amount, :currency, :rawType, :occurred, :now)""")
                .bind("gateway", gateway).bind("event", e.providerEventId()).bind("order", orderId).bind("reference", e.providerReference())
                .bind("refund", e.providerRefundId()).bind("engineRefund", e.engineRefundId()).bind("status", e.status().name())
                .bind("amount", e.amount().minor()).bind("currency", e.amount().currency()).bind("rawType", e.rawType())
                .bind("occurred", e.occurredAt().toEpochMilli()).bind("now", now)
                .execute();
    }

    void keep(Handle h, String gateway, String orderId, DisputeEvent e, long now) {
        h.createUpdate("""
                INSERT INTO early_dispute_events (gateway, provider_event_id, order_id, provider_reference, provider_dispute_id, status,
                    amount_minor, currency, reason, raw_type, occurred_at, received_at)
                VALUES (:gateway, :event, :order, :reference, :dispute, :status, :amount, :currency, :reason, :rawType, :occurred, :now)""")
                .bind("gateway", gateway).bind("event", e.providerEventId()).bind("order", orderId).bind("reference", e.providerReference())
                .bind("dispute", e.providerDisputeId()).bind("status", e.status().name()).bind("amount", e.amount().minor())
                .bind("currency", e.amount().currency()).bind("reason", e.reason()).bind("rawType", e.rawType())
                .bind("occurred", e.occurredAt().toEpochMilli()).bind("now", now)
                .execute();
    }

    /** Removes and returns the order's kept events, in the order they arrived. */
    List<Kept> take(Handle h, String orderId) {
        List<Kept> kept = new ArrayList<>(h.createQuery("""
                SELECT gateway, provider_event_id, provider_reference, provider_refund_id, engine_refund_id, status, amount_minor, currency,
                       raw_type, occurred_at, received_at
                FROM early_refund_events WHERE order_id = :order""")
                .bind("order", orderId)
                .map((rs, ctx) -> new Kept(rs.getString("gateway"), new RefundEvent(rs.getString("provider_event_id"),
                        rs.getString("provider_refund_id"), rs.getString("provider_reference"), orderId, rs.getString("engine_refund_id"),
                        new Money(rs.getLong("amount_minor"), rs.getString("currency")), RefundEvent.Status.valueOf(rs.getString("status")),
                        Instant.ofEpochMilli(rs.getLong("occurred_at")), rs.getString("raw_type")), rs.getLong("received_at")))
                .list());
        kept.addAll(h.createQuery("""
                SELECT gateway, provider_event_id, provider_reference, provider_dispute_id, status, amount_minor, currency, reason,
                       raw_type, occurred_at, received_at
                FROM early_dispute_events WHERE order_id = :order""")
                .bind("order", orderId)
                .map((rs, ctx) -> new Kept(rs.getString("gateway"), new DisputeEvent(rs.getString("provider_event_id"),
                        rs.getString("provider_dispute_id"), rs.getString("provider_reference"), orderId,
                        new Money(rs.getLong("amount_minor"), rs.getString("currency")), DisputeEvent.Status.valueOf(rs.getString("status")),
                        rs.getString("reason"), Instant.ofEpochMilli(rs.getLong("occurred_at")), rs.getString("raw_type")),
                        rs.getLong("received_at")))
                .list());
        h.createUpdate("DELETE FROM early_refund_events WHERE order_id = :order").bind("order", orderId).execute();
        h.createUpdate("DELETE FROM early_dispute_events WHERE order_id = :order").bind("order", orderId).execute();
        kept.sort(Comparator.comparingLong(Kept::receivedAt).thenComparing(k -> k.event().providerEventId()));
        return kept;
    }
}
