package com.mintreu.engine.plugin;

import java.nio.file.Path;

/**
 * A payment gateway whose hosted page lives on another origin, as Stripe's or PayPal's does: the
 * plugin runs a JDK HttpServer on 127.0.0.1 on its own port (so another origin than the engine),
 * declares that origin, and on "Pay" posts a webhook to the engine, then sends the buyer back.
 */
public final class PaymentTestPlugins {

    public static final String OFFSITE_ID = "payment-offsite";
    public static final String OFFSITE_NAME = "Offsite Pay";

    static final String OFFSITE = """
            package test.offsite;
            import com.mintreu.api.PluginContext;
            import com.mintreu.api.payment.*;
            import com.sun.net.httpserver.HttpExchange;
            import com.sun.net.httpserver.HttpServer;
            import java.net.InetSocketAddress;
            import java.net.URI;
            import java.net.http.HttpClient;
            import java.net.http.HttpRequest;
            import java.net.http.HttpResponse;
            import java.nio.charset.StandardCharsets;
            import java.security.MessageDigest;
            import java.time.Instant;
            import java.util.List;
            import java.util.Map;
            import java.util.Set;
            import java.util.UUID;
            import java.util.concurrent.ConcurrentHashMap;

            @org.pf4j.Extension
            public class OffsiteGateway implements PaymentGateway {
                private final Map<String, CheckoutRequest> sessions = new ConcurrentHashMap<>();
                private final Set<String> paid = ConcurrentHashMap.newKeySet();
                private final String token = UUID.randomUUID().toString();
                private HttpServer server;
                private URI webhook;

                public String id() { return "payment-offsite"; }
                public String displayName() { return "Offsite Pay"; }
                public Capabilities capabilities() { return new Capabilities(false, false, false, true); }

                public void start(PluginContext ctx) throws Exception {
                    webhook = URI.create(ctx.baseUrl() + "/api/v1/webhooks/payment-offsite");
                    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                    server.createContext("/pay/", this::page);
                    server.start();
                }

                public void stop() { server.stop(0); }

                private String origin() { return "http://127.0.0.1:" + server.getAddress().getPort(); }

                public Set<URI> hostedCheckoutOrigins() { return Set.of(URI.create(origin())); }

                public CheckoutSession createCheckout(CheckoutRequest request) {
                    String ref = "off_" + request.idempotencyKey();
                    sessions.putIfAbsent(ref, request);
                    return CheckoutSession.hosted(ref, URI.create(origin() + "/pay/" + ref));
                }

                private void page(HttpExchange x) throws java.io.IOException {
                    String ref = x.getRequestURI().getPath().substring("/pay/".length());
                    CheckoutRequest request = sessions.get(ref);
                    if (request == null) {
                        x.sendResponseHeaders(404, -1);
                        return;
                    }
                    if (x.getRequestMethod().equals("POST")) {
                        x.getRequestBody().readAllBytes();
                        paid.add(ref);
                        try {
                            HttpClient.newHttpClient().send(HttpRequest.newBuilder(webhook).header("X-Offsite-Token", token)
                                    .POST(HttpRequest.BodyPublishers.ofString(ref)).build(), HttpResponse.BodyHandlers.discarding());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        x.getResponseHeaders().add("Location", request.returnUrl().toString());
                        x.sendResponseHeaders(303, -1);
                        return;
                    }
                    byte[] html = ("<!doctype html><title>Offsite Pay</title><h1>Offsite Pay</h1><p id=amount>" + request.amount()
                            + " for " + request.orderId() + "</p><form method=post><button id=pay>Pay</button></form>").getBytes(StandardCharsets.UTF_8);
                    x.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                    x.sendResponseHeaders(200, html.length);
                    x.getResponseBody().write(html);
                    x.close();
                }

                public List<PaymentEvent> parseWebhook(WebhookRequest raw) throws WebhookRejectedException {
                    byte[] sent = raw.header("X-Offsite-Token").orElse("").getBytes(StandardCharsets.UTF_8);
                    if (!MessageDigest.isEqual(sent, token.getBytes(StandardCharsets.UTF_8))) {
                        throw new WebhookRejectedException(WebhookRejectedException.Reason.BAD_SIGNATURE, "wrong token");
                    }
                    String ref = new String(raw.body(), StandardCharsets.UTF_8);
                    CheckoutRequest request = sessions.get(ref);
                    return List.of(new PaymentEvent("evt_" + ref, ref, request.orderId(), Outcome.SUCCEEDED, request.amount(), Instant.now(), "paid"));
                }

                public PaymentStatus fetch(FetchRequest request) {
                    CheckoutRequest checkout = sessions.get(request.providerReference());
                    if (checkout == null) {
                        throw new PaymentGatewayException(PaymentGatewayException.Reason.NOT_FOUND, "no session " + request.providerReference());
                    }
                    return new PaymentStatus(request.providerReference(), paid.contains(request.providerReference()) ? Outcome.SUCCEEDED : Outcome.PENDING,
                            checkout.amount(), new com.mintreu.api.money.Money(0, checkout.amount().currency()), Instant.now());
                }

                public RefundResult refund(RefundRequest request) {
                    throw new PaymentGatewayException(PaymentGatewayException.Reason.REJECTED, "no refunds");
                }
            }
            """;

    private PaymentTestPlugins() {}

    /** Writes the offsite gateway's zip into {@code pluginsDir} and returns it. */
    public static Path writeOffsite(Path pluginsDir) {
        TestPluginZip.plugin(OFFSITE_ID).source("test.offsite.OffsiteGateway", OFFSITE).writeTo(pluginsDir);
        return pluginsDir;
    }
}
