package com.mintreu.engine.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import com.mintreu.engine.web.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;

/**
 * The golden path with a recurring plan, paid on the sandbox's hosted page: the seller's endpoint
 * hears order.paid, subscription.started, license.created, and the customer's cancel-at-period-end
 * and pause, each signed, on both databases.
 */
@WithConfig(bundledPlugins = true, value = "outbox: {pollInterval: 1h}\nwebhooks: {allowPrivateTargets: true}\n"
        + "plugins:\n  payment-sandbox:\n    config:\n      secret: test-sandbox-secret-0123456789abcdef\n")
class SubscriptionWebhooksTest {

    @EngineTest
    void aSubscriptionsLifeReachesItsSeller(TestEngine e) throws Exception {
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        String plan = recurringPlan(seller.client(), TestUsers.signIn(e, "admin").client());
        try (Receiver r = new Receiver()) {
            String secret = Hooks.register(seller.client(), r.url(), WebhookEventType.ids().toArray(String[]::new)).get("secret").asText();
            TestClient customer = TestUsers.signIn(e, "customer").client();
            assertThat(customer.postJson("/api/v1/cart/items", Map.of("planId", plan, "quantity", 1)).status()).isEqualTo(200);
            Response placed = customer.postJson("/api/v1/checkout", Map.of("gateway", "payment-sandbox"));
            assertThat(placed.status()).as(placed.body()).isEqualTo(201);
            pay(customer, placed.json().get("paymentUrl").asText());
            for (int i = 0; i < 4; i++) {
                Hooks.pump(e);
            }
            assertThat(types(r)).contains("order.paid", "subscription.started", "license.created");

            String sub = customer.get("/api/v1/subscriptions").json().at("/data/0/id").asText();
            assertThat(customer.postJson("/api/v1/subscriptions/" + sub + "/cancel-at-period-end", Map.of()).status()).isEqualTo(200);
            assertThat(customer.postJson("/api/v1/subscriptions/" + sub + "/undo-cancel", Map.of()).status()).isEqualTo(200);
            assertThat(customer.postJson("/api/v1/subscriptions/" + sub + "/pause", Map.of()).status()).isEqualTo(200);
            for (int i = 0; i < 2; i++) {
                Hooks.pump(e);
            }
            assertThat(types(r)).contains("subscription.cancel-scheduled", "subscription.status-changed");
            long now = e.clock().millis() / 1000;
            for (Receiver.Hit hit : r.hits()) {
                assertThat(StandardWebhooksVerifier.verify(secret, hit.id(), hit.timestamp(), hit.signature(), hit.body(), now)).as(hit.body()).isTrue();
            }
            JsonNode paused = r.hits().stream().map(h -> read(h.body())).filter(j -> j.get("type").asText().equals("subscription.status-changed"))
                    .findFirst().orElseThrow();
            assertThat(paused.at("/data/subscriptionId").asText()).isEqualTo(sub);
            assertThat(paused.at("/data/to").asText()).isEqualTo("paused");
            assertThat(paused.at("/data/planId").asText()).isEqualTo(plan);
            List<JsonNode> scheduled = r.hits().stream().map(h -> read(h.body()))
                    .filter(j -> j.get("type").asText().equals("subscription.cancel-scheduled")).toList();
            assertThat(scheduled).hasSize(2);
            assertThat(scheduled).anyMatch(j -> j.at("/data/cancelAt").isNull()).anyMatch(j -> j.at("/data/cancelAt").isTextual());
            JsonNode license = r.hits().stream().map(h -> read(h.body())).filter(j -> j.get("type").asText().equals("license.created"))
                    .findFirst().orElseThrow();
            assertThat(license.at("/data/entitlementId").asText()).startsWith("ent_");
        }
    }

    private static List<String> types(Receiver r) {
        return r.hits().stream().map(h -> read(h.body()).get("type").asText()).toList();
    }

    private static JsonNode read(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    /** A published software product with a monthly plan; returns the plan id. */
    private static String recurringPlan(TestClient seller, TestClient admin) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Hooked Tool " + System.nanoTime());
        body.put("description", "A tool sold by subscription.");
        body.put("type", "software");
        body.put("attributes", Map.of());
        body.put("categories", List.of());
        body.put("tags", List.of());
        Response created = seller.postJson("/api/v1/seller/products", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        Response p = seller.postJson("/api/v1/seller/products/" + id + "/plans", Map.of("name", "Monthly", "priceMinor", 900, "currency", "EUR",
                "grants", "updates", "interval", "month", "trialDays", 0));
        assertThat(p.status()).as(p.body()).isEqualTo(201);
        assertThat(seller.postBytes("/api/v1/seller/products/" + id + "/releases?version=1.0.0&fileName=tool.zip", "application/octet-stream",
                "PK-tool".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(201);
        assertThat(seller.post("/api/v1/seller/products/" + id + "/submit", null, "").status()).isEqualTo(200);
        assertThat(admin.post("/api/v1/admin/products/" + id + "/approve", null, "").status()).isEqualTo(200);
        return p.json().get("id").asText();
    }

    /** Pays on the sandbox's hosted page with a card saved for renewals. */
    private static void pay(TestClient customer, String paymentUrl) {
        Response page = customer.get(paymentUrl);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        Element form = page.html().selectFirst("form[method=post]");
        Map<String, String> fields = new LinkedHashMap<>();
        form.select("input[type=hidden]").forEach(i -> fields.put(i.attr("name"), i.attr("value")));
        fields.put("action", "pay");
        fields.put("card", "4242 4242 4242 4242");
        fields.put("save", "on");
        Response paid = customer.postForm(URI.create(paymentUrl).resolve(form.attr("action")).toString(), fields);
        assertThat(paid.status()).as(paid.body()).isIn(303, 200);
    }
}
