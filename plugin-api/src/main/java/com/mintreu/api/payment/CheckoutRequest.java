package com.mintreu.api.payment;

import com.mintreu.api.money.Money;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Everything a gateway needs to start taking payment for one pending order.
 *
 * @param orderId        the engine's order ({@code ord_...}); gateways echo it back in events
 * @param amount         the exact total to charge, computed and frozen by the engine; positive
 * @param lines          the order lines, for display only
 * @param customerEmail  the buyer's email, for the provider's receipt; may be null
 * @param returnUrl      where the buyer goes after paying (or choosing to pay later); the engine's
 *                       return page never fulfils the order by itself
 * @param cancelUrl      where the buyer goes after declining or abandoning the payment
 * @param idempotencyKey stored by the engine before the first try and reused on every retry, so a
 *                       retried call must not create a second session or charge
 */
public record CheckoutRequest(String orderId, Money amount, List<CheckoutLine> lines, String customerEmail,
        URI returnUrl, URI cancelUrl, String idempotencyKey) {

    public CheckoutRequest {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(returnUrl, "returnUrl");
        Objects.requireNonNull(cancelUrl, "cancelUrl");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (amount.minor() <= 0) {
            throw new IllegalArgumentException("amount must be positive, got " + amount);
        }
        lines = List.copyOf(lines);
    }
}
