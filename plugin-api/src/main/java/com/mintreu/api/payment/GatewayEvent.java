package com.mintreu.api.payment;

import java.time.Instant;

/**
 * One verified, normalised fact from a provider's webhook, as returned by
 * {@link PaymentGateway#parseWebhook(WebhookRequest)}: a payment ({@link PaymentEvent}), a refund
 * ({@link RefundEvent}), a dispute ({@link DisputeEvent}) or a provider-managed subscription's change
 * ({@link SubscriptionEvent}). The type is sealed so the engine
 * handles every kind and a gateway cannot invent one the engine would silently drop.
 *
 * <p>The engine stores each event in its inbox under (gateway id, {@link #providerEventId()}) in
 * the transaction that applies it, so a redelivered event changes nothing.
 */
public sealed interface GatewayEvent permits PaymentEvent, RefundEvent, DisputeEvent, SubscriptionEvent {

    /** The provider's unique id of the event; the deduplication key of the engine's inbox. */
    String providerEventId();

    /**
     * The payment the event is about, as in {@link CheckoutSession#providerReference()}: the engine
     * finds the order by it when {@link #orderId()} is null or unknown.
     */
    String providerReference();

    /** The engine's order id when the provider echoed it back, else null. */
    String orderId();

    /** When the provider says it happened. */
    Instant occurredAt();

    /** The provider's own event type, for logs and support (e.g. {@code charge.refunded}). */
    String rawType();
}
