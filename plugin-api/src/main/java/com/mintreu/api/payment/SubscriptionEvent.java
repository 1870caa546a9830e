package com.mintreu.api.payment;

import com.mintreu.api.money.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * The provider reports something about a subscription it renews itself (a provider-managed
 * subscription started through {@link PaymentGateway#createSubscription}): a period paid, a
 * renewal charge failed, the subscription canceled or set to end at the period's end. The engine
 * applies it to its own subscription, which it finds by {@link #subscriptionId()} when the provider
 * echoes it back (metadata, {@code custom_id}) and else by {@link #providerReference()}.
 *
 * <p>Like every {@link GatewayEvent} it is stored in the engine's inbox under (gateway,
 * {@link #providerEventId()}), so a redelivered event changes nothing; a period is moreover paid at
 * most once per (subscription, {@link #paymentReference()}), so two events about the same invoice
 * (say {@code invoice.paid} and a later {@code invoice.payment_succeeded}) book it once.
 *
 * @param providerEventId   see {@link GatewayEvent#providerEventId()}
 * @param providerReference the provider's id of the subscription (Stripe {@code sub_...}, PayPal {@code I-...})
 * @param orderId           see {@link GatewayEvent#orderId()}; usually null
 * @param subscriptionId    the engine's subscription id as sent in {@link SubscriptionRequest#subscriptionId()},
 *                          when the provider echoes it; else null
 * @param kind              what happened
 * @param amount            for {@link Kind#PERIOD_PAID} and {@link Kind#PAYMENT_FAILED}: the amount of the
 *                          period's charge; else null
 * @param periodStart       for {@link Kind#PERIOD_PAID}: the paid period's start as the provider counts it; may be null
 * @param periodEnd         for {@link Kind#PERIOD_PAID}: the paid period's end; may be null
 * @param paymentReference  for {@link Kind#PERIOD_PAID} and {@link Kind#PAYMENT_FAILED}: the provider's id of
 *                          the period's payment (Stripe invoice {@code in_...}, PayPal sale id), which the
 *                          engine keeps as the renewal order's reference; else null
 * @param occurredAt        see {@link GatewayEvent#occurredAt()}
 * @param rawType           see {@link GatewayEvent#rawType()}
 */
public record SubscriptionEvent(String providerEventId, String providerReference, String orderId, String subscriptionId,
        Kind kind, Money amount, Instant periodStart, Instant periodEnd, String paymentReference,
        Instant occurredAt, String rawType) implements GatewayEvent {

    /** What a provider says happened to a subscription. */
    public enum Kind {
        /** The buyer completed the provider's subscription page; the subscription exists there. */
        ACTIVATED,
        /** A period's charge succeeded (the first one included). */
        PERIOD_PAID,
        /** A renewal charge failed; the provider may retry it on its own schedule. */
        PAYMENT_FAILED,
        /** The subscription will end at the current period's end (cancel at period end). */
        CANCEL_SCHEDULED,
        /** A scheduled cancelation was taken back. */
        CANCEL_UNDONE,
        /** The subscription ended at the provider; it renews no more. */
        CANCELED
    }

    public SubscriptionEvent {
        Objects.requireNonNull(providerEventId, "providerEventId");
        Objects.requireNonNull(providerReference, "providerReference");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(rawType, "rawType");
        if ((kind == Kind.PERIOD_PAID || kind == Kind.PAYMENT_FAILED) && (amount == null || paymentReference == null)) {
            throw new IllegalArgumentException(kind + " needs the amount and the payment reference");
        }
        if (amount != null && amount.minor() < 0) {
            throw new IllegalArgumentException("amount must not be negative, got " + amount);
        }
    }
}
