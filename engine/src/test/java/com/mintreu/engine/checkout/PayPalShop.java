package com.mintreu.engine.checkout;

import static com.mintreu.engine.checkout.MoneyPathFixture.checkout;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.plugin.BundledTestPlugins;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.plugins.paymentpaypal.FakePayPal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An engine running payment-paypal against the plugin's {@link FakePayPal} (from its test-jar),
 * and the steps a PayPal buyer and PayPal itself take. The fake's port must be in the config
 * before the engine boots, so each test class boots its own shop per database.
 */
record PayPalShop(TestEngine engine, FakePayPal paypal) implements AutoCloseable {

    static final String CLIENT_ID = "AbEngine-client-id_0123456789";
    static final String CLIENT_SECRET = "EK-engine-paypal-client-secret-0123456789";
    static final String WEBHOOK_ID = "8PT597110X687430LKGECATA";

    /** An order placed with PayPal: the buyer, the engine's order id and PayPal's order id. */
    record Placed(TestClient customer, String orderId, String paypalOrderId, String paymentUrl) {}

    /** The YAML that enables payment-paypal against {@code paypal} (to merge over the test defaults). */
    static String yaml(FakePayPal paypal) {
        return "  payment-paypal:\n"
                + "    enabled: true\n"
                + "    config: {clientId: " + CLIENT_ID + ", clientSecret: " + CLIENT_SECRET + ", webhookId: " + WEBHOOK_ID
                + ", apiBase: '" + paypal.base() + "', timeout: 2s}\n";
    }

    /** A shop with the bundled plugins and PayPal; {@code morePlugins} may add further zips (Stripe). */
    static PayPalShop boot(String kind, String extraPluginsYaml, Consumer<java.nio.file.Path> morePlugins) {
        FakePayPal paypal;
        try {
            paypal = new FakePayPal(CLIENT_ID, CLIENT_SECRET, WEBHOOK_ID);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String yaml = "outbox: {pollInterval: 1h}\n"
                + "plugins:\n"
                + "  payment-sandbox: {config: {secret: " + MoneyPathFixture.SANDBOX_SECRET + "}}\n"
                + yaml(paypal) + extraPluginsYaml;
        return new PayPalShop(TestEngine.boot(kind, yaml, true, dir -> {
            BundledTestPlugins.writePayPalTo(dir);
            morePlugins.accept(dir);
        }), paypal);
    }

    static PayPalShop boot(String kind) {
        return boot(kind, "", dir -> {});
    }

    /** Cart → {@code POST /api/v1/checkout} choosing PayPal; the answer sends the buyer to PayPal's approval page. */
    Placed place(TestClient customer, String planId) {
        Response placed = checkout(customer, planId, null, Map.of("gateway", "payment-paypal"));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        String paymentUrl = placed.json().get("paymentUrl").asText();
        String token = URI.create(paymentUrl).getQuery().replaceAll(".*token=([A-Z0-9]+).*", "$1");
        return new Placed(customer, placed.json().get("orderId").asText(), token, paymentUrl);
    }

    /**
     * Where PayPal sends the buyer after approving: the {@code return_url} the plugin gave PayPal
     * for this order, with PayPal's {@code token} (its order id) and {@code PayerID} appended.
     */
    String returnUrl(String paypalOrderId) {
        String orderIdInRequest = paypal.order(paypalOrderId).path("purchase_units").path(0).path("custom_id").asText();
        for (FakePayPal.Recorded create : paypal.requests("POST", "/v2/checkout/orders").reversed()) {
            JsonNode body = create.json();
            if (!"/v2/checkout/orders".equals(create.path())
                    || !orderIdInRequest.equals(body.path("purchase_units").path(0).path("custom_id").asText())) {
                continue;
            }
            String url = body.path("payment_source").path("paypal").path("experience_context").path("return_url").asText();
            return url + (url.contains("?") ? "&" : "?") + "token=" + paypalOrderId + "&PayerID=QYR5Z8XDVJNXQ";
        }
        throw new AssertionError("no create-order request for PayPal order " + paypalOrderId);
    }

    /** The buyer's browser comes back from PayPal (any browser: the route needs no session). */
    Response comeBack(TestClient browser, String paypalOrderId) {
        return browser.get(returnUrl(paypalOrderId));
    }

    /** A PayPal event of {@code type} around {@code resource}, as PayPal posts it: one new transmission, signed by the fake. */
    FakePayPal.Delivery delivery(String type, String resourceType, JsonNode resource) {
        return transmission(FakePayPal.event(type, resourceType, resource));
    }

    /** A new transmission of exactly this event (PayPal's redelivery: same event, new transmission id and time). */
    FakePayPal.Delivery transmission(String event) {
        return paypal.deliver(event, Instant.ofEpochMilli(engine.clock().millis()));
    }

    /** Posts a delivery to the engine's webhook inbox, byte for byte. */
    Response post(FakePayPal.Delivery delivery) {
        Map<String, String> headers = new LinkedHashMap<>();
        delivery.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                headers.put(name, values.get(0));
            }
        });
        return engine.client().send("POST", "/api/v1/webhooks/payment-paypal", "application/json", delivery.body(), headers);
    }

    /** Delivers and returns the one result of the one event (APPLIED, DUPLICATE, IGNORED...). */
    String deliver(FakePayPal.Delivery delivery) {
        return result(post(delivery));
    }

    static String result(Response answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("results")).as(answer.body()).hasSize(1);
        return answer.json().get("results").get(0).asText();
    }

    /** {@code PAYMENT.CAPTURE.COMPLETED} (or another capture event) around the order's capture as the fake holds it now. */
    FakePayPal.Delivery captureEvent(String type, String paypalOrderId) {
        return delivery(type, "capture", paypal.captureById(paypal.captureOf(paypalOrderId)).deepCopy());
    }

    void deliverOutbox() {
        for (int pass = 0; pass < 3; pass++) {
            engine.engine().component().outboxDispatcher().deliverDue();
        }
    }

    @Override
    public void close() {
        try {
            engine.close();
        } finally {
            paypal.close();
        }
    }
}
