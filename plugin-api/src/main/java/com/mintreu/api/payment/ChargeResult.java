package com.mintreu.api.payment;

import com.mintreu.api.money.Money;
import java.util.Objects;

/**
 * What a merchant-initiated charge did.
 *
 * @param providerReference the provider's id of the charge; the engine stores it on the order (for
 *                          {@link PaymentGateway#fetch} and refunds)
 * @param outcome           SUCCEEDED, DECLINED or PENDING (never UNDEFINED: throw a TIMEOUT instead)
 * @param amount            what was charged (or attempted)
 * @param declineReason     why it was declined, in words for the buyer; null otherwise
 */
public record ChargeResult(String providerReference, Outcome outcome, Money amount, String declineReason) {

    public ChargeResult {
        Objects.requireNonNull(providerReference, "providerReference");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(amount, "amount");
        if (outcome == Outcome.UNDEFINED) {
            throw new IllegalArgumentException("an unknown outcome is a TIMEOUT PaymentGatewayException, not a result");
        }
    }
}
