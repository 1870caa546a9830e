package com.mintreu.plugins.payoutstripeconnect;

import com.mintreu.api.payment.WebhookRequest;
import com.mintreu.testkit.TestPluginContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** A started plugin wired to a {@link FakeStripeConnect}, with a fixed clock. */
final class ConnectTestbed implements AutoCloseable {

    static final String SECRET_KEY = "sk_test_51MintreuConnectFake000000000000000000000000";
    static final String WEBHOOK_SECRET = "whsec_MintreuConnectPlatform000000000";
    static final String CONNECT_WEBHOOK_SECRET = "whsec_MintreuConnectAccounts000000000";
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    final FakeStripeConnect stripe = new FakeStripeConnect(SECRET_KEY);
    final StripeConnectPayouts payouts = new StripeConnectPayouts();
    final ConnectConfig config;

    ConnectTestbed(Path dir) {
        this(dir, SECRET_KEY);
    }

    /** {@code secretKey} other than the fake's: every call is refused with 401. */
    ConnectTestbed(Path dir, String secretKey) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        config = new ConnectConfig(secretKey, WEBHOOK_SECRET, CONNECT_WEBHOOK_SECRET, stripe.base(), ConnectConfig.DEFAULT_TIMEOUT);
        payouts.start(new TestPluginContext(StripeConnectPayouts.ID, dir, config, Clock.fixed(NOW, ZoneOffset.UTC), "master-secret")
                .baseUrl(URI.create("https://shop.example")));
    }

    static WebhookRequest webhook(String signature, String body) {
        Map<String, List<String>> headers = signature == null ? Map.of("Content-Type", List.of("application/json"))
                : Map.of("Content-Type", List.of("application/json"), "Stripe-Signature", List.of(signature));
        return new WebhookRequest(headers, body.getBytes(StandardCharsets.UTF_8));
    }

    static WebhookRequest signed(String secret, String body) {
        return webhook(FakeStripeConnect.sign(secret, NOW, body), body);
    }

    @Override
    public void close() {
        payouts.stop();
        stripe.close();
    }
}
