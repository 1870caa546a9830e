package com.mintreu.api.payment;

/**
 * What a gateway can do, so the engine offers only what works (no refund button for a gateway
 * without refunds). Constant for the life of a started gateway.
 *
 * @param refunds         {@link PaymentGateway#refund(RefundRequest)} works for the full amount
 * @param partialRefunds  refunds of less than the paid amount, and several refunds of one payment
 *                        (never more than paid in total), work; without it the engine only refunds
 *                        a whole payment, once
 * @param subscriptions   the subscription hooks of {@link PaymentGateway} are implemented
 * @param hostedCheckout  {@link CheckoutSession#redirectUrl()} sends the buyer to a page the
 *                        provider (or plugin) hosts; false when the theme must render
 *                        {@link CheckoutSession#clientData()} itself
 */
public record Capabilities(boolean refunds, boolean partialRefunds, boolean subscriptions, boolean hostedCheckout) {

    /** Partial refunds are a kind of refund: claiming one without the other is a plugin bug. */
    public Capabilities {
        if (partialRefunds && !refunds) {
            throw new IllegalArgumentException("partialRefunds requires refunds");
        }
    }
}
