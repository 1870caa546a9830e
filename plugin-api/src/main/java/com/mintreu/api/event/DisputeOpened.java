package com.mintreu.api.event;

import com.mintreu.api.money.Money;
import java.time.Instant;

/**
 * The gateway reported a dispute (chargeback) on a paid order; the amount is held until it closes.
 *
 * @param eventId    see {@link DomainEvent#eventId()}
 * @param occurredAt see {@link DomainEvent#occurredAt()}
 * @param disputeId  the dispute ({@code dsp_...})
 * @param orderId    the order
 * @param amount     the disputed amount
 * @param reason     the gateway's reason code, e.g. {@code "fraudulent"}; may be null
 */
public record DisputeOpened(String eventId, Instant occurredAt, String disputeId, String orderId, Money amount, String reason)
        implements DomainEvent {

    /** The stable type name. */
    public static final String TYPE = "dispute.opened";

    @Override
    public String type() {
        return TYPE;
    }
}
