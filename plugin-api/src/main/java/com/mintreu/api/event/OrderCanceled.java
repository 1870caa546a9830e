package com.mintreu.api.event;

import java.time.Instant;

/**
 * An unpaid order was canceled (by the customer, an admin, or because it expired); nothing of it
 * will be fulfilled.
 *
 * @param eventId    see {@link DomainEvent#eventId()}
 * @param occurredAt see {@link DomainEvent#occurredAt()}
 * @param orderId    the order ({@code ord_...})
 * @param customerId who placed it ({@code usr_...})
 * @param reason     why, in a few words, e.g. {@code "expired"}; may be null
 */
public record OrderCanceled(String eventId, Instant occurredAt, String orderId, String customerId, String reason) implements DomainEvent {

    /** The stable type name. */
    public static final String TYPE = "order.canceled";

    @Override
    public String type() {
        return TYPE;
    }
}
