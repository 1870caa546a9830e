package com.mintreu.api.payment;

import com.mintreu.api.money.Money;
import java.util.Objects;

/**
 * What the provider said about a refund.
 *
 * @param providerRefundId the provider's id of the refund; the same for a retried idempotency key
 * @param outcome          SUCCEEDED when done, PENDING when the provider settles later, DECLINED
 *                         when refused, UNDEFINED when unknown (the engine asks again later)
 * @param amount           the amount refunded or being refunded
 */
public record RefundResult(String providerRefundId, Outcome outcome, Money amount) {

    public RefundResult {
        Objects.requireNonNull(providerRefundId, "providerRefundId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(amount, "amount");
    }
}
