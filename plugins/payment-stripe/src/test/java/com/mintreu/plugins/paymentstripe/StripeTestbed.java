package com.mintreu.plugins.paymentstripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mintreu.api.money.Money;
import com.mintreu.api.payment.CheckoutLine;
import com.mintreu.api.payment.CheckoutRequest;
import com.mintreu.api.payment.WebhookRequest;
import com.mintreu.testkit.TestPluginContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A started gateway wired to a {@link FakeStripe}, plus Stripe-style signed webhooks made independently of stripe-java. */
final class StripeTestbed implements AutoCloseable {

    static final String SECRET_KEY = "sk_test_51MintreuFakeKey0000000000000000000000000000";
    static final String WEBHOOK_SECRET = "whsec_MintreuFakeWebhookSecret0000000000";
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    final FakeStripe stripe;
    final StripeGateway gateway = new StripeGateway();
    final TestPluginContext ctx;
    final StripeConfig config;

    StripeTestbed(Path dir) {
        this(dir, StripeConfig.DEFAULT_TIMEOUT);
    }

    StripeTestbed(Path dir, Duration timeout) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        stripe = new FakeStripe(SECRET_KEY, clock);
        config = new StripeConfig(SECRET_KEY, WEBHOOK_SECRET, stripe.base(), timeout);
        ctx = new TestPluginContext(StripeGateway.ID, dir, config, clock, "master-secret-for-tests");
        gateway.start(ctx);
    }

    static CheckoutRequest order(String orderId, String idempotencyKey) {
        return new CheckoutRequest(orderId, new Money(2500, "EUR"),
                List.of(new CheckoutLine("Photo pack – Personal", 2, new Money(1000, "EUR")),
                        new CheckoutLine("Font – Desktop", 1, new Money(500, "EUR"))),
                "buyer@example.com", URI.create("https://shop.example/account/orders/" + orderId + "?notice=returned"),
                URI.create("https://shop.example/account/orders/" + orderId + "?notice=canceled"), idempotencyKey);
    }

    /** {@code t=<t>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}, as Stripe documents it. */
    static String sign(String secret, long t, String body) {
        return sign(secret, t, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The same over raw bytes, which need not be UTF-8. */
    static String sign(String secret, long t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stripe's event fixture around {@code object}, in API version {@code apiVersion}. */
    static String event(String id, String type, ObjectNode object, String apiVersion) {
        ObjectNode event = FakeStripe.fixture("event");
        event.put("id", id).put("type", type).put("created", NOW.getEpochSecond() - 5).put("api_version", apiVersion);
        event.putObject("data").set("object", object);
        return event.toString();
    }

    static WebhookRequest webhook(String signature, String body) {
        return webhook(signature, body.getBytes(StandardCharsets.UTF_8));
    }

    static WebhookRequest webhook(String signature, byte[] body) {
        Map<String, List<String>> headers = signature == null ? Map.of("Content-Type", List.of("application/json"))
                : Map.of("Content-Type", List.of("application/json"), "Stripe-Signature", List.of(signature));
        return new WebhookRequest(headers, body);
    }

    /** A webhook as Stripe would send it now. */
    static WebhookRequest signedNow(String body) {
        return webhook(sign(WEBHOOK_SECRET, NOW.getEpochSecond(), body), body);
    }

    @Override
    public void close() {
        gateway.stop();
        stripe.close();
    }
}
