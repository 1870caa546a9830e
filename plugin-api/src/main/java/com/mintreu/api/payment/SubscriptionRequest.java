package com.mintreu.api.payment;

import com.mintreu.api.money.Money;
import java.net.URI;
import java.time.Period;
import java.util.Objects;

/**
 * Starts a recurring payment at the provider. Only sent to gateways whose
 * {@link Capabilities#subscriptions()} is true.
 *
 * @param subscriptionId the engine's subscription ({@code sub_...}); echoed back in events
 * @param orderId        the order of the first period
 * @param planName       what the buyer subscribes to, as shown to them
 * @param amount         the charge per interval for the whole quantity (unit price × quantity); positive
 * @param interval       the billing interval, e.g. {@code P1M}, {@code P1Y} or {@code P30D}
 * @param quantity       seats bought (1 for a plan not sold by seats)
 * @param trialDays      days before the first charge; 0 for none
 * @param trialNeedsPaymentMethod with a trial: the buyer must give a payment method before it starts
 * @param customerEmail  the buyer's email; may be null
 * @param returnUrl      where the buyer goes after subscribing
 * @param cancelUrl      where the buyer goes after giving up
 * @param idempotencyKey reused on every retry: must never create two subscriptions
 */
public record SubscriptionRequest(String subscriptionId, String orderId, String planName, Money amount, Period interval,
        int quantity, int trialDays, boolean trialNeedsPaymentMethod, String customerEmail, URI returnUrl, URI cancelUrl, String idempotencyKey) {

    public SubscriptionRequest {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (amount.minor() <= 0) {
            throw new IllegalArgumentException("amount must be positive, got " + amount);
        }
        if (quantity < 1 || trialDays < 0) {
            throw new IllegalArgumentException("quantity must be at least 1 and trialDays not negative");
        }
    }
}
