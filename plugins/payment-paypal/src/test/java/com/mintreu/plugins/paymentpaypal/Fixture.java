package com.mintreu.plugins.paymentpaypal;

import com.mintreu.api.money.Money;
import com.mintreu.api.payment.CheckoutLine;
import com.mintreu.api.payment.CheckoutRequest;
import com.mintreu.api.payment.WebhookRequest;
import com.mintreu.api.web.WebRequest;
import com.mintreu.api.web.WebResponse;
import com.mintreu.testkit.TestPluginContext;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** A started gateway pointed at a fresh {@link FakePayPal}, and the calls tests repeat. */
final class Fixture implements AutoCloseable {

    static final String CLIENT_ID = "AbCdEf-client-id_0123456789";
    static final String SECRET = "EK-very-secret-client-secret-0123456789";
    static final String WEBHOOK_ID = "1JE4291016473214C";
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    final FakePayPal paypal;
    final TestPluginContext ctx;
    final PayPalGateway gateway = new PayPalGateway();

    Fixture(Path dir) throws Exception {
        this(dir, Duration.ofSeconds(4));
    }

    Fixture(Path dir, Duration timeout) throws Exception {
        paypal = new FakePayPal(CLIENT_ID, SECRET, WEBHOOK_ID);
        PayPalConfig config = new PayPalConfig(CLIENT_ID, SECRET, WEBHOOK_ID, paypal.base(), timeout);
        ctx = new TestPluginContext(PayPalGateway.ID, dir, config, Clock.fixed(NOW, ZoneOffset.UTC), "master-secret-for-tests")
                .baseUrl(URI.create("https://shop.test"));
        gateway.start(ctx);
    }

    static CheckoutRequest checkout(String orderId, long totalMinor, List<CheckoutLine> lines) {
        return new CheckoutRequest(orderId, Money.of(totalMinor, "EUR"), lines, "buyer@example.com",
                URI.create("https://shop.test/account/orders/" + orderId + "?notice=returned"),
                URI.create("https://shop.test/account/orders/" + orderId + "?notice=canceled"), orderId);
    }

    static CheckoutRequest checkout(String orderId) {
        return checkout(orderId, 2998, List.of(new CheckoutLine("Focus Timer Pro – Lifetime", 2, Money.of(1499, "EUR"))));
    }

    /** Follows PayPal's redirect back to the shop: the return URL with PayPal's token and PayerID appended. */
    WebResponse returnFromPayPal(String approveReturnUrl, String paypalOrderId) throws Exception {
        URI uri = URI.create(approveReturnUrl + "&token=" + paypalOrderId + "&PayerID=QYR5Z8XDVJNXQ");
        return ctx.route("GET", ReturnRoute.PATH).handle(new WebRequest("GET", ReturnRoute.PATH, Map.of(), query(uri), Map.of(), null));
    }

    static Map<String, List<String>> query(URI uri) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.computeIfAbsent(java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
                    k -> new java.util.ArrayList<>()).add(java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The return_url the plugin gave PayPal in its last create-order call. */
    String lastReturnUrl() {
        List<FakePayPal.Recorded> creates = paypal.requests("POST", "/v2/checkout/orders");
        return creates.get(creates.size() - 1).json().path("payment_source").path("paypal").path("experience_context")
                .path("return_url").asText();
    }

    static WebhookRequest webhook(FakePayPal.Delivery d) {
        return new WebhookRequest(d.headers(), d.body());
    }

    @Override
    public void close() {
        gateway.stop();
        paypal.close();
    }
}
