package com.example.acmepay;

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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Acme Pay under the conformance suite: the gateway started against {@link AcmeFake}, events signed from Acme's docs. */
final class AcmeDriver implements GatewayDriver {

    static final String API_KEY = "sk_test_acme_0123456789abcdef";
    static final String WEBHOOK_SECRET = "whsec_acme_fedcba9876543210";

    private final AcmeFake acme = new AcmeFake(API_KEY);
    private final TestPluginContext ctx;
    private final AcmeGateway gateway = new AcmeGateway();

    AcmeDriver(Path dir) throws Exception {
        ctx = new TestPluginContext("acme-pay", dir, new AcmeConfig(acme.base(), API_KEY, WEBHOOK_SECRET), Clock.systemUTC(), "master")
                .callTimeout(Duration.ofSeconds(2));
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
        return event("checkout.paid", "{\"id\":\"" + session.providerReference() + "\",\"status\":\"paid\",\"amount\":"
                + request.amount().minor() + ",\"currency\":\"" + request.amount().currency() + "\",\"reference\":\"" + request.orderId() + "\"}");
    }

    @Override
    public byte[] ignoredEvent() {
        return event("customer.updated", "{\"id\":\"cus_1\",\"email\":\"buyer@example.com\"}");
    }

    private byte[] event(String type, String object) {
        return ("{\"id\":\"evt_" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"created\":" + ctx.clock().instant().getEpochSecond()
                + ",\"data\":{\"object\":" + object + "}}").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public WebhookRequest sign(byte[] body, Instant signedAt) {
        return signed(WEBHOOK_SECRET, body, signedAt);
    }

    @Override
    public WebhookRequest forge(byte[] body, Instant signedAt) {
        return signed("whsec_guessed_by_a_forger", body, signedAt);
    }

    /** {@code Acme-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}, written from Acme's docs. */
    private static WebhookRequest signed(String secret, byte[] body, Instant at) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((at.getEpochSecond() + ".").getBytes(StandardCharsets.US_ASCII));
            String header = "t=" + at.getEpochSecond() + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
            return new WebhookRequest(Map.of("Content-Type", List.of("application/json"), "Acme-Signature", List.of(header)), body);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void pay(CheckoutSession session) {
        acme.pay(session.providerReference());
    }

    @Override
    public boolean hang() {
        acme.hang();
        return true;
    }

    @Override
    public Set<String> secrets() {
        return Set.of(API_KEY, WEBHOOK_SECRET);
    }

    @Override
    public void close() {
        gateway.stop();
        acme.close();
    }
}
