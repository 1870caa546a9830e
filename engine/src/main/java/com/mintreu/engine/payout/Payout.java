package com.mintreu.engine.payout;

import com.mintreu.api.money.Money;

/**
 * One payout: a payee's available balance in one currency, paid in one run by one method.
 * {@code account} is the ledger account it paid ({@code seller:<user id>} or
 * {@code affiliate:<affiliate id>}); {@code sellerId} is the paid USER's id whatever the kind.
 */
public record Payout(String id, String runId, String sellerId, Money amount, String method, PayoutStatus status,
                     String reference, String detail, long createdAt, long updatedAt, String account) {

    /** What was paid: {@code seller} or {@code affiliate} (the account's kind). */
    public String payeeKind() {
        int colon = account.indexOf(':');
        return colon < 0 ? account : account.substring(0, colon);
    }

    /** The ledger posting that moved the amount from the seller to {@code payouts:pending}. */
    public String postingKey() {
        return "payout:" + id;
    }
}
