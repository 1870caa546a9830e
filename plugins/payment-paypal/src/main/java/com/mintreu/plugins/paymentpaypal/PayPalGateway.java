package com.mintreu.plugins.paymentpaypal;

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
import com.paypal.sdk.models.Order;
import com.paypal.sdk.models.OrderStatus;
import com.paypal.sdk.models.OrdersCapture;
import com.paypal.sdk.models.Refund;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.pf4j.Extension;

/**
 * PayPal Checkout with Orders v2: {@link #createCheckout} creates an order (intent CAPTURE, the
 * engine's amounts, {@code custom_id} = the engine's order id) and sends the buyer to PayPal to
 * approve it; the buyer's return captures it ({@link ReturnRoute}); PayPal's webhooks, verified by
 * PayPal itself, report the capture; {@link #fetch} re-reads the order for reconciliation and
 * {@link #refund} refunds its capture. The provider reference is PayPal's order id.
 *
 * <p>Subscriptions PayPal renews itself (Subscriptions v1) are {@link Subscriptions}; their
 * webhooks become {@link com.mintreu.api.payment.SubscriptionEvent}s in {@link SubscriptionWebhooks}.
 */
@Extension
public final class PayPalGateway implements PaymentGateway {

    /** The id the engine selects this gateway by, and the last segment of its webhook URL. */
    public static final String ID = "payment-paypal";

    private static final Capabilities CAPABILITIES = new Capabilities(true, true, true, true);
    /** PayPal's limit on {@code note_to_payer} of a refund. */
    private static final int MAX_NOTE = 255;

    private PayPalConfig config;
    private Supplier<Clock> clock = Clock::systemUTC;
    private PayPalApi api;
    private Webhooks webhooks;
    private ReturnRoute returnRoute;
    private Subscriptions subscriptions;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "PayPal";
    }

    /** PayPal's hosted approval page: the live or the sandbox site, as {@code apiBase} says. */
    @Override
    public java.util.Set<URI> hostedCheckoutOrigins() {
        return java.util.Set.of(URI.create(config != null && config.sandbox() ? "https://www.sandbox.paypal.com" : "https://www.paypal.com"));
    }

    @Override
    public Class<? extends Record> configType() {
        return PayPalConfig.class;
    }

    @Override
    public void start(PluginContext ctx) {
        config = ctx.config(PayPalConfig.class);
        List<com.mintreu.api.config.Validated.Problem> problems = config.problems();
        if (!problems.isEmpty()) {
            // the engine validated already; this guards direct use (tests, another host)
            throw new IllegalArgumentException("plugins." + ID + ".config: " + problems.stream()
                    .map(p -> p.field() + " " + p.message()).reduce((a, b) -> a + "; " + b).orElseThrow());
        }
        clock = ctx::clock;
        java.time.Duration timeout = PayPalApi.timeout(config, ctx.callTimeout());
        if (!timeout.equals(config.timeout())) {
            ctx.logger().warn("plugins.{}.config.timeout {} is more than a quarter of the engine's call timeout {}: using {}",
                    ID, config.timeout(), ctx.callTimeout(), timeout);
        }
        api = new PayPalApi(config, timeout, clock);
        webhooks = new Webhooks(api, config.webhookId(), clock);
        subscriptions = new Subscriptions(api, config.sandbox());
        URI self = URI.create(ctx.baseUrl().toString().replaceAll("/+$", "") + "/plugins/" + ID + "/" + ReturnRoute.PATH);
        returnRoute = new ReturnRoute(api, ctx.secrets().key("return-links"), self, ctx.logger());
        ctx.web().route("GET", ReturnRoute.PATH, returnRoute::handle);
        ctx.logger().info("PayPal at {} ({}), webhook id {}", config.apiBase(), config.sandbox() ? "sandbox" : "live or custom", config.webhookId());
    }

    @Override
    public void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    /**
     * Creates the PayPal order with {@code PayPal-Request-Id} = the engine's idempotency key, so a
     * retry gets the same order. An order the buyer already approved goes straight to the capture
     * on return; one already completed goes to the shop's return page.
     */
    @Override
    public CheckoutSession createCheckout(CheckoutRequest request) {
        Order order = api.createOrder(Orders.request(request, returnRoute.urlFor(request.returnUrl())), request.idempotencyKey());
        if (order.getId() == null) {
            throw new PaymentGatewayException(Reason.UNAVAILABLE, "PayPal created an order without an id for " + request.orderId());
        }
        Optional<Money> amount = readable(order.getId(), () -> Orders.unit(order).map(u -> u.getAmount())
                .map(a -> Amounts.parse(a.getCurrencyCode(), a.getValue())));
        if (amount.isPresent() && !amount.get().equals(request.amount())) {
            throw new PaymentGatewayException(Reason.REJECTED, "idempotency key " + request.idempotencyKey()
                    + " was used for PayPal order " + order.getId() + " of " + amount.get() + ", not " + request.amount());
        }
        Optional<URI> approve = Orders.approveLink(order);
        if (approve.isPresent()) {
            return CheckoutSession.hosted(order.getId(), approve.get());
        }
        if (order.getStatus() == OrderStatus.APPROVED) {
            return CheckoutSession.hosted(order.getId(), returnRoute.urlFor(request.returnUrl(), order.getId()));
        }
        if (order.getStatus() == OrderStatus.COMPLETED) {
            return CheckoutSession.hosted(order.getId(), request.returnUrl());
        }
        throw new PaymentGatewayException(Reason.UNAVAILABLE, "PayPal order " + order.getId() + " (" + order.getStatus()
                + ") has no approval link");
    }

    /**
     * The verified event as the engine's: a capture's outcome, a refund or reversal (including
     * refunds started in PayPal's dashboard), or a dispute opened or resolved; none for types
     * this plugin does not use.
     */
    @Override
    public List<GatewayEvent> parseWebhook(WebhookRequest raw) throws WebhookRejectedException {
        return webhooks.parse(raw).map(List::of).orElse(List.of());
    }

    @Override
    public PaymentStatus fetch(FetchRequest request) {
        Order order = api.getOrder(request.providerReference());
        Money amount = readable(request.providerReference(), () -> Orders.unit(order).map(u -> u.getAmount())
                .map(a -> Amounts.parse(a.getCurrencyCode(), a.getValue())))
                .orElseThrow(() -> new PaymentGatewayException(Reason.UNAVAILABLE, "PayPal order " + request.providerReference()
                        + " has no amount"));
        Money refunded = readable(request.providerReference(), () -> Orders.refunded(order, amount.currency()));
        return new PaymentStatus(order.getId() == null ? request.providerReference() : order.getId(), Orders.outcome(order),
                amount, refunded, clock.get().instant());
    }

    /**
     * Refunds the order's capture with {@code PayPal-Request-Id} = the engine's idempotency key:
     * a retry gets the first refund back, never a second one.
     */
    @Override
    public RefundResult refund(RefundRequest request) {
        Order order = api.getOrder(request.providerReference());
        OrdersCapture capture = Orders.capture(order).filter(c -> c.getId() != null).orElseThrow(() -> new PaymentGatewayException(
                Reason.REJECTED, "PayPal order " + request.providerReference() + " has no capture to refund"));
        com.paypal.sdk.models.RefundRequest.Builder body = new com.paypal.sdk.models.RefundRequest.Builder()
                .amount(Orders.money(request.amount()));
        if (request.orderId() != null) {
            body.customId(request.orderId());
        }
        // echoed in the refund's webhook, so the engine matches it to the refund it started
        body.invoiceId(request.idempotencyKey());
        if (request.reason() != null && !request.reason().isBlank()) {
            body.noteToPayer(request.reason().length() > MAX_NOTE ? request.reason().substring(0, MAX_NOTE) : request.reason());
        }
        Refund refund = api.refundCapture(capture.getId(), body.build(), request.idempotencyKey());
        if (refund.getId() == null) {
            throw new PaymentGatewayException(Reason.UNAVAILABLE, "PayPal answered a refund of " + capture.getId() + " without an id");
        }
        Money amount = refund.getAmount() == null ? request.amount() : readable(refund.getId(), () -> Orders.money(refund.getAmount()));
        Outcome outcome = Orders.outcome(refund.getStatus());
        return new RefundResult(refund.getId(), outcome, amount);
    }

    /**
     * A PayPal subscription (Subscriptions v1) on a billing plan made for the request's price,
     * interval, trial and seats; the buyer approves it on PayPal ({@code approve} link). The
     * provider reference is PayPal's subscription id ({@code I-...}); {@code custom_id} carries the
     * engine's subscription id, and {@code PayPal-Request-Id} the idempotency key.
     */
    @Override
    public CheckoutSession createSubscription(SubscriptionRequest request) {
        return subscriptions.create(request);
    }

    /**
     * Cancels at PayPal at once, also when the engine asks for the period's end: PayPal cannot
     * schedule a cancelation and bills no more once it is canceled; the engine keeps the paid period.
     */
    @Override
    public void cancelSubscription(CancelSubscriptionRequest request) {
        subscriptions.cancel(request);
    }

    /** The subscription's page in the buyer's PayPal account, where they change how PayPal bills it. */
    @Override
    public Optional<URI> paymentMethodUpdateUrl(String providerReference, URI returnUrl) {
        return subscriptions.paymentMethodUpdateUrl(providerReference);
    }

    /** An amount PayPal sent that cannot be read (other currency in one order, too many decimals) is no answer. */
    private static <T> T readable(String what, Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            throw new PaymentGatewayException(Reason.UNAVAILABLE, "PayPal's answer about " + what + " cannot be read: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "PayPalGateway[" + config + "]";
    }
}
