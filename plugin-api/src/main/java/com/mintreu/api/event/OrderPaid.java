package com.mintreu.api.event;

import java.time.Instant;

/**
 * An order's payment was confirmed (by the gateway's webhook or reconciliation); its lines are
 * now to be fulfilled. Written once per order: a duplicate webhook writes nothing.
 *
 * @param eventId    see {@link DomainEvent#eventId()}
 * @param occurredAt see {@link DomainEvent#occurredAt()}
 * @param orderId    the order ({@code ord_...})
 * @param customerId who bought it ({@code usr_...}); null only in events written before version 0.2
 */
public record OrderPaid(String eventId, Instant occurredAt, String orderId, String customerId) implements DomainEvent {

    /** The stable type name. */
    public static final String TYPE = "order.paid";

    @Override
    public String type() {
        return TYPE;
    }
}
