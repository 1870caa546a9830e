package com.mintreu.plugins.paymentpaypal;

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

/**
 * PayPal under {@link com.mintreu.testkit.gateway.GatewayConformance}: the gateway started against
 * {@link FakePayPal} with a 2 s engine call timeout and the default 4 s configured HTTP timeout (so
 * the cap derived from the call timeout is what is tested). A paid event is the fake's
 * {@code PAYMENT.CAPTURE.COMPLETED} around the capture it holds after the buyer approved; "signing"
 * is the fake remembering the transmission, which its verify-webhook-signature then confirms.
 */
final class PayPalDriver implements GatewayDriver {

    private final FakePayPal paypal;
    private final TestPluginContext ctx;
    private final PayPalGateway gateway = new PayPalGateway();

    PayPalDriver(Path dir) throws Exception {
        paypal = new FakePayPal(Fixture.CLIENT_ID, Fixture.SECRET, Fixture.WEBHOOK_ID);
        PayPalConfig config = new PayPalConfig(Fixture.CLIENT_ID, Fixture.SECRET, Fixture.WEBHOOK_ID, paypal.base(), Duration.ofSeconds(4));
        ctx = new TestPluginContext(PayPalGateway.ID, dir, config, Clock.systemUTC(), "master").callTimeout(Duration.ofSeconds(2));
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

    @Override
    public byte[] paidEvent(CheckoutRequest request, CheckoutSession session) {
        return utf8(FakePayPal.event("PAYMENT.CAPTURE.COMPLETED", "capture", paypal.approveAndCapture(session.providerReference())));
    }

    @Override
    public byte[] ignoredEvent() {
        return utf8(FakePayPal.event("CHECKOUT.ORDER.APPROVED", "checkout-order",
                FakePayPal.JSON.createObjectNode().put("id", "5O190127TN364715T").put("status", "APPROVED")));
    }

    @Override
    public WebhookRequest sign(byte[] body, Instant signedAt) {
        return Fixture.webhook(paypal.deliver(body, signedAt));
    }

    @Override
    public WebhookRequest forge(byte[] body, Instant signedAt) {
        return Fixture.webhook(paypal.forge(body, signedAt));
    }

    @Override
    public void pay(CheckoutSession session) {
        paypal.approveAndCapture(session.providerReference());
    }

    @Override
    public boolean hang() {
        paypal.hang("/");
        return true;
    }

    @Override
    public Set<String> secrets() {
        return Set.of(Fixture.SECRET);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        gateway.stop();
        paypal.close();
    }
}
