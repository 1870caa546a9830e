package com.mintreu.api.payment;

import com.mintreu.api.money.Money;
import java.util.Objects;

/**
 * A merchant-initiated charge of a saved payment method (a subscription renewal).
 *
 * @param paymentMethodId the method, from {@link SavedPaymentMethod#id()}
 * @param orderId         the engine's order this charge pays ({@code ord_...}); echoed back in events
 * @param amount          the exact amount; positive
 * @param description     what the buyer sees on their statement or receipt, e.g. the plan's name
 * @param idempotencyKey  stored by the engine before the first try, the same on every retry
 */
public record ChargeRequest(String paymentMethodId, String orderId, Money amount, String description, String idempotencyKey) {

    public ChargeRequest {
        Objects.requireNonNull(paymentMethodId, "paymentMethodId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (amount.minor() <= 0) {
            throw new IllegalArgumentException("amount must be positive, got " + amount);
        }
    }
}
