package com.mintreu.api.payment;

import java.util.Objects;

/**
 * Stops a recurring payment at the provider.
 *
 * @param providerReference the subscription's reference from {@link PaymentGateway#createSubscription}
 * @param atPeriodEnd       true to stop renewing but keep the paid period; false to stop now
 * @param idempotencyKey    reused on every retry
 */
public record CancelSubscriptionRequest(String providerReference, boolean atPeriodEnd, String idempotencyKey) {

    public CancelSubscriptionRequest {
        Objects.requireNonNull(providerReference, "providerReference");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }
}
