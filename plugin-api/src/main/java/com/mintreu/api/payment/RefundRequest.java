package com.mintreu.api.payment;

import com.mintreu.api.money.Money;
import java.util.Objects;

/**
 * Gives money back for one payment.
 *
 * @param providerReference the payment to refund
 * @param orderId           the engine's order, for the provider's records
 * @param amount            how much to refund; positive, in the payment's currency, at most what
 *                          was paid minus earlier refunds
 * @param reason            a short note for the provider's records; may be null
 * @param idempotencyKey    stored by the engine before the first try and reused on every retry: the
 *                          same key must never refund twice
 */
public record RefundRequest(String providerReference, String orderId, Money amount, String reason, String idempotencyKey) {

    public RefundRequest {
        Objects.requireNonNull(providerReference, "providerReference");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (amount.minor() <= 0) {
            throw new IllegalArgumentException("refund amount must be positive, got " + amount);
        }
    }
}
