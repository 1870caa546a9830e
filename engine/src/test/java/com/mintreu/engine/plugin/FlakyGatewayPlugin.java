package com.mintreu.engine.plugin;

import java.nio.file.Path;

/**
 * A real plugin zip with a payment gateway {@code payment-flaky} whose {@code createCheckout}
 * fails the way real providers do, chosen by the order total: 1111 minor units never answers
 * (the dispatcher times out), 2222 throws {@code UNAVAILABLE}, 3333 throws {@code CONFIGURATION}
 * (a refused API key); any other total opens a session.
 */
public final class FlakyGatewayPlugin {

    public static final long HANGS = 1111;
    public static final long UNREACHABLE = 2222;
    public static final long BAD_KEY = 3333;

    private static final String SOURCE = """
            package test.flaky;

            import com.mintreu.api.PluginContext;
            import com.mintreu.api.payment.*;
            import java.net.URI;
            import java.util.List;

            @org.pf4j.Extension
            public class FlakyGateway implements PaymentGateway {
                private URI base;

                public String id() { return "payment-flaky"; }

                public String displayName() { return "Flaky test gateway"; }

                public void start(PluginContext ctx) { base = ctx.baseUrl(); }

                public Capabilities capabilities() { return new Capabilities(false, false, false, true); }

                public CheckoutSession createCheckout(CheckoutRequest request) {
                    long total = request.amount().minor();
                    if (total == 1111) {
                        try { Thread.sleep(3_000); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
                    }
                    if (total == 2222) {
                        throw new PaymentGatewayException(PaymentGatewayException.Reason.UNAVAILABLE, "connect timed out");
                    }
                    if (total == 3333) {
                        throw new PaymentGatewayException(PaymentGatewayException.Reason.CONFIGURATION, "401: invalid API key");
                    }
                    String ref = "fl_" + request.idempotencyKey();
                    return CheckoutSession.hosted(ref, base.resolve("/flaky/" + ref));
                }

                public List<PaymentEvent> parseWebhook(WebhookRequest raw) throws WebhookRejectedException {
                    throw new WebhookRejectedException(WebhookRejectedException.Reason.BAD_SIGNATURE, "flaky takes no webhooks");
                }

                public PaymentStatus fetch(FetchRequest request) {
                    throw new PaymentGatewayException(PaymentGatewayException.Reason.UNAVAILABLE, "flaky");
                }

                public RefundResult refund(RefundRequest request) {
                    throw new PaymentGatewayException(PaymentGatewayException.Reason.UNAVAILABLE, "flaky");
                }
            }
            """;

    private FlakyGatewayPlugin() {}

    /** Writes the plugin zip into {@code pluginsDir}. */
    public static Path writeTo(Path pluginsDir) {
        return TestPluginZip.plugin("payment-flaky").requires(">=0.1.0").source("test.flaky.FlakyGateway", SOURCE).writeTo(pluginsDir);
    }
}
