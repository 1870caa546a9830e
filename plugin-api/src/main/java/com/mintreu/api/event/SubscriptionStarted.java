package com.mintreu.api.event;

import java.time.Instant;

/**
 * A customer's purchase of a recurring plan started a subscription.
 *
 * @param eventId        see {@link DomainEvent#eventId()}
 * @param occurredAt     see {@link DomainEvent#occurredAt()}
 * @param subscriptionId the subscription ({@code sub_...})
 * @param customerId     its owner
 * @param orderId        the order that bought it
 * @param lineId         the order line that bought it: what it granted follows the subscription
 * @param status         {@code trialing} or {@code active}
 * @param periodEnd      the end of the first period (the trial's end for a trial)
 */
public record SubscriptionStarted(String eventId, Instant occurredAt, String subscriptionId, String customerId, String orderId, String lineId,
        String status, Instant periodEnd) implements DomainEvent {

    /** The stable type name. */
    public static final String TYPE = "subscription.started";

    @Override
    public String type() {
        return TYPE;
    }
}
