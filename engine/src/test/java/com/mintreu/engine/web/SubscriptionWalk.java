package com.mintreu.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestUsers;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;

/** Subscriptions in {@link ApiWalkTest}: a customer subscribes on the sandbox, then takes every action on it. */
final class SubscriptionWalk {

    private SubscriptionWalk() {}

    static void walk(Walkers p) {
        ApiWalk w = p.w();
        TestClient customer = TestUsers.signIn(p.e(), "customer").client();
        String pro = subscribe(p, customer);
        String id = Walkers.rows(w.get(customer, "/api/v1/subscriptions", 200)).get(0).get("id").asText();
        w.get(p.anon(), "/api/v1/subscriptions", 401);
        String base = "/api/v1/subscriptions/" + id;
        w.get(customer, base, 200);
        w.get(p.customer().client(), base, 404); // another customer's
        changePlan(p, customer, base, pro);
        TestClient seller = p.seller().client();
        w.get(seller, "/api/v1/seller/subscriptions", 200);
        w.get(seller, "/api/v1/seller/subscriptions?status=active", 200);
        w.get(seller, "/api/v1/seller/subscriptions?status=gone", 422);
        w.get(seller, "/api/v1/seller/subscriptions/metrics", 200);
        w.get(customer, "/api/v1/seller/subscriptions/metrics", 403);
        w.get(seller, "/api/v1/admin/subscriptions", 403);
        w.get(p.admin(), "/api/v1/admin/subscriptions?status=active", 200);
        w.get(p.admin(), "/api/v1/admin/subscriptions/metrics", 200);
        w.post(customer, base + "/cancel-at-period-end", Map.of(), 200);
        w.post(customer, base + "/undo-cancel", Map.of(), 200);
        w.post(customer, base + "/resume", Map.of(), 409); // an active one
        w.post(customer, base + "/pause", Map.of(), 200);
        w.post(customer, base + "/cancel-at-period-end", Map.of(), 409); // a paused one has no period end to cancel at
        w.post(customer, base + "/resume", Map.of(), 200);
        policy(p, w.get(customer, base, 200).json().get("productId").asText());
        w.post(p.customer().client(), base + "/cancel/preview", Map.of(), 404); // another customer's
        w.post(customer, base + "/cancel/preview", Map.of(), 200);
        w.post(customer, base + "/cancel", Map.of(), 200);
        w.post(customer, base + "/cancel/preview", Map.of(), 409);
        w.post(customer, base + "/pause", Map.of(), 409);
        w.post(customer, base + "/undo-cancel", Map.of(), 409);
    }

    /** Preview, confirm (an upgrade charged on the saved card), a downgrade scheduled and undone; the refusals. */
    private static void changePlan(Walkers p, TestClient customer, String base, String pro) {
        ApiWalk w = p.w();
        w.post(customer, base + "/change-plan/preview", Map.of("planId", pro, "quantity", 0), 422);
        w.post(p.customer().client(), base + "/change-plan/preview", Map.of("planId", pro), 404);
        String token = w.post(customer, base + "/change-plan/preview", Map.of("planId", pro), 200).json().get("token").asText();
        w.post(customer, base + "/change-plan", Map.of("planId", pro, "token", "not-the-preview"), 409);
        w.post(customer, base + "/change-plan", Map.of("planId", pro, "token", token), 200);
        p.deliver();
        var upgraded = w.get(customer, base, 200).json();
        assertThat(upgraded.get("planId").asText()).isEqualTo(pro);
        String first = plan(p, upgraded.get("productId").asText(), pro);
        String down = w.post(customer, base + "/change-plan/preview", Map.of("planId", first), 200).json().get("token").asText();
        w.post(customer, base + "/change-plan", Map.of("planId", first, "token", down), 200);
        w.post(customer, base + "/change-plan/undo", 200);
        w.post(customer, base + "/change-plan/undo", 409);
    }

    /** The seller's subscription policy of the product: read, set (cancel now refunds), refused to a customer and for an unknown product. */
    private static void policy(Walkers p, String productId) {
        ApiWalk w = p.w();
        String path = "/api/v1/seller/products/" + productId + "/subscription-policy";
        w.get(p.seller().client(), path, 200);
        w.put(p.seller().client(), path, Map.of("refundUnusedOnCancel", true, "downgradeCreditsNow", false), 200);
        w.put(p.seller().client(), path, "not a policy", 400);
        w.get(p.customer().client(), path, 403);
        w.put(p.seller().client(), "/api/v1/seller/products/prd_nope/subscription-policy", Map.of("refundUnusedOnCancel", true,
                "downgradeCreditsNow", true), 404);
    }

    /** The product's other plan than {@code not}. */
    private static String plan(Walkers p, String productId, String not) {
        for (var plan : ok(p.seller().client().get("/api/v1/seller/products/" + productId), 200).json().get("plans")) {
            if (!plan.get("id").asText().equals(not)) {
                return plan.get("id").asText();
            }
        }
        throw new AssertionError("no other plan");
    }

    /** A monthly plan of a fresh software product, bought and paid with a saved card (setup, not walked); returns its dearer sibling plan. */
    private static String subscribe(Walkers p, TestClient customer) {
        TestClient seller = p.seller().client();
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("title", "Walk Cloud " + System.nanoTime());
        product.put("description", "Sold by subscription.");
        product.put("type", "software");
        product.put("attributes", Map.of());
        product.put("categories", List.of());
        product.put("tags", List.of("saas"));
        String productId = ok(seller.postJson("/api/v1/seller/products", product), 201).json().get("id").asText();
        String plan = ok(seller.postJson("/api/v1/seller/products/" + productId + "/plans", Map.of("name", "Monthly", "priceMinor", 2900,
                "currency", "EUR", "grants", "updates", "interval", "month")), 201).json().get("id").asText();
        String pro = ok(seller.postJson("/api/v1/seller/products/" + productId + "/plans", Map.of("name", "Pro", "priceMinor", 4900,
                "currency", "EUR", "grants", "updates", "interval", "month")), 201).json().get("id").asText();
        ok(seller.postBytes("/api/v1/seller/products/" + productId + "/releases?version=1.0.0&fileName=tool.zip", "application/octet-stream",
                "PK-tool".getBytes(StandardCharsets.UTF_8)), 201);
        ok(seller.post("/api/v1/seller/products/" + productId + "/submit", null, ""), 200);
        ok(p.admin().post("/api/v1/admin/products/" + productId + "/approve", null, ""), 200);
        ok(customer.postJson("/api/v1/cart/items", Map.of("planId", plan, "quantity", 1)), 200);
        String paymentUrl = ok(customer.postJson("/api/v1/checkout", Map.of("gateway", "payment-sandbox")), 201).json().get("paymentUrl").asText();
        Response page = ok(customer.get(paymentUrl), 200);
        Element form = page.html().selectFirst("form[method=post]");
        Map<String, String> fields = new LinkedHashMap<>();
        form.select("input[type=hidden]").forEach(i -> fields.put(i.attr("name"), i.attr("value")));
        fields.put("action", "pay");
        fields.put("card", "4242 4242 4242 4242");
        fields.put("save", "on");
        Response paid = customer.postForm(URI.create(paymentUrl).resolve(form.attr("action")).toString(), fields);
        assertThat(paid.status()).as(paid.body()).isIn(303, 200);
        p.deliver();
        p.deliver();
        return pro;
    }

    private static Response ok(Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        return r;
    }
}
