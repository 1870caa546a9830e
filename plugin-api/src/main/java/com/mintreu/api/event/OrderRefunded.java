package com.mintreu.api.event;

import java.time.Instant;
import java.util.List;

/**
 * The gateway confirmed a refund: the money went back for the given lines. Subscribers revoke
 * what those lines granted, reverse commissions, book ledger reversals.
 *
 * @param eventId    see {@link DomainEvent#eventId()}
 * @param occurredAt see {@link DomainEvent#occurredAt()}
 * @param refundId   the refund ({@code rfd_...})
 * @param orderId    the order
 * @param lines      each refunded line with the amount refunded for it
 */
public record OrderRefunded(String eventId, Instant occurredAt, String refundId, String orderId, List<RefundLine> lines) implements DomainEvent {

    /** The stable type name. */
    public static final String TYPE = "order.refunded";

    public OrderRefunded {
        lines = List.copyOf(lines);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
