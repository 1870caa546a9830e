package com.mintreu.api.payment;

import java.util.Objects;

/**
 * Asks a gateway for the provider's current truth about one payment, for reconciliation.
 *
 * @param providerReference the reference returned by {@link PaymentGateway#createCheckout}
 * @param orderId           the engine's order, for providers that look payments up by it; may be null
 */
public record FetchRequest(String providerReference, String orderId) {

    public FetchRequest {
        Objects.requireNonNull(providerReference, "providerReference");
    }
}
