package com.mintreu.engine.payout;

import com.mintreu.api.money.Money;

/** One payout: a seller's available balance in one currency, paid in one run by one method. */
public record Payout(String id, String runId, String sellerId, Money amount, String method, PayoutStatus status,
                     String reference, String detail, long createdAt, long updatedAt) {

    /** The ledger posting that moved the amount from the seller to {@code payouts:pending}. */
    public String postingKey() {
        return "payout:" + id;
    }
}
