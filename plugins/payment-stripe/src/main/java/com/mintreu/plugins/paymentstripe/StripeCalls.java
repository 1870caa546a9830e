package com.mintreu.plugins.paymentstripe;

import com.mintreu.api.payment.PaymentGatewayException;
import com.mintreu.api.payment.PaymentGatewayException.Reason;
import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.Refund;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionListParams;
import com.stripe.param.checkout.SessionRetrieveParams;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;

/**
 * The three Stripe API calls this plugin makes, each turned into a {@link PaymentGatewayException}
 * of the right {@link Reason} when it fails. Messages are built here from Stripe's error type,
 * status, code and request id; Stripe's own text is included with both secrets masked, and the
 * original exception is not attached (its message is not ours to vouch for).
 */
final class StripeCalls {

    private final StripeClient client;
    private final List<String> secrets;

    /**
     * @param timeout connect and read timeout of each call ({@link #timeout}); a call can take both
     */
    StripeCalls(StripeConfig config, Duration timeout) {
        this.secrets = List.of(config.secretKey(), config.webhookSecret());
        int millis = Math.toIntExact(timeout.toMillis());
        String base = config.apiBase().toString();
        this.client = StripeClient.builder()
                .setApiKey(config.secretKey())
                .setApiBase(base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                .setConnectTimeout(millis)
                .setReadTimeout(millis)
                // no silent retries: each call fits the engine's plugin-call timeout, and the engine
                // retries or reconciles with the same idempotency key
                .setMaxNetworkRetries(0)
                .build();
    }

    /**
     * The configured timeout, but at most 2/5 of the engine's call timeout: connect and read
     * together must end before the engine abandons the call, or a hanging Stripe would surface as
     * the engine's own timeout instead of the plugin's TIMEOUT (4 s under the default 10 s).
     */
    static Duration timeout(StripeConfig config, Duration callTimeout) {
        Duration cap = callTimeout.multipliedBy(2).dividedBy(5);
        return config.timeout().compareTo(cap) <= 0 ? config.timeout() : cap;
    }

    /** {@code POST /v1/checkout/sessions} with {@code Idempotency-Key: idempotencyKey}. */
    Session createSession(SessionCreateParams params, String idempotencyKey, String what) {
        return call(what, () -> client.v1().checkout().sessions().create(params, withKey(idempotencyKey)));
    }

    /** {@code GET /v1/checkout/sessions/{id}}, its payment intent and that intent's latest charge expanded. */
    Session retrieveSession(String sessionId, String what) {
        SessionRetrieveParams params = SessionRetrieveParams.builder().addExpand("payment_intent.latest_charge").build();
        return call(what, () -> client.v1().checkout().sessions().retrieve(sessionId, params, RequestOptions.getDefault()));
    }

    /** {@code GET /v1/checkout/sessions?payment_intent=...&limit=1}: the session that created a payment intent, if any. */
    java.util.Optional<Session> sessionOfPaymentIntent(String paymentIntentId, String what) {
        SessionListParams params = SessionListParams.builder().setPaymentIntent(paymentIntentId).setLimit(1L).build();
        return call(what, () -> client.v1().checkout().sessions().list(params, RequestOptions.getDefault())).getData().stream().findFirst();
    }

    /** {@code POST /v1/refunds} with {@code Idempotency-Key: idempotencyKey}. */
    Refund createRefund(RefundCreateParams params, String idempotencyKey, String what) {
        return call(what, () -> client.v1().refunds().create(params, withKey(idempotencyKey)));
    }

    /** {@code POST /v1/subscriptions/{id}} setting {@code cancel_at_period_end}, with the engine's key. */
    com.stripe.model.Subscription cancelAtPeriodEnd(String subscriptionId, boolean cancel, String idempotencyKey, String what) {
        com.stripe.param.SubscriptionUpdateParams params = com.stripe.param.SubscriptionUpdateParams.builder().setCancelAtPeriodEnd(cancel).build();
        return call(what, () -> client.v1().subscriptions().update(subscriptionId, params, withKey(idempotencyKey)));
    }

    /** {@code DELETE /v1/subscriptions/{id}}: ends it now. */
    com.stripe.model.Subscription cancelNow(String subscriptionId, String idempotencyKey, String what) {
        return call(what, () -> client.v1().subscriptions().cancel(subscriptionId, com.stripe.param.SubscriptionCancelParams.builder().build(),
                withKey(idempotencyKey)));
    }

    /** {@code GET /v1/subscriptions/{id}}. */
    com.stripe.model.Subscription retrieveSubscription(String subscriptionId, String what) {
        return call(what, () -> client.v1().subscriptions().retrieve(subscriptionId, RequestOptions.getDefault()));
    }

    /** {@code POST /v1/billing_portal/sessions}: the customer portal, where the buyer updates the card. */
    com.stripe.model.billingportal.Session portal(String customerId, String returnUrl, String what) {
        com.stripe.param.billingportal.SessionCreateParams params = com.stripe.param.billingportal.SessionCreateParams.builder()
                .setCustomer(customerId).setReturnUrl(returnUrl).build();
        return call(what, () -> client.v1().billingPortal().sessions().create(params, RequestOptions.getDefault()));
    }

    private static RequestOptions withKey(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }

    private interface Call<T> {
        T run() throws StripeException;
    }

    private <T> T call(String what, Call<T> call) {
        try {
            return call.run();
        } catch (StripeException e) {
            throw failure(what, e);
        }
    }

    /** The reason says whether the money's state is known: see {@link PaymentGatewayException}. */
    PaymentGatewayException failure(String what, StripeException e) {
        Reason reason;
        if (e instanceof ApiConnectionException) {
            reason = timedOut(e) ? Reason.TIMEOUT : Reason.UNAVAILABLE;
        } else if (e instanceof AuthenticationException || e instanceof PermissionException) {
            reason = Reason.CONFIGURATION;
        } else if (e instanceof RateLimitException) {
            reason = Reason.UNAVAILABLE;
        } else if (e instanceof InvalidRequestException && Integer.valueOf(404).equals(e.getStatusCode())) {
            reason = Reason.NOT_FOUND;
        } else if (e instanceof InvalidRequestException || e instanceof CardException || e instanceof IdempotencyException) {
            reason = Reason.REJECTED;
        } else {
            // ApiException: Stripe answered 5xx or something unreadable; the call may have happened
            reason = Reason.UNAVAILABLE;
        }
        StringBuilder message = new StringBuilder("Stripe ").append(what).append(" failed: ").append(e.getClass().getSimpleName());
        if (e.getStatusCode() != null && e.getStatusCode() > 0) {
            message.append(" HTTP ").append(e.getStatusCode());
        }
        if (e.getCode() != null) {
            message.append(" code ").append(e.getCode());
        }
        if (e.getRequestId() != null) {
            message.append(" request ").append(e.getRequestId());
        }
        String detail = e.getStripeError() != null && e.getStripeError().getMessage() != null
                ? e.getStripeError().getMessage() : rootMessage(e);
        if (detail != null && !detail.isBlank()) {
            message.append(": ").append(masked(detail));
        }
        return new PaymentGatewayException(reason, message.toString());
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // SocketTimeoutException (connect or read) is an InterruptedIOException
            if (t instanceof InterruptedIOException || t instanceof HttpTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? null : root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }

    /** Stripe masks keys in its messages; a fake or a proxy might not. */
    private String masked(String text) {
        String out = text;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                out = out.replace(secret, "***");
            }
        }
        return out;
    }
}
