package com.mintreu.api.payment;

import java.util.Optional;

/**
 * An optional capability of a {@link PaymentGateway}: it keeps a payment method the buyer agreed to
 * save during a hosted checkout, and charges it later without the buyer present (a
 * merchant-initiated charge). The engine uses it to renew subscriptions itself. A gateway that can
 * do this implements this interface besides {@link PaymentGateway}; the engine checks with
 * {@code instanceof} and calls it through its plugin dispatcher, like every gateway call.
 *
 * <p>Saved methods are the provider's: the engine stores only the id and the one-line summary,
 * never card data. Implementations must not log card numbers or tokens.
 */
public interface RecurringCharges {

    /**
     * The payment method the buyer chose to save while paying the checkout {@code providerReference}
     * (as in {@link CheckoutSession#providerReference()}), or empty when they did not. Called after
     * the engine saw that payment succeed; must not change anything at the provider.
     */
    Optional<SavedPaymentMethod> savedPaymentMethod(String providerReference);

    /**
     * Charges a saved method, off-session. The engine stores {@link ChargeRequest#idempotencyKey()}
     * before the first try and repeats it on every retry (a timeout, a crash, a second node): a
     * repeated key must return the first charge's result and never charge again. A decline is a
     * result ({@link Outcome#DECLINED}), not an exception; when the outcome is unknown throw
     * {@link PaymentGatewayException} with {@code TIMEOUT} or {@code UNAVAILABLE} and the engine
     * retries with the same key.
     *
     * @throws PaymentGatewayException {@code NOT_FOUND} for an unknown method, {@code REJECTED} for a key
     *                                 reused with another method or amount, {@code TIMEOUT}/{@code UNAVAILABLE}
     */
    ChargeResult charge(ChargeRequest request);

    /**
     * Whether {@link #createSetup} works: the gateway can host a page that saves a payment method
     * without taking a payment (a free trial that asks for a card up front). The engine offers such
     * trials only through gateways that answer true. Constant for the life of a started gateway.
     */
    default boolean savesMethodsWithoutPayment() {
        return false;
    }

    /**
     * Starts a hosted page where the buyer saves a payment method and pays nothing (see
     * {@link SetupRequest}). Called only when {@link #savesMethodsWithoutPayment()} is true; the
     * buyer must not be able to leave that page successfully without saving a method. A retried
     * {@link SetupRequest#idempotencyKey()} returns the first session.
     *
     * @throws PaymentGatewayException {@code REJECTED} when unsupported or the key was reused for another order,
     *                                 {@code TIMEOUT}/{@code UNAVAILABLE}
     */
    default CheckoutSession createSetup(SetupRequest request) {
        throw new PaymentGatewayException(PaymentGatewayException.Reason.REJECTED, "this gateway cannot save a payment method without a payment");
    }
}
