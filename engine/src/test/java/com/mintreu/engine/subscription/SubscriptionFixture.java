package com.mintreu.engine.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jsoup.nodes.Element;

/** An engine with the real bundled plugins, and the steps of buying and living with a subscription as users take them. */
final class SubscriptionFixture {

    static final String SANDBOX_SECRET = "test-sandbox-secret-0123456789abcdef";
    static final String CONFIG = "outbox: {pollInterval: 1h}\nsubscriptions: {retrySchedule: [1d, 3d, 5d, 7d]}\n"
            + "plugins:\n  payment-sandbox:\n    config:\n      secret: " + SANDBOX_SECRET + "\n";
    static final String GOOD_CARD = "4242 4242 4242 4242";
    static final String DECLINING_CARD = "4000 0000 0000 0341";

    private SubscriptionFixture() {}

    /** A published software product (a license key per purchase) with one recurring plan; returns the plan id. */
    static String recurringPlan(TestEngine e, Map<String, Object> plan) {
        return recurringPlan(e, TestUsers.signIn(e, "seller").client(), plan);
    }

    /** The same, sold by {@code seller}. */
    static String recurringPlan(TestEngine e, TestClient seller, Map<String, Object> plan) {
        TestClient admin = TestUsers.signIn(e, "admin").client();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Cloud Tool " + System.nanoTime());
        body.put("description", "A tool sold by subscription.");
        body.put("type", "software");
        body.put("attributes", Map.of());
        body.put("categories", java.util.List.of());
        body.put("tags", java.util.List.of("saas"));
        Response created = seller.postJson("/api/v1/seller/products", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        Response p = seller.postJson("/api/v1/seller/products/" + id + "/plans", plan);
        assertThat(p.status()).as(p.body()).isEqualTo(201);
        assertThat(seller.postBytes("/api/v1/seller/products/" + id + "/releases?version=1.0.0&fileName=tool.zip",
                "application/octet-stream", "PK-tool".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(201);
        assertThat(seller.post("/api/v1/seller/products/" + id + "/submit", null, "").status()).isEqualTo(200);
        assertThat(admin.post("/api/v1/admin/products/" + id + "/approve", null, "").status()).isEqualTo(200);
        return p.json().get("id").asText();
    }

    static Map<String, Object> monthly(long priceMinor, int trialDays) {
        return Map.of("name", "Monthly", "priceMinor", priceMinor, "currency", "EUR", "grants", "updates", "interval", "month",
                "trialDays", trialDays);
    }

    /** Checks the plan out; returns the checkout answer (orderId, paymentUrl). */
    static JsonNode checkout(TestClient customer, String planId) {
        assertThat(customer.postJson("/api/v1/cart/items", Map.of("planId", planId, "quantity", 1)).status()).isEqualTo(200);
        Response r = customer.postJson("/api/v1/checkout", Map.of("gateway", "payment-sandbox"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    /** Pays on the sandbox's hosted page, saving {@code card} for renewals when not null. */
    static void payOnSandbox(TestClient customer, String paymentUrl, String card) {
        Response page = customer.get(paymentUrl);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        Element form = page.html().selectFirst("form[method=post]");
        Map<String, String> fields = new LinkedHashMap<>();
        form.select("input[type=hidden]").forEach(i -> fields.put(i.attr("name"), i.attr("value")));
        fields.put("action", "pay");
        if (card != null) {
            fields.put("card", card);
            fields.put("save", "on");
        }
        Response paid = customer.postForm(URI.create(paymentUrl).resolve(form.attr("action")).toString(), fields);
        assertThat(paid.status()).as(paid.body()).isIn(303, 200);
    }

    /** A fresh session for an existing user: a month on the test clock outlives the one TestUsers made. */
    static TestClient again(TestEngine e, String userId) {
        String cookie = com.mintreu.engine.security.Tokens.random(32);
        String csrf = com.mintreu.engine.security.Tokens.random(32);
        long now = e.clock().millis();
        e.jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)
                        VALUES (:hash, :id, :csrf, :now, :now, :expires)""")
                .bind("hash", com.mintreu.engine.security.Tokens.sha256(cookie)).bind("id", userId).bind("csrf", csrf)
                .bind("now", now).bind("expires", now + 3_600_000).execute());
        return e.client().withSession(cookie).csrfHeader(csrf);
    }

    /** Delivers outbox events until nothing is left (chains: order.paid → subscription.started → licenses). */
    static void drain(TestEngine e) {
        for (int i = 0; i < 10 && e.engine().component().outboxDispatcher().deliverDue() > 0; i++) {
            // keep going
        }
    }

    /** The customer's only subscription, as the API shows it. */
    static JsonNode subscription(TestClient customer) {
        JsonNode data = customer.get("/api/v1/subscriptions").json().get("data");
        assertThat(data).hasSize(1);
        return data.get(0);
    }

    /** Moves the clock just past {@code isoTime}. */
    static void advancePast(TestEngine e, String isoTime) {
        long target = Instant.parse(isoTime).toEpochMilli() + 60_000;
        long now = e.clock().millis();
        if (target > now) {
            e.clock().advance(Duration.ofMillis(target - now));
        }
    }

    /**
     * Runs the renewal job as the scheduler would (with its lease) at the clock's time, then delivers
     * what it announced. The engine's own scheduler ticks every 5 s and may take the lease first
     * after a clock jump: then this waits until that run has finished.
     */
    static void renewalJob(TestEngine e) {
        long now = e.clock().millis();
        e.engine().component().jobScheduler().runDue();
        long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count(e, "SELECT COUNT(*) FROM job_leases WHERE name = ? AND last_run_at >= ?", "subscription-renewals", now) == 0) {
            assertThat(System.nanoTime()).as("the renewal job ran").isLessThan(giveUp);
            try {
                Thread.sleep(50);
            } catch (InterruptedException ex) {
                throw new IllegalStateException(ex);
            }
        }
        drain(e);
    }

    /** The license the subscription's first order granted, validated now: {valid, code, expiresAt}. */
    static JsonNode validate(TestEngine e, TestClient customer, String orderId) {
        for (JsonNode ent : customer.get("/api/v1/orders/" + orderId + "/entitlements").json().get("data")) {
            if (ent.get("kind").asText().equals("license")) {
                return e.client().postJson("/api/v1/licenses/validate", Map.of("key", ent.get("license").get("key").asText())).json();
            }
        }
        throw new AssertionError("order " + orderId + " granted no license");
    }

    static long count(TestEngine e, String sql, Object... binds) {
        return e.jdbi().withHandle(h -> {
            var q = h.createQuery(sql);
            for (int i = 0; i < binds.length; i++) {
                q.bind(i, binds[i]);
            }
            return q.mapTo(Long.class).one();
        });
    }

    /** Arms a sandbox fault ({@code chargeTimeouts}, {@code chargeDeclines}), signed with the sandbox secret. */
    static void fault(TestEngine e, String name, int n) {
        Instant at = Instant.ofEpochMilli(e.clock().millis());
        String body = "{\"" + name + "\":" + n + "}";
        Response r = e.client().post("/plugins/payment-sandbox/faults", "application/json", body,
                Map.of("Mintreu-Sandbox-Signature", sign(at, body)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private static String sign(Instant at, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SANDBOX_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] sig = mac.doFinal((at.getEpochSecond() + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + at.getEpochSecond() + ",v1=" + HexFormat.of().formatHex(sig);
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}
