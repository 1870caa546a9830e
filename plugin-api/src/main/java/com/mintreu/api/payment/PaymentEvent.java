package com.mintreu.api.payment;

import com.mintreu.api.money.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * A provider's webhook reports a payment's outcome (see {@link GatewayEvent} for refunds and
 * disputes). The engine stores it in its inbox
 * under (gateway id, {@link #providerEventId()}) so a redelivered event is a no-op, and checks
 * {@link #amount()} against the order before moving it.
 *
 * @param providerEventId   the provider's unique id of the event; the deduplication key
 * @param providerReference the payment/session it is about, as in {@link CheckoutSession#providerReference()}
 * @param orderId           the engine's order id when the provider echoed it back, else null (the
 *                          engine then finds the order by reference)
 * @param outcome           what the event means for the payment
 * @param amount            the amount the provider says it concerns; the engine holds the order for
 *                          review when it differs from the order's total
 * @param occurredAt        when the provider says it happened
 * @param rawType           the provider's own event type, for logs and support (e.g. {@code payment.succeeded})
 */
public record PaymentEvent(String providerEventId, String providerReference, String orderId, Outcome outcome,
        Money amount, Instant occurredAt, String rawType) implements GatewayEvent {

    public PaymentEvent {
        Objects.requireNonNull(providerEventId, "providerEventId");
        Objects.requireNonNull(providerReference, "providerReference");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(rawType, "rawType");
    }
}
