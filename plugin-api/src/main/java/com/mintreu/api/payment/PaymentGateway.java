package com.mintreu.api.payment;

import com.mintreu.api.Extension;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A way to take money: a payment provider (Stripe, PayPal...) or the offline sandbox.
 *
 * <p>The engine calls a gateway only through its plugin dispatcher (with a timeout) and owns the
 * order state machine: a gateway creates checkouts, turns the provider's webhooks into verified
 * {@link PaymentEvent}s, answers reconciliation questions and moves money back on request. It must
 * never change orders, grant entitlements or call the engine's HTTP API to do so, and must never
 * log secrets, signatures or card data.
 *
 * <p>Money-moving calls carry an idempotency key the engine stored before the first try; a gateway
 * passes it to the provider (or honours it itself) so a retry never charges or refunds twice.
 * When a call's effect is unknown (timeout), throw {@link PaymentGatewayException} with
 * {@link PaymentGatewayException.Reason#TIMEOUT} rather than guessing.
 */
public interface PaymentGateway extends Extension {

    /** What this gateway supports. Called often; must be constant after start and must not do I/O. */
    Capabilities capabilities();

    /**
     * The name shoppers see when they choose how to pay, e.g. "Card (Stripe)" or "PayPal"; the
     * {@link #id()} stays the machine name used in config, URLs and orders. Called when the cart
     * renders; must be constant after start, short (one line) and must not do I/O.
     */
    String displayName();

    /**
     * The origins ({@code scheme://host[:port]}, no path) of the provider's hosted checkout: where
     * the URL from {@link #createCheckout} points and every origin the browser is redirected
     * through before the provider's page shows, e.g. {@code https://checkout.stripe.com}.
     *
     * <p>The engine's pages are served with a strict Content-Security-Policy whose
     * {@code form-action} allows only the shop itself; browsers apply it to the redirect that
     * follows the checkout form, so a hosted page on an origin not declared here is refused by the
     * browser (the order exists, the buyer sees nothing happen). The engine adds exactly these
     * origins to {@code form-action} on the pages that post to checkout, and ignores (with a
     * warning) any entry that is not a bare http(s) origin. Called when such a page renders; must be
     * constant after start and must not do I/O. Default: none, for a gateway whose pages are served
     * by the engine itself (under {@link com.mintreu.api.PluginContext#baseUrl()}).
     */
    default Set<URI> hostedCheckoutOrigins() {
        return Set.of();
    }

    /**
     * Starts paying for a pending order whose total the engine has frozen. Called once per checkout
     * attempt, and again with the same {@link CheckoutRequest#idempotencyKey()} after a failure,
     * which must return the same session rather than create a second one.
     *
     * @throws PaymentGatewayException when the provider refuses or cannot be reached
     */
    CheckoutSession createCheckout(CheckoutRequest request);

    /**
     * Verifies and normalises one webhook call into {@link PaymentEvent}s, {@link RefundEvent}s
     * (including refunds started in the provider's dashboard) and {@link DisputeEvent}s. Called by the engine's webhook endpoint with the
     * raw request before anything is acknowledged or stored. MUST verify the provider's signature
     * (in constant time) and the freshness of its timestamp before returning anything; must not
     * change state, call the provider or trust any field before verification. May return several
     * events, or none for event types the engine does not need (they are acknowledged and ignored).
     *
     * @throws WebhookRejectedException when the request is not verified or cannot be read; the
     *                                  engine answers 400 with the reason code and stores nothing
     */
    List<? extends GatewayEvent> parseWebhook(WebhookRequest raw) throws WebhookRejectedException;

    /**
     * The provider's current truth about one payment. Called by the reconciliation job for orders
     * that stay pending or UNDEFINED, and by an admin's "check again". Must not change anything at
     * the provider.
     *
     * @throws PaymentGatewayException with {@code NOT_FOUND} for an unknown reference, or when the
     *                                 provider cannot be asked
     */
    PaymentStatus fetch(FetchRequest request);

    /**
     * Gives money back. Called only when {@link Capabilities#refunds()} is true (and for less than
     * the paid amount, or a second refund of one payment, only with {@link Capabilities#partialRefunds()}).
     * A retry with the same {@link RefundRequest#idempotencyKey()} must return the first result
     * without refunding again: the engine retries a refund whose outcome was unknown (a timeout,
     * {@link Outcome#UNDEFINED}) with the same key until it learns the outcome. A {@link Outcome#PENDING}
     * result is settled later by a {@link RefundEvent} with the same provider refund id, or by the
     * engine calling this again with the same key.
     *
     * @throws PaymentGatewayException with {@code REJECTED} for an over-refund or wrong currency,
     *                                 {@code TIMEOUT}/{@code UNAVAILABLE} when the outcome is unknown
     */
    RefundResult refund(RefundRequest request);

    /**
     * Starts a recurring payment the provider renews itself: returns the provider's page where the
     * buyer subscribes (the first period's order is {@link SubscriptionRequest#orderId()}); renewals,
     * failures and cancelations then arrive as {@link SubscriptionEvent}s through {@link #parseWebhook}. Called only when {@link Capabilities#subscriptions()} is true.
     * Default: unsupported.
     */
    default CheckoutSession createSubscription(SubscriptionRequest request) {
        throw new UnsupportedOperationException(id() + " does not support subscriptions");
    }

    /**
     * A page at the provider where the buyer updates the payment method of a provider-managed
     * subscription (Stripe's customer portal, PayPal's subscription page), linked from the engine's
     * "payment failed" mail and the customer's Subscriptions page; {@code returnUrl} is where the
     * provider sends them back. Called only when {@link Capabilities#subscriptions()} is true, when
     * the page or mail is made. Default: empty (the engine then links its own order page).
     */
    default Optional<URI> paymentMethodUpdateUrl(String providerReference, URI returnUrl) {
        return Optional.empty();
    }

    /**
     * Stops a recurring payment at the provider. Called only when {@link Capabilities#subscriptions()}
     * is true; the same idempotency key must not fail on a retry after success. Default: unsupported.
     */
    default void cancelSubscription(CancelSubscriptionRequest request) {
        throw new UnsupportedOperationException(id() + " does not support subscriptions");
    }

    /**
     * Takes back a cancelation at the period's end ({@link CancelSubscriptionRequest#atPeriodEnd()}
     * true) before the period ends: the subscription renews again. {@code request.atPeriodEnd()} is
     * ignored. Called only when {@link Capabilities#subscriptions()} is true; the same idempotency key
     * must not fail on a retry after success. Default: unsupported (the engine then refuses the undo).
     */
    default void undoCancelSubscription(CancelSubscriptionRequest request) {
        throw new UnsupportedOperationException(id() + " cannot take back a scheduled cancelation");
    }
}
