package com.mintreu.engine.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jsoup.nodes.Element;

/** An engine running the real bundled plugins, and the steps of the money path as a user takes them. */
public final class MoneyPathFixture {

    public static final String SANDBOX_SECRET = "test-sandbox-secret-0123456789abcdef";

    /** Outbox passes run by the tests; the sandbox signs with a secret the tests know, to forge and replay webhooks. */
    static final String CONFIG = "outbox: {pollInterval: 1h}\nplugins:\n  payment-sandbox:\n    config:\n      secret: " + SANDBOX_SECRET + "\n";

    private MoneyPathFixture() {}

    static TestEngine boot(String kind, String extraYaml) {
        return TestEngine.boot(kind, CONFIG + extraYaml, true);
    }

    /** A published download product with one plan at {@code priceMinor} EUR; returns the plan id. */
    static String publishedPlan(TestEngine e, long priceMinor) {
        return publishedPlan(e, priceMinor, "download");
    }

    /** As {@link #publishedPlan(TestEngine, long)} for a product of {@code type} ({@code software} adds a license key). */
    static String publishedPlan(TestEngine e, long priceMinor, String type) {
        return publishedPlan(e, TestUsers.signIn(e, "seller").client(), priceMinor, type);
    }

    /** As {@link #publishedPlan(TestEngine, long, String)}, sold by {@code seller}. */
    public static String publishedPlan(TestEngine e, TestClient seller, long priceMinor, String type) {
        TestClient admin = TestUsers.signIn(e, "admin").client();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Pixel Pack " + System.nanoTime());
        body.put("description", "Hand-made *pixel* icons.");
        body.put("type", type);
        body.put("attributes", Map.of());
        body.put("categories", List.of());
        body.put("tags", List.of("icons"));
        Response created = seller.postJson("/api/v1/seller/products", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        Response plan = seller.postJson("/api/v1/seller/products/" + id + "/plans",
                Map.of("name", "Standard", "priceMinor", priceMinor, "currency", "EUR", "grants", "all icons"));
        assertThat(plan.status()).as(plan.body()).isEqualTo(201);
        assertThat(seller.postBytes("/api/v1/seller/products/" + id + "/releases?version=1.0.0&fileName=icons.zip",
                "application/octet-stream", "PK-icons".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(201);
        Response submitted = seller.post("/api/v1/seller/products/" + id + "/submit", null, "");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        assertThat(admin.post("/api/v1/admin/products/" + id + "/approve", null, "").status()).isEqualTo(200);
        return plan.json().get("id").asText();
    }

    /** Puts the plan in the customer's cart and checks out; returns the API's answer. */
    public static Response checkout(TestClient customer, String planId, String idempotencyKey, Map<String, Object> body) {
        assertThat(customer.postJson("/api/v1/cart/items", Map.of("planId", planId, "quantity", 1)).status()).isEqualTo(200);
        return idempotencyKey == null ? customer.postJson("/api/v1/checkout", body)
                : customer.postJson("/api/v1/checkout", body, Map.of("Idempotency-Key", idempotencyKey));
    }

    /** Opens the sandbox's hosted page and presses a button ({@code pay}, {@code decline}, {@code later}). */
    public static Response pressOnSandbox(TestClient customer, String paymentUrl, String action) {
        Response page = customer.get(paymentUrl);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        Element form = page.html().selectFirst("form[method=post]");
        assertThat(form).as(page.body()).isNotNull();
        Map<String, String> fields = new LinkedHashMap<>();
        form.select("input[type=hidden]").forEach(i -> fields.put(i.attr("name"), i.attr("value")));
        fields.put("action", action);
        return customer.postForm(URI.create(paymentUrl).resolve(form.attr("action")).toString(), fields);
    }

    /** A sandbox webhook body and its signature header, signed like the sandbox does. */
    static Map<String, String> signedEvent(String eventId, String type, String reference, String orderId, long amount, Instant at) {
        String body = "{\"id\":\"" + eventId + "\",\"type\":\"" + type + "\",\"created\":" + at.getEpochSecond()
                + ",\"data\":{\"reference\":\"" + reference + "\",\"orderId\":\"" + orderId + "\",\"amount\":" + amount + ",\"currency\":\"EUR\"}}";
        return Map.of("body", body, "signature", sign(SANDBOX_SECRET, at, body));
    }

    static String sign(String secret, Instant at, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] sig = mac.doFinal((at.getEpochSecond() + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + at.getEpochSecond() + ",v1=" + HexFormat.of().formatHex(sig);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static int outboxRows(TestEngine e, String topic, String orderId) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM outbox WHERE topic = :t AND payload LIKE :p")
                .bind("t", topic).bind("p", "%" + orderId + "%").mapTo(Integer.class).one());
    }

    static String status(TestClient customer, String orderId) {
        return customer.get("/api/v1/orders/" + orderId).json().get("status").asText();
    }
}
