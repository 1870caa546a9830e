package com.mintreu.engine.metering;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.jobs.Job;
import com.mintreu.engine.plugin.ApiTestPlugins;
import com.mintreu.engine.security.Tokens;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;

/** An engine with product-api and the sandbox gateway, and the steps of buying an API product, using it and being billed. */
final class UsageBillingFixture {

    static final String SANDBOX_SECRET = "test-sandbox-secret-0123456789abcdef";
    static final String CONFIG = ApiProducts.CONFIG + "plugins:\n  payment-sandbox:\n    config:\n      secret: " + SANDBOX_SECRET + "\n";
    static final String GOOD_CARD = "4242 4242 4242 4242";

    private UsageBillingFixture() {}

    static TestEngine boot(String kind) {
        return TestEngine.boot(kind, CONFIG, true, ApiTestPlugins::writeProductApiTo);
    }

    /** A published API product of {@code seller} with {@code attributes} and one plan ({@code plan}: name, priceMinor, interval...); returns the plan id. */
    static String publish(TestEngine e, TestUsers.User seller, Map<String, String> attributes, Map<String, Object> plan) {
        TestClient admin = TestUsers.signIn(e, "admin").client();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Quotes API " + System.nanoTime());
        body.put("description", "Quotes of the day.");
        body.put("type", "api");
        body.put("attributes", attributes);
        body.put("categories", List.of());
        body.put("tags", List.of());
        Response created = seller.client().postJson("/api/v1/seller/products", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        Response p = seller.client().postJson("/api/v1/seller/products/" + id + "/plans", plan);
        assertThat(p.status()).as(p.body()).isEqualTo(201);
        assertThat(seller.client().post("/api/v1/seller/products/" + id + "/submit", null, "").status()).isEqualTo(200);
        assertThat(admin.post("/api/v1/admin/products/" + id + "/approve", null, "").status()).isEqualTo(200);
        return p.json().get("id").asText();
    }

    /** Checks the plan out and pays on the sandbox's page, saving {@code card} when not null; returns the order id. */
    static String buyOnSandbox(TestEngine e, TestClient customer, String planId, String card) {
        assertThat(customer.postJson("/api/v1/cart/items", Map.of("planId", planId, "quantity", 1)).status()).isEqualTo(200);
        Response r = customer.postJson("/api/v1/checkout", Map.of("gateway", "payment-sandbox"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String paymentUrl = r.json().get("paymentUrl").asText();
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
        drain(e);
        return r.json().get("orderId").asText();
    }

    /** Delivers outbox events until nothing is left (order.paid → fulfilment, subscription...). */
    static void drain(TestEngine e) {
        for (int i = 0; i < 10 && e.engine().component().outboxDispatcher().deliverDue() > 0; i++) {
            // keep going
        }
    }

    /** A fresh session for an existing user: a month on the test clock outlives the one TestUsers made. */
    static TestClient again(TestEngine e, String userId) {
        String cookie = Tokens.random(32);
        String csrf = Tokens.random(32);
        long now = e.clock().millis();
        e.jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)
                        VALUES (:hash, :id, :csrf, :now, :now, :expires)""")
                .bind("hash", Tokens.sha256(cookie)).bind("id", userId).bind("csrf", csrf).bind("now", now).bind("expires", now + 3_600_000).execute());
        return e.client().withSession(cookie).csrfHeader(csrf);
    }

    /** Reports {@code units} used by {@code key} now, under a fresh event id. */
    static void report(TestClient server, String key, long units) {
        Response r = server.postJson("/api/v1/usage", Map.of("events", List.of(Map.of("eventId", "ev-" + System.nanoTime(), "key", key, "units", units))));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("accepted").asInt()).isEqualTo(1);
    }

    static Job job(TestEngine e, String name) {
        return e.engine().component().jobs().stream().filter(j -> j.name().equals(name)).findFirst().orElseThrow();
    }

    static void run(TestEngine e, String name) {
        try {
            job(e, name).run();
        } catch (Exception ex) {
            throw new AssertionError("job " + name + " failed", ex);
        }
    }

    /** Moves the clock to {@code after} past the start of next month (UTC). */
    static void toNextMonth(TestEngine e, Duration after) {
        Instant now = e.clock().instant();
        Instant next = now.atZone(ZoneOffset.UTC).withDayOfMonth(1).toLocalDate().plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        e.clock().advance(Duration.between(now, next).plus(after));
    }

    /** Moves the clock just past {@code at} plus {@code after}. */
    static void toPast(TestEngine e, long at, Duration after) {
        long target = at + after.toMillis();
        long now = e.clock().millis();
        if (target > now) {
            e.clock().advance(Duration.ofMillis(target - now));
        }
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

    /** The usage_charges rows of a purchase, oldest first: {period_start, units, overage_units, amount_minor, currency, order_id, status}. */
    static List<Map<String, Object>> charges(TestEngine e, String entitlementId) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT period_start, period_end, units, overage_units, amount_minor, currency, order_id, status "
                + "FROM usage_charges WHERE entitlement_id = :e ORDER BY period_start").bind("e", entitlementId).mapToMap().list());
    }

    /** An order as its owner sees it over the API. */
    static JsonNode order(TestClient customer, String orderId) {
        Response r = customer.get("/api/v1/orders/" + orderId);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }
}
