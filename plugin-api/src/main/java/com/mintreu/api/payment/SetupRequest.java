package com.mintreu.api.payment;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * A hosted page that takes no money and only saves a payment method for later off-session charges:
 * a free trial whose plan asks for a card up front. The order it is for has a zero total; the
 * gateway reports the buyer's success as a {@link PaymentEvent} of {@link Outcome#SUCCEEDED} for a
 * zero amount in {@code currency}, and {@link RecurringCharges#savedPaymentMethod} then answers the
 * saved method for the session's reference.
 *
 * @param orderId        the engine's order ({@code ord_...}), echoed back in events
 * @param currency       the currency later charges will be in (ISO 4217)
 * @param lines          what the trial is of, for display only
 * @param customerEmail  the buyer's email; may be null
 * @param returnUrl      where the buyer goes after saving the method
 * @param cancelUrl      where the buyer goes after giving up
 * @param idempotencyKey stored by the engine before the first try and reused on every retry, so a
 *                       retried call must not create a second session
 */
public record SetupRequest(String orderId, String currency, List<CheckoutLine> lines, String customerEmail, URI returnUrl, URI cancelUrl,
        String idempotencyKey) {

    public SetupRequest {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(returnUrl, "returnUrl");
        Objects.requireNonNull(cancelUrl, "cancelUrl");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        lines = List.copyOf(lines);
    }
}
