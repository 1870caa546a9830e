package com.mintreu.engine.subscription;

import com.mintreu.api.money.Money;

/**
 * A change of a subscription's plan or seats, as stored. {@code kind}: upgrade (applied now after
 * its prorated charge) or downgrade (scheduled for the next renewal). {@code status}: charging,
 * applied, declined, scheduled, undone. {@code amount}: the prorated charge (zero when scheduled).
 */
public record PlanChange(String id, String subscriptionId, String kind, String fromPlanId, String toPlanId, String toPlanName,
        int fromQuantity, int toQuantity, Money fromUnit, Money toUnit, Money amount, int atSeq, String orderId, String status,
        String reason, long createdAt) {

    /** What renews after the change: the new plan's price × the new quantity. */
    public Money newAmount() {
        return toUnit.times(toQuantity);
    }

    /** The idempotency key of the prorated charge: one per (subscription, change). */
    String chargeKey() {
        return subscriptionId + ":change:" + id;
    }
}
