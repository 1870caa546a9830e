package com.mintreu.plugins.paymentstripe;

import com.mintreu.api.PluginContext;
import com.mintreu.api.money.Money;
import com.mintreu.api.payment.CancelSubscriptionRequest;
import com.mintreu.api.payment.Capabilities;
import com.mintreu.api.payment.CheckoutRequest;
import com.mintreu.api.payment.CheckoutSession;
import com.mintreu.api.payment.FetchRequest;
import com.mintreu.api.payment.Outcome;
import com.mintreu.api.payment.GatewayEvent;
import com.mintreu.api.payment.PaymentGateway;
import com.mintreu.api.payment.PaymentGatewayException;
import com.mintreu.api.payment.PaymentGatewayException.Reason;
import com.mintreu.api.payment.PaymentStatus;
import com.mintreu.api.payment.RefundRequest;
import com.mintreu.api.payment.RefundResult;
import com.mintreu.api.payment.SubscriptionRequest;
import com.mintreu.api.payment.WebhookRejectedException;
import com.mintreu.api.payment.WebhookRequest;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.checkout.Session;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Stripe Checkout as a {@link PaymentGateway}: a hosted Checkout Session per order,
 * signature-verified webhooks, reconciliation by re-reading the session and its payment intent,
 * and refunds through the Refunds API. Stripe keeps the records, so the plugin has no tables; the
 * engine's idempotency keys travel as Stripe's {@code Idempotency-Key} header (Stripe replays the
 * first answer to a repeated key for 24 hours).
 */
@Extension
public final class StripeGateway implements PaymentGateway {

    /** The id the engine selects this gateway by, and the last segment of its webhook URL. */
    public static final String ID = "payment-stripe";
    /** Where Stripe hosts Checkout; pages that send buyers there must allow it (CSP form-action). */
    static final Set<URI> CHECKOUT_ORIGINS = Set.of(URI.create("https://checkout.stripe.com"));

    private static final Capabilities CAPABILITIES = new Capabilities(true, true, true, true);

    private PluginContext ctx;
    private StripeCalls stripe;
    private WebhookVerifier verifier;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Stripe";
    }

    @Override
    public Set<URI> hostedCheckoutOrigins() {
        return CHECKOUT_ORIGINS;
    }

    @Override
    public Class<? extends Record> configType() {
        return StripeConfig.class;
    }

    @Override
    public void start(PluginContext ctx) {
        StripeConfig config = ctx.config(StripeConfig.class);
        this.ctx = ctx;
        Duration timeout = StripeCalls.timeout(config, ctx.callTimeout());
        this.stripe = new StripeCalls(config, timeout);
        this.verifier = new WebhookVerifier(config.webhookSecret());
        if (!timeout.equals(config.timeout())) {
            ctx.logger().warn("plugins.payment-stripe.config.timeout {} does not fit twice into engine.pluginCallTimeout {}: using {}",
                    config.timeout(), ctx.callTimeout(), timeout);
        }
        ctx.logger().info("Stripe Checkout in {} mode via {}; register the webhook endpoint {}", config.testMode() ? "test" : "live",
                config.apiBase(), webhookUrl(ctx.baseUrl()));
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public CheckoutSession createCheckout(CheckoutRequest request) {
        String what = "createCheckout for order " + request.orderId();
        Session session = stripe.createSession(CheckoutParams.of(request), request.idempotencyKey(), what);
        if (session.getId() == null || session.getUrl() == null) {
            throw new PaymentGatewayException(Reason.UNAVAILABLE, "Stripe " + what + " answered without a session id or URL");
        }
        if (session.getAmountTotal() != null && session.getAmountTotal() != request.amount().minor()) {
            // never send a buyer to pay another amount than the engine froze
            throw new PaymentGatewayException(Reason.REJECTED, "Stripe " + what + " computed " + session.getAmountTotal()
                    + " but the order total is " + request.amount() + " (session " + session.getId() + ")");
        }
        try {
            return CheckoutSession.hosted(session.getId(), new URI(session.getUrl()));
        } catch (URISyntaxException e) {
            throw new PaymentGatewayException(Reason.UNAVAILABLE, "Stripe " + what + " answered an unreadable URL for session " + session.getId());
        }
    }

    /**
     * Checkout in subscription mode: Stripe renews the plan itself and reports each invoice by
     * webhook. The engine's key (one per subscription) makes a retry return the same session.
     */
    @Override
    public CheckoutSession createSubscription(SubscriptionRequest request) {
        String what = "createSubscription " + request.subscriptionId() + " for order " + request.orderId();
        SessionCreateParams params;
        try {
            params = SubscriptionParams.of(request);
        } catch (IllegalArgumentException e) {
            throw new PaymentGatewayException(Reason.REJECTED, "Stripe " + what + ": " + e.getMessage());
        }
        Session session = stripe.createSession(params, request.idempotencyKey(), what);
        if (session.getId() == null || session.getUrl() == null) {
            throw new PaymentGatewayException(Reason.UNAVAILABLE, "Stripe " + what + " answered without a session id or URL");
        }
        if (request.trialDays() == 0 && session.getAmountTotal() != null && session.getAmountTotal() != request.amount().minor()) {
            throw new PaymentGatewayException(Reason.REJECTED, "Stripe " + what + " computed " + session.getAmountTotal()
                    + " but the first period costs " + request.amount() + " (session " + session.getId() + ")");
        }
        try {
            return CheckoutSession.hosted(session.getId(), new URI(session.getUrl()));
        } catch (URISyntaxException e) {
            throw new PaymentGatewayException(Reason.UNAVAILABLE, "Stripe " + what + " answered an unreadable URL for session " + session.getId());
        }
    }

    /**
     * At period end: {@code cancel_at_period_end=true}; now: {@code DELETE}. A retry after success
     * does not fail: an update with the same key is replayed by Stripe, and a subscription already
     * canceled counts as done.
     */
    @Override
    public void cancelSubscription(CancelSubscriptionRequest request) {
        String ref = request.providerReference();
        if (request.atPeriodEnd()) {
            stripe.cancelAtPeriodEnd(ref, true, request.idempotencyKey(), "cancel at period end of " + ref);
            return;
        }
        try {
            stripe.cancelNow(ref, request.idempotencyKey(), "cancel of " + ref);
        } catch (PaymentGatewayException e) {
            if (e.reason() == Reason.REJECTED || e.reason() == Reason.NOT_FOUND) {
                com.stripe.model.Subscription now = stripe.retrieveSubscription(ref, "status of " + ref);
                if ("canceled".equals(now.getStatus())) {
                    return;
                }
            }
            throw e;
        }
    }

    @Override
    public void undoCancelSubscription(CancelSubscriptionRequest request) {
        stripe.cancelAtPeriodEnd(request.providerReference(), false, request.idempotencyKey(), "undo cancel of " + request.providerReference());
    }

    /** A customer portal session for the subscription's customer (Stripe's page to update the card). */
    @Override
    public Optional<URI> paymentMethodUpdateUrl(String providerReference, URI returnUrl) {
        com.stripe.model.Subscription sub = stripe.retrieveSubscription(providerReference, "customer of " + providerReference);
        if (sub.getCustomer() == null) {
            return Optional.empty();
        }
        com.stripe.model.billingportal.Session portal = stripe.portal(sub.getCustomer(), returnUrl.toString(), "portal for " + providerReference);
        return portal.getUrl() == null ? Optional.empty() : Optional.of(URI.create(portal.getUrl()));
    }

    /**
     * Verifies, then normalises. A refund or dispute whose object names no order (disputes never
     * do) is resolved to its Checkout Session by one read at Stripe; when Stripe cannot be asked,
     * the {@link PaymentGatewayException} makes the engine answer an error and Stripe redelivers.
     */
    @Override
    public List<GatewayEvent> parseWebhook(WebhookRequest raw) throws WebhookRejectedException {
        com.stripe.model.Event event = verifier.verify(raw.header(WebhookVerifier.HEADER).orElse(null), raw.body(), ctx.clock());
        return StripeEvents.normalize(event, intent -> stripe.sessionOfPaymentIntent(intent, "session of payment intent " + intent)
                .map(s -> new StripeEvents.SessionRef(s.getId(), s.getClientReferenceId())));
    }

    /** Re-reads the session with its payment intent and that intent's latest charge (for refunds so far). */
    @Override
    public PaymentStatus fetch(FetchRequest request) {
        Session session = stripe.retrieveSession(request.providerReference(), "fetch of " + request.providerReference());
        if (session.getAmountTotal() == null || session.getCurrency() == null) {
            throw new PaymentGatewayException(Reason.UNAVAILABLE, "Stripe session " + session.getId() + " has no amount_total or currency");
        }
        String currency = session.getCurrency().toUpperCase(Locale.ROOT);
        PaymentIntent intent = session.getPaymentIntentObject();
        Charge charge = intent == null ? null : intent.getLatestChargeObject();
        long refunded = charge == null || charge.getAmountRefunded() == null ? 0 : charge.getAmountRefunded();
        return new PaymentStatus(request.providerReference(), outcome(session, intent),
                new Money(session.getAmountTotal(), currency), new Money(refunded, currency), ctx.clock().instant());
    }

    /**
     * A session's state now. {@code complete}+{@code paid} is paid; {@code complete}+{@code unpaid}
     * waits for an asynchronous method, and its payment intent tells whether that has failed since;
     * {@code open} waits for the buyer; {@code expired} took nothing and never will.
     */
    static Outcome outcome(Session session, PaymentIntent intent) {
        String status = String.valueOf(session.getStatus());
        String paymentStatus = String.valueOf(session.getPaymentStatus());
        return switch (status) {
            case "open" -> Outcome.PENDING;
            case "expired" -> Outcome.DECLINED;
            case "complete" -> switch (paymentStatus) {
                case "paid" -> Outcome.SUCCEEDED;
                case "unpaid" -> intent == null ? Outcome.PENDING : switch (String.valueOf(intent.getStatus())) {
                    case "succeeded" -> Outcome.SUCCEEDED;
                    case "processing", "requires_action", "requires_confirmation", "requires_capture" -> Outcome.PENDING;
                    // the asynchronous payment failed (Stripe also sends checkout.session.async_payment_failed)
                    case "requires_payment_method", "canceled" -> Outcome.DECLINED;
                    default -> Outcome.UNDEFINED;
                };
                default -> Outcome.UNDEFINED;
            };
            default -> Outcome.UNDEFINED;
        };
    }

    /**
     * Refunds the session's payment intent with the engine's idempotency key; a retried key
     * returns Stripe's first refund. The session is read first to find the intent (a read, safe to
     * repeat); a {@code pi_} reference is refunded directly.
     */
    @Override
    public RefundResult refund(RefundRequest request) {
        String reference = request.providerReference();
        String what = "refund of " + reference + " (order " + request.orderId() + ")";
        String intentId = reference;
        if (!reference.startsWith("pi_")) {
            Session session = stripe.retrieveSession(reference, what);
            if (session.getCurrency() != null && !session.getCurrency().equalsIgnoreCase(request.amount().currency())) {
                throw new PaymentGatewayException(Reason.REJECTED, "Stripe " + what + ": the payment is in "
                        + session.getCurrency().toUpperCase(Locale.ROOT) + ", not " + request.amount().currency());
            }
            intentId = session.getPaymentIntent();
            if (intentId == null) {
                throw new PaymentGatewayException(Reason.REJECTED, "Stripe " + what + ": the session has no payment to refund");
            }
        }
        RefundCreateParams.Builder params = RefundCreateParams.builder()
                .setPaymentIntent(intentId)
                .setAmount(request.amount().minor());
        if (request.orderId() != null) {
            params.putMetadata(StripeEvents.ORDER_ID, request.orderId());
        }
        // echoed in charge.refunded, so the engine matches this refund to its own before it knows Stripe's id
        params.putMetadata(StripeEvents.REFUND_ID, request.idempotencyKey());
        if (request.reason() != null && !request.reason().isBlank()) {
            // free text belongs in metadata: Stripe's `reason` only takes three fixed values
            String note = request.reason().strip();
            params.putMetadata("note", note.length() <= 500 ? note : note.substring(0, 500));
        }
        Refund refund = stripe.createRefund(params.build(), request.idempotencyKey(), what);
        if (refund.getId() == null || refund.getAmount() == null || refund.getCurrency() == null) {
            throw new PaymentGatewayException(Reason.UNAVAILABLE, "Stripe " + what + " answered a refund without id, amount or currency");
        }
        Outcome outcome = switch (String.valueOf(refund.getStatus())) {
            case "succeeded" -> Outcome.SUCCEEDED;
            case "pending", "requires_action" -> Outcome.PENDING;
            case "failed", "canceled" -> Outcome.DECLINED;
            default -> Outcome.UNDEFINED;
        };
        return new RefundResult(refund.getId(), outcome, new Money(refund.getAmount(), refund.getCurrency().toUpperCase(Locale.ROOT)));
    }

    /** {@code <publicUrl>/api/v1/webhooks/payment-stripe}: the endpoint to register at Stripe. */
    static URI webhookUrl(URI baseUrl) {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + "api/v1/webhooks/" + ID);
    }
}
