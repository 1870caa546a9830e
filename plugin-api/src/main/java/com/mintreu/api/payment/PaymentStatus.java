package com.mintreu.api.payment;

import com.mintreu.api.money.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * The provider's current view of one payment, as returned by {@link PaymentGateway#fetch}.
 *
 * @param providerReference the payment asked about
 * @param outcome           its state now; UNDEFINED when the provider could not say
 * @param amount            the amount of the payment
 * @param refunded          how much of it has been refunded so far (zero for none), same currency
 * @param checkedAt         when the gateway asked (from the engine's clock)
 */
public record PaymentStatus(String providerReference, Outcome outcome, Money amount, Money refunded, Instant checkedAt) {

    public PaymentStatus {
        Objects.requireNonNull(providerReference, "providerReference");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(refunded, "refunded");
        Objects.requireNonNull(checkedAt, "checkedAt");
    }
}
