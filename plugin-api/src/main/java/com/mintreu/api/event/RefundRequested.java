package com.mintreu.api.event;

import java.time.Instant;
import java.util.List;

/**
 * A refund of some lines of a paid order was asked for (by the customer or an admin) and is
 * waiting for a decision or for the gateway; no money has moved yet.
 *
 * @param eventId    see {@link DomainEvent#eventId()}
 * @param occurredAt see {@link DomainEvent#occurredAt()}
 * @param refundId   the refund ({@code rfd_...})
 * @param orderId    the order
 * @param lines      the lines and the amount asked back for each
 * @param reason     the requester's reason; may be null
 */
public record RefundRequested(String eventId, Instant occurredAt, String refundId, String orderId, List<RefundLine> lines, String reason)
        implements DomainEvent {

    /** The stable type name. */
    public static final String TYPE = "refund.requested";

    public RefundRequested {
        lines = List.copyOf(lines);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
