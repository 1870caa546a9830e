package com.mintreu.api.payment;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * A started checkout: where to send the buyer, and the provider's handle on the payment.
 *
 * @param providerReference the provider's id of this payment/session; the engine stores it on the
 *                          order and uses it for {@link PaymentGateway#fetch} and refunds
 * @param redirectUrl       the hosted page to send the buyer to (303); null when the gateway has no
 *                          hosted checkout and the theme renders {@code clientData} instead
 * @param clientData        values a client-side integration needs (publishable key, client secret);
 *                          never server secrets; empty for a hosted checkout
 */
public record CheckoutSession(String providerReference, URI redirectUrl, Map<String, String> clientData) {

    public CheckoutSession {
        Objects.requireNonNull(providerReference, "providerReference");
        clientData = clientData == null ? Map.of() : Map.copyOf(clientData);
        if (redirectUrl == null && clientData.isEmpty()) {
            throw new IllegalArgumentException("a checkout session needs a redirectUrl or clientData");
        }
    }

    /** A hosted checkout: only a page to redirect to. */
    public static CheckoutSession hosted(String providerReference, URI redirectUrl) {
        return new CheckoutSession(providerReference, Objects.requireNonNull(redirectUrl, "redirectUrl"), Map.of());
    }
}
