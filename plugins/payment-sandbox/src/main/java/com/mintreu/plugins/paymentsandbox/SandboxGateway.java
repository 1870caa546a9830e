package com.mintreu.plugins.paymentsandbox;

import com.mintreu.api.PluginContext;
import com.mintreu.api.money.Money;
import com.mintreu.api.payment.Capabilities;
import com.mintreu.api.payment.ChargeRequest;
import com.mintreu.api.payment.ChargeResult;
import com.mintreu.api.payment.CheckoutRequest;
import com.mintreu.api.payment.CheckoutSession;
import com.mintreu.api.payment.FetchRequest;
import com.mintreu.api.payment.GatewayEvent;
import com.mintreu.api.payment.Outcome;
import com.mintreu.api.payment.PaymentGateway;
import com.mintreu.api.payment.PaymentGatewayException;
import com.mintreu.api.payment.PaymentGatewayException.Reason;
import com.mintreu.api.payment.PaymentStatus;
import com.mintreu.api.payment.RecurringCharges;
import com.mintreu.api.payment.SavedPaymentMethod;
import com.mintreu.api.payment.SetupRequest;
import com.mintreu.api.payment.RefundRequest;
import com.mintreu.api.payment.RefundResult;
import com.mintreu.api.payment.WebhookRejectedException;
import com.mintreu.api.payment.WebhookRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.pf4j.Extension;

/**
 * A payment provider on localhost: both halves of a hosted checkout in one plugin. The "provider"
 * half is the checkout page ({@link CheckoutRoutes}) that posts signed webhooks to the engine; the
 * gateway half is what the engine calls: {@link #createCheckout}, {@link #parseWebhook} (verifies
 * the signature like any real gateway), {@link #fetch} and {@link #refund}, all answered from the
 * plugin's own tables, which play the provider's records.
 */
@Extension
public final class SandboxGateway implements PaymentGateway, RecurringCharges {

    /** The id the engine selects this gateway by, and the last segment of its webhook URL. */
    public static final String ID = "payment-sandbox";
    /** Bodies above this are refused before parsing; a sandbox event is about 200 bytes. */
    static final int MAX_WEBHOOK_BYTES = 64 * 1024;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Capabilities CAPABILITIES = new Capabilities(true, true, false, true);

    private Supplier<Clock> clock = Clock::systemUTC;
    private byte[] secret;
    private URI baseUrl;
    private SessionStore store;
    private SavedCards cards;
    /** Refund calls still to answer with a timeout after recording the refund (see {@link FaultRoutes}). */
    private final AtomicInteger refundTimeouts = new AtomicInteger();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<? extends Record> configType() {
        return SandboxConfig.class;
    }

    @Override
    public void start(PluginContext ctx) {
        SandboxConfig config = ctx.config(SandboxConfig.class);
        this.clock = ctx::clock;
        this.secret = config.secret() == null || config.secret().isEmpty()
                ? ctx.secrets().key("webhook-signing")
                : config.secret().getBytes(StandardCharsets.UTF_8);
        this.baseUrl = ctx.baseUrl();
        this.store = new SessionStore(ctx.jdbi(), ctx.clock());
        URI target = config.webhookUrl() != null ? config.webhookUrl() : resolve(ctx.baseUrl(), "api/v1/webhooks/" + ID);
        WebhookSender sender = new WebhookSender(target, secret, ctx.clock(), ctx.logger());
        this.cards = new SavedCards(ctx.jdbi(), ctx.clock());
        new CheckoutRoutes(store, cards, sender, clock).register(ctx.web());
        new FaultRoutes(secret, clock, refundTimeouts, cards).register(ctx.web());
        ctx.logger().info("sandbox checkout at {}, webhooks to {}", resolve(baseUrl, "plugins/" + ID + "/checkout/"), target);
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    /** Says it is not real money: shoppers of a demo shop must never think they paid. */
    @Override
    public String displayName() {
        return "Sandbox (test payment, no real money)";
    }

    @Override
    public CheckoutSession createCheckout(CheckoutRequest request) {
        Optional<Session> existing = store.findByIdempotencyKey(request.idempotencyKey());
        if (existing.isEmpty()) {
            try {
                store.insert(newId("cs_"), newId(""), request);
            } catch (RuntimeException e) {
                // a concurrent retry with the same key may have won the unique constraint; read it below
            }
            existing = store.findByIdempotencyKey(request.idempotencyKey());
        }
        Session session = existing.orElseThrow(() -> new PaymentGatewayException(Reason.UNAVAILABLE,
                "cannot store a sandbox session for order " + request.orderId()));
        if (session.setup() || !session.orderId().equals(request.orderId()) || !session.amount().equals(request.amount())) {
            throw new PaymentGatewayException(Reason.REJECTED, "idempotency key reused for a different order or amount: "
                    + request.orderId());
        }
        return CheckoutSession.hosted(session.id(), resolve(baseUrl, "plugins/" + ID + "/checkout/" + session.id()));
    }

    @Override
    public List<GatewayEvent> parseWebhook(WebhookRequest raw) throws WebhookRejectedException {
        byte[] body = raw.body();
        if (body.length > MAX_WEBHOOK_BYTES) {
            throw new WebhookRejectedException(WebhookRejectedException.Reason.MALFORMED, "body over " + MAX_WEBHOOK_BYTES + " bytes");
        }
        SandboxSignature.verify(secret, raw.header(SandboxSignature.HEADER).orElse(null), body, clock.get().instant());
        return SandboxEvents.parse(body);
    }

    @Override
    public PaymentStatus fetch(FetchRequest request) {
        if (request.providerReference().startsWith("ch_")) {
            ChargeResult charge = cards.byId(request.providerReference()).orElseThrow(() -> new PaymentGatewayException(
                    Reason.NOT_FOUND, "no sandbox charge " + request.providerReference()));
            return new PaymentStatus(charge.providerReference(), charge.outcome(), charge.amount(),
                    Money.zero(charge.amount().currency()), clock.get().instant());
        }
        Session session = store.find(request.providerReference()).orElseThrow(() -> new PaymentGatewayException(
                Reason.NOT_FOUND, "no sandbox session " + request.providerReference()));
        return new PaymentStatus(session.id(), session.state().outcome(), session.amount(),
                new Money(session.refundedMinor(), session.amount().currency()), clock.get().instant());
    }

    /**
     * Records the refund in the sandbox's table; a retried idempotency key returns the first refund.
     * While a fault is armed ({@link FaultRoutes}) the refund is recorded and then the answer is
     * "lost": a {@code TIMEOUT}, as when a real provider refunds but the response never arrives.
     */
    @Override
    public RefundResult refund(RefundRequest request) {
        RefundResult result = record(request);
        if (refundTimeouts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new PaymentGatewayException(Reason.TIMEOUT, "sandbox fault: refund " + result.providerRefundId() + " recorded, answer lost");
        }
        return result;
    }

    private RefundResult record(RefundRequest request) {
        try {
            return store.jdbi().inTransaction(h -> {
                Optional<SessionStore.Refund> done = store.findRefund(h, request.idempotencyKey());
                if (done.isPresent()) {
                    return replay(done.get(), request);
                }
                String refundId = newId("re_");
                if (!store.addRefund(h, refundId, request.providerReference(), request.idempotencyKey(), request.amount())) {
                    throw new PaymentGatewayException(Reason.REJECTED, "cannot refund " + request.amount() + " of "
                            + request.providerReference() + ": not paid, other currency, or more than is left");
                }
                return new RefundResult(refundId, Outcome.SUCCEEDED, request.amount());
            });
        } catch (PaymentGatewayException e) {
            throw e;
        } catch (RuntimeException e) {
            // lost a race on the idempotency key: the winner's refund is the answer
            return store.jdbi().withHandle(h -> store.findRefund(h, request.idempotencyKey()))
                    .map(r -> replay(r, request))
                    .orElseThrow(() -> new PaymentGatewayException(Reason.UNAVAILABLE, "refund of " + request.providerReference()
                            + " failed: " + e.getClass().getSimpleName(), e));
        }
    }

    private static RefundResult replay(SessionStore.Refund refund, RefundRequest request) {
        if (!refund.sessionId().equals(request.providerReference()) || !refund.amount().equals(request.amount())) {
            throw new PaymentGatewayException(Reason.REJECTED, "idempotency key reused for a different refund");
        }
        return new RefundResult(refund.id(), Outcome.SUCCEEDED, refund.amount());
    }

    /** The sandbox hosts setup pages: a free trial can save its card here up front. */
    @Override
    public boolean savesMethodsWithoutPayment() {
        return true;
    }

    /** A page that saves a test card and takes nothing; the same idempotency rules as {@link #createCheckout}. */
    @Override
    public CheckoutSession createSetup(SetupRequest request) {
        Optional<Session> existing = store.findByIdempotencyKey(request.idempotencyKey());
        if (existing.isEmpty()) {
            try {
                store.insert(newId("cs_"), newId(""), request);
            } catch (RuntimeException e) {
                // a concurrent retry with the same key may have won the unique constraint; read it below
            }
            existing = store.findByIdempotencyKey(request.idempotencyKey());
        }
        Session session = existing.orElseThrow(() -> new PaymentGatewayException(Reason.UNAVAILABLE,
                "cannot store a sandbox setup session for order " + request.orderId()));
        if (!session.setup() || !session.orderId().equals(request.orderId()) || !session.amount().currency().equals(request.currency())) {
            throw new PaymentGatewayException(Reason.REJECTED, "idempotency key reused for a different order: " + request.orderId());
        }
        return CheckoutSession.hosted(session.id(), resolve(baseUrl, "plugins/" + ID + "/checkout/" + session.id()));
    }

    /** The card the buyer saved while paying this checkout session ("Save my card" ticked), if any. */
    @Override
    public Optional<SavedPaymentMethod> savedPaymentMethod(String providerReference) {
        return cards.forSession(providerReference);
    }

    /** An off-session charge of a saved card; see {@link SavedCards} for test cards and idempotency. */
    @Override
    public ChargeResult charge(ChargeRequest request) {
        return cards.charge(request);
    }

    /** 128 random bits, URL-safe: unguessable session ids, form tokens and event ids. */
    static String newId(String prefix) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static URI resolve(URI base, String path) {
        String text = base.toString();
        return URI.create(text.endsWith("/") ? text + path : text + "/" + path);
    }
}
