package com.mintreu.plugins.paymentstripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mintreu.api.payment.CheckoutRequest;
import com.mintreu.api.payment.CheckoutSession;
import com.mintreu.api.payment.PaymentGateway;
import com.mintreu.api.payment.WebhookRequest;
import com.mintreu.testkit.TestPluginContext;
import com.mintreu.testkit.gateway.GatewayDriver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Stripe under {@link com.mintreu.testkit.gateway.GatewayConformance}: the gateway started against
 * {@link FakeStripe} with a 2 s engine call timeout, paid events built from Stripe's event fixture
 * around the session as the fake holds it after the buyer paid, signed with Stripe's documented
 * {@code t=...,v1=HMAC} scheme ({@link StripeTestbed#sign}, not stripe-java).
 */
final class StripeDriver implements GatewayDriver {

    private final FakeStripe stripe;
    private final TestPluginContext ctx;
    private final StripeGateway gateway = new StripeGateway();

    StripeDriver(Path dir) {
        Clock clock = Clock.systemUTC();
        stripe = new FakeStripe(StripeTestbed.SECRET_KEY, clock);
        StripeConfig config = new StripeConfig(StripeTestbed.SECRET_KEY, StripeTestbed.WEBHOOK_SECRET, stripe.base(), StripeConfig.DEFAULT_TIMEOUT);
        ctx = new TestPluginContext(StripeGateway.ID, dir, config, clock, "master").callTimeout(Duration.ofSeconds(2));
        gateway.start(ctx);
    }

    @Override
    public PaymentGateway gateway() {
        return gateway;
    }

    @Override
    public TestPluginContext context() {
        return ctx;
    }

    /** The buyer pays at the fake; Stripe then sends {@code checkout.session.completed} with {@code payment_status=paid}. */
    @Override
    public byte[] paidEvent(CheckoutRequest request, CheckoutSession session) {
        ObjectNode paid = stripe.complete(session.providerReference(), true);
        return event("checkout.session.completed", paid.deepCopy());
    }

    @Override
    public byte[] ignoredEvent() {
        ObjectNode customer = FakeStripe.JSON.createObjectNode().put("id", "cus_conformance").put("object", "customer")
                .put("email", "buyer@example.com");
        return event("customer.updated", customer);
    }

    private byte[] event(String type, ObjectNode object) {
        ObjectNode event = FakeStripe.fixture("event");
        event.put("id", "evt_" + UUID.randomUUID().toString().replace("-", "")).put("type", type)
                .put("created", ctx.clock().instant().getEpochSecond());
        event.putObject("data").set("object", object);
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public WebhookRequest sign(byte[] body, Instant signedAt) {
        return signed(StripeTestbed.WEBHOOK_SECRET, body, signedAt);
    }

    @Override
    public WebhookRequest forge(byte[] body, Instant signedAt) {
        return signed("whsec_AForgersGuessAtTheSecret000000000000", body, signedAt);
    }

    private static WebhookRequest signed(String secret, byte[] body, Instant at) {
        return StripeTestbed.webhook(StripeTestbed.sign(secret, at.getEpochSecond(), body), body);
    }

    @Override
    public void pay(CheckoutSession session) {
        stripe.complete(session.providerReference(), true);
    }

    @Override
    public boolean hang() {
        stripe.mode(FakeStripe.Mode.HANG);
        return true;
    }

    @Override
    public Set<String> secrets() {
        return Set.of(StripeTestbed.SECRET_KEY, StripeTestbed.WEBHOOK_SECRET);
    }

    @Override
    public void close() {
        gateway.stop();
        stripe.close();
    }
}
