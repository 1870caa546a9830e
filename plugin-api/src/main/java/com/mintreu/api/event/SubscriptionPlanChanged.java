package com.mintreu.api.event;

import java.time.Instant;

/**
 * A subscription's plan or seat quantity changed: an upgrade or a seat increase applied at once
 * (after its prorated charge was paid), or a downgrade or a seat decrease that took effect at a
 * renewal. What renews from now on is {@code toPlanId} × {@code toQuantity}. Written once per change.
 *
 * @param eventId        see {@link DomainEvent#eventId()}
 * @param occurredAt     see {@link DomainEvent#occurredAt()}
 * @param subscriptionId the subscription
 * @param customerId     its owner
 * @param lineId         the order line that started it (its licenses follow the change)
 * @param changeId       the change ({@code spc_...})
 * @param fromPlanId     the plan before
 * @param toPlanId       the plan after (the same plan for a change of seats)
 * @param fromQuantity   the quantity (seats) before
 * @param toQuantity     the quantity (seats) after
 * @param seats          true when the plan after is sold by seats: the quantity is each license's cap on users
 * @param orderId        the order that paid the prorated charge; null when nothing was charged
 */
public record SubscriptionPlanChanged(String eventId, Instant occurredAt, String subscriptionId, String customerId, String lineId,
        String changeId, String fromPlanId, String toPlanId, int fromQuantity, int toQuantity, boolean seats, String orderId)
        implements DomainEvent {

    /** The stable type name. */
    public static final String TYPE = "subscription.plan-changed";

    @Override
    public String type() {
        return TYPE;
    }
}
