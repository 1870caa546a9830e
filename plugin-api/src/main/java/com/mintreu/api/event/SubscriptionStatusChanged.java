package com.mintreu.api.event;

import java.time.Instant;

/**
 * A subscription moved in its state machine ({@code trialing}, {@code active}, {@code past_due},
 * {@code paused}, {@code canceled}).
 *
 * @param eventId        see {@link DomainEvent#eventId()}
 * @param occurredAt     see {@link DomainEvent#occurredAt()}
 * @param subscriptionId the subscription
 * @param customerId     its owner
 * @param lineId         the order line that started it
 * @param from           the status before
 * @param to             the status now
 * @param reason         why, in words
 * @param accessUntil    until when the customer keeps the benefits given this change (a period's
 *                       end, or its end plus the past-due grace, or now for an immediate cancel);
 *                       null when the change does not limit them (e.g. back to active)
 */
public record SubscriptionStatusChanged(String eventId, Instant occurredAt, String subscriptionId, String customerId, String lineId, String from,
        String to, String reason, Instant accessUntil) implements DomainEvent {

    /** The stable type name. */
    public static final String TYPE = "subscription.status-changed";

    @Override
    public String type() {
        return TYPE;
    }
}
