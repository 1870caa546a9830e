package com.mintreu.plugins.paymentsandbox;

import com.mintreu.api.payment.CheckoutRequest;
import com.mintreu.api.payment.CheckoutSession;
import com.mintreu.api.payment.PaymentGateway;
import com.mintreu.api.payment.WebhookRequest;
import com.mintreu.api.web.WebRequest;
import com.mintreu.api.web.WebResponse;
import com.mintreu.testkit.TestPluginContext;
import com.mintreu.testkit.gateway.GatewayDriver;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox under {@link com.mintreu.testkit.gateway.GatewayConformance}. Its "provider" is the
 * plugin's own checkout page, so paying presses the page's Pay button; the webhook the page sends
 * goes to a local sink that answers 200. Event bodies and signatures are written from the README's
 * documented format, not with the plugin's code. There is no remote provider to hang.
 */
final class SandboxDriver implements GatewayDriver {

    static final String SECRET = "sandbox-conformance-secret-32-characters-or-more";

    private final HttpServer sink;
    private final TestPluginContext ctx;
    private final SandboxGateway gateway = new SandboxGateway();

    SandboxDriver(Path dir) throws Exception {
        sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sink.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        sink.start();
        URI webhook = URI.create("http://127.0.0.1:" + sink.getAddress().getPort() + "/api/v1/webhooks/payment-sandbox");
        ctx = new TestPluginContext("payment-sandbox", dir, new SandboxConfig(SECRET, webhook), Clock.systemUTC(), "master")
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
        return event("payment.succeeded", session.providerReference(), request.orderId(), request.amount().minor(), request.amount().currency());
    }

    @Override
    public byte[] ignoredEvent() {
        return event("payment.disputed", "cs_any", "ord_any", 100, "EUR");
    }

    private byte[] event(String type, String reference, String orderId, long minor, String currency) {
        return ("{\"id\":\"evt_" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"created\":" + ctx.clock().instant().getEpochSecond()
                + ",\"data\":{\"reference\":\"" + reference + "\",\"orderId\":\"" + orderId + "\",\"amount\":" + minor
                + ",\"currency\":\"" + currency + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public WebhookRequest sign(byte[] body, Instant signedAt) {
        return signed(SECRET, body, signedAt);
    }

    @Override
    public WebhookRequest forge(byte[] body, Instant signedAt) {
        return signed("a-forger-s-guess-at-the-secret-32-characters", body, signedAt);
    }

    private static WebhookRequest signed(String secret, byte[] body, Instant at) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((at.getEpochSecond() + ".").getBytes(StandardCharsets.US_ASCII));
            String header = "t=" + at.getEpochSecond() + ",v1=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
            return new WebhookRequest(Map.of("Content-Type", List.of("application/json"), "Mintreu-Sandbox-Signature", List.of(header)), body);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Presses Pay on the hosted page, as the buyer does. */
    @Override
    public void pay(CheckoutSession session) throws Exception {
        String id = session.providerReference();
        String html = new String(call("GET", id, "").body(), StandardCharsets.UTF_8);
        Matcher token = Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(html);
        if (!token.find()) {
            throw new IllegalStateException("no form token on the sandbox page of " + id);
        }
        WebResponse response = call("POST", id, "action=pay&token=" + token.group(1));
        if (response.status() != 303) {
            throw new IllegalStateException("paying " + id + " answered " + response.status());
        }
    }

    private WebResponse call(String method, String id, String form) throws Exception {
        WebRequest request = new WebRequest(method, "checkout/" + id, Map.of("id", id), Map.of(),
                Map.of("content-type", List.of("application/x-www-form-urlencoded")), form.getBytes(StandardCharsets.UTF_8));
        return ctx.route(method, "checkout/{id}").handle(request);
    }

    @Override
    public Set<String> secrets() {
        return Set.of(SECRET);
    }

    @Override
    public void close() {
        gateway.stop();
        sink.stop(0);
    }
}
