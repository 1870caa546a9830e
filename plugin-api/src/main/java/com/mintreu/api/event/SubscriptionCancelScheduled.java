package com.mintreu.api.event;

import java.time.Instant;

/**
 * The customer asked to end the subscription at the end of the paid period, or took that back.
 * Nothing ends yet; at {@code cancelAt} the subscription moves to {@code canceled}.
 *
 * @param eventId        see {@link DomainEvent#eventId()}
 * @param occurredAt     see {@link DomainEvent#occurredAt()}
 * @param subscriptionId the subscription
 * @param customerId     its owner
 * @param lineId         the order line that started it
 * @param cancelAt       when it will end; null when the cancellation was undone
 */
public record SubscriptionCancelScheduled(String eventId, Instant occurredAt, String subscriptionId, String customerId, String lineId,
        Instant cancelAt) implements DomainEvent {

    /** The stable type name. */
    public static final String TYPE = "subscription.cancel-scheduled";

    @Override
    public String type() {
        return TYPE;
    }
}
