package com.mintreu.api.payout;

import com.mintreu.api.money.Money;
import java.util.Objects;

/**
 * One payout to send.
 *
 * @param payoutId       the engine's id of the payout
 * @param sellerId       the seller (a user id) being paid
 * @param amount         what to send, positive, in the payout's currency
 * @param idempotencyKey the same on every call for this payout; pass it to the provider
 */
public record PayoutRequest(String payoutId, String sellerId, Money amount, String idempotencyKey) {

    public PayoutRequest {
        Objects.requireNonNull(payoutId, "payoutId");
        Objects.requireNonNull(sellerId, "sellerId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (amount == null || amount.minor() <= 0) {
            throw new IllegalArgumentException("a payout amount must be positive, got " + amount);
        }
    }
}
