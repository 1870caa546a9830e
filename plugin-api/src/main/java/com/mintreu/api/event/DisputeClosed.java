package com.mintreu.api.event;

import java.time.Instant;

/**
 * A dispute ended: {@link Outcome#WON} keeps the money with the shop, {@link Outcome#LOST} gives
 * it to the customer (subscribers then revoke what the order granted).
 *
 * @param eventId    see {@link DomainEvent#eventId()}
 * @param occurredAt see {@link DomainEvent#occurredAt()}
 * @param disputeId  the dispute ({@code dsp_...})
 * @param orderId    the order
 * @param outcome    who won
 */
public record DisputeClosed(String eventId, Instant occurredAt, String disputeId, String orderId, Outcome outcome) implements DomainEvent {

    /** The stable type name. */
    public static final String TYPE = "dispute.closed";

    /** How a dispute ended. */
    public enum Outcome {
        /** The shop kept the money. */
        WON,
        /** The money went back to the customer. */
        LOST
    }

    @Override
    public String type() {
        return TYPE;
    }
}
