package com.mintreu.api.event;

import java.time.Instant;

/**
 * A period of a subscription was paid (a renewal, or the first payment after a trial): its
 * benefits last until {@code periodEnd}. Written once per period.
 *
 * @param eventId        see {@link DomainEvent#eventId()}
 * @param occurredAt     see {@link DomainEvent#occurredAt()}
 * @param subscriptionId the subscription
 * @param customerId     its owner
 * @param lineId         the order line that started it
 * @param seq            the period's number (0 is the first)
 * @param orderId        the order that paid this period
 * @param periodStart    when the period starts
 * @param periodEnd      when it ends
 */
public record SubscriptionPeriodPaid(String eventId, Instant occurredAt, String subscriptionId, String customerId, String lineId, int seq,
        String orderId, Instant periodStart, Instant periodEnd) implements DomainEvent {

    /** The stable type name. */
    public static final String TYPE = "subscription.period-paid";

    @Override
    public String type() {
        return TYPE;
    }
}
