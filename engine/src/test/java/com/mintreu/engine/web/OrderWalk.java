package com.mintreu.engine.web;

import static com.mintreu.engine.web.Walkers.rows;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jsoup.nodes.Element;

/**
 * Cart, checkout, orders, payment webhooks, entitlements, refunds and the seller's sales in
 * {@link ApiWalkTest}. The customer pays on the sandbox gateway's hosted page, which sends its signed
 * webhook; the walk signs one itself for a payment of the wrong amount, which holds the order.
 */
final class OrderWalk {

    /** The sandbox's webhook secret, set in {@link ApiWalkTest}'s config so the walk can sign payments. */
    static final String SANDBOX_SECRET = "walk-sandbox-secret-0123456789abcdef";

    private OrderWalk() {}

    /** Walks the order routes; returns a fulfilled order of the customer that holds a license of {@code shelf}'s software plan. */
    static String walk(Walkers p, CatalogWalk.Shelf shelf) {
        ApiWalk w = p.w();
        TestClient customer = p.customer().client();
        String plan = shelf.downloadPlan();
        w.post(customer, "/api/v1/cart/items", Map.of("planId", plan, "quantity", 1), 200);
        w.post(customer, "/api/v1/cart/items", Map.of("quantity", 1), 422);
        w.get(customer, "/api/v1/cart", 200);
        w.delete(customer, "/api/v1/cart/items/" + plan, 200);
        w.post(customer, "/api/v1/checkout", Map.of(), 422);
        w.post(customer, "/api/v1/cart/items", Map.of("planId", plan, "quantity", 1), 200);
        Map<String, String> key = Map.of("Idempotency-Key", "walk-" + System.nanoTime());
        Response placed = w.check("POST", "/api/v1/checkout", 201, customer.postJson("/api/v1/checkout", Map.of(), key));
        w.check("POST", "/api/v1/checkout", 200, customer.postJson("/api/v1/checkout", Map.of(), key));
        w.post(p.anon(), "/api/v1/checkout", Map.of(), 401);
        String order = placed.json().get("orderId").asText();
        w.get(customer, "/api/v1/orders", 200);
        w.get(customer, "/api/v1/orders/" + order, 200);
        w.get(p.seller().client(), "/api/v1/orders/" + order, 404);
        w.get(customer, "/api/v1/orders/" + order + "/entitlements", 200);
        w.post(customer, "/api/v1/orders/" + order + "/pay", Map.of(), 200);
        w.post(customer, "/api/v1/orders/" + order + "/cancel", 200);
        w.post(customer, "/api/v1/orders/" + order + "/cancel", 409);
        w.post(customer, "/api/v1/orders/" + order + "/pay", 409);
        w.get(p.admin(), "/api/v1/admin/orders?status=canceled", 200);

        String bought = paid(p, shelf.downloadPlan(), shelf.softwarePlan());
        String held = held(p, shelf.downloadPlan());
        entitlements(p, bought, held);
        refunds(p, bought, paid(p, shelf.downloadPlan()), shelf.downloadPlan());

        w.get(p.seller().client(), "/api/v1/seller/sales", 200);
        w.get(p.seller().client(), "/api/v1/seller/balance", 200);
        w.get(customer, "/api/v1/seller/balance", 403);
        w.get(p.seller().client(), "/api/v1/seller/dashboard", 200);
        w.get(p.seller().client(), "/api/v1/seller/dashboard?from=2026-13-01", 422);
        w.get(customer, "/api/v1/seller/dashboard", 403);
        w.get(p.admin(), "/api/v1/admin/orders/conflicts", 200);
        w.check("POST", "/api/v1/webhooks/no-such-gateway", 404, p.anon().post("/api/v1/webhooks/no-such-gateway", "application/json", "{}"));
        return bought;
    }

    /** An order of {@code plans} the customer pays on the sandbox's hosted page (which sends its signed webhook), fulfilled. */
    private static String paid(Walkers p, String... plans) {
        Response placed = place(p, plans);
        TestClient customer = p.customer().client();
        String url = placed.json().get("paymentUrl").asText();
        Element form = customer.get(url).html().selectFirst("form[method=post]");
        if (form == null) {
            throw new AssertionError("no payment form at " + url);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        form.select("input[type=hidden]").forEach(i -> fields.put(i.attr("name"), i.attr("value")));
        fields.put("action", "pay");
        Response pressed = customer.postForm(URI.create(url).resolve(form.attr("action")).toString(), fields);
        if (pressed.status() != 303) {
            throw new AssertionError("the sandbox's pay button answered " + pressed);
        }
        p.deliver();
        String order = placed.json().get("orderId").asText();
        String status = customer.get("/api/v1/orders/" + order).json().get("status").asText();
        if (!status.equals("fulfilled")) {
            throw new AssertionError("order " + order + " is " + status + " after its payment");
        }
        return order;
    }

    /** An order paid with the wrong amount, held for review and released by an admin. */
    private static String held(Walkers p, String plan) {
        Response placed = place(p, plan);
        p.w().check("POST", "/api/v1/webhooks/payment-sandbox", 400, send(p, "{\"id\":\"evt_forged\"}", "t=1,v1=00"));
        assertResult(webhook(p, placed, 1), "HELD");
        String order = placed.json().get("orderId").asText();
        p.w().get(p.admin(), "/api/v1/admin/orders?status=held", 200);
        p.w().post(p.customer().client(), "/api/v1/admin/orders/" + order + "/release", 403);
        p.w().post(p.admin(), "/api/v1/admin/orders/" + order + "/release", 200);
        p.w().post(p.admin(), "/api/v1/admin/orders/" + order + "/release", 409);
        p.deliver();
        return order;
    }

    private static void entitlements(Walkers p, String bought, String held) {
        ApiWalk w = p.w();
        TestClient customer = p.customer().client();
        w.get(customer, "/api/v1/entitlements", 200);
        String first = rows(w.get(customer, "/api/v1/orders/" + bought + "/entitlements", 200)).get(0).get("id").asText();
        w.get(customer, "/api/v1/entitlements/" + first, 200);
        w.get(customer, "/api/v1/entitlements/ent_nope", 404);
        w.post(customer, "/api/v1/orders/" + bought + "/receipt", 202);
        w.post(p.seller().client(), "/api/v1/orders/" + bought + "/receipt", 404);
        String revoked = rows(customer.get("/api/v1/orders/" + held + "/entitlements")).get(0).get("id").asText();
        w.post(p.customer().client(), "/api/v1/admin/entitlements/" + revoked + "/revoke", Map.of("reason", "walk"), 403);
        w.post(p.admin(), "/api/v1/admin/entitlements/" + revoked + "/revoke", Map.of("reason", "walk"), 200);
    }

    /** A request the seller declines, one they approve (the download line of {@code bought}), and an admin's direct refund of {@code other}. */
    private static void refunds(Walkers p, String bought, String other, String downloadPlan) {
        ApiWalk w = p.w();
        TestClient customer = p.customer().client();
        TestClient seller = p.seller().client();
        String line = null;
        for (JsonNode l : customer.get("/api/v1/orders/" + bought).json().get("lines")) {
            line = l.get("planId").asText().equals(downloadPlan) ? l.get("id").asText() : line;
        }
        Map<String, Object> ask = Map.of("lines", List.of(Map.of("lineId", line)), "reason", "it does not open");
        String declined = w.post(customer, "/api/v1/orders/" + bought + "/refunds", ask, 201).json().get("id").asText();
        w.get(customer, "/api/v1/orders/" + bought + "/refunds", 200);
        w.get(customer, "/api/v1/refunds/" + declined, 200);
        w.get(seller, "/api/v1/seller/refunds", 200);
        w.post(customer, "/api/v1/refunds/" + declined + "/approve", Map.of(), 403);
        w.post(seller, "/api/v1/refunds/" + declined + "/decline", Map.of("note", "works here"), 200);
        w.post(seller, "/api/v1/refunds/" + declined + "/decline", Map.of(), 409);
        String approved = w.post(customer, "/api/v1/orders/" + bought + "/refunds", ask, 201).json().get("id").asText();
        String status = w.post(seller, "/api/v1/refunds/" + approved + "/approve", Map.of("note", "sorry"), 200).json().get("status").asText();
        if (!status.equals("succeeded")) {
            throw new AssertionError("the approved refund is " + status);
        }
        w.post(customer, "/api/v1/orders/" + bought + "/refunds", ask, 422);
        w.get(p.admin(), "/api/v1/admin/refunds", 200);
        w.post(customer, "/api/v1/admin/orders/" + other + "/refunds", Map.of("reason", "goodwill"), 403);
        String direct = w.post(p.admin(), "/api/v1/admin/orders/" + other + "/refunds", Map.of("reason", "goodwill"), 201).json().get("status").asText();
        if (!direct.equals("succeeded")) {
            throw new AssertionError("the direct refund is " + direct);
        }
        p.deliver();
    }

    private static Response place(Walkers p, String... plans) {
        TestClient customer = p.customer().client();
        for (String plan : plans) {
            p.w().post(customer, "/api/v1/cart/items", Map.of("planId", plan, "quantity", 1), 200);
        }
        return p.w().post(customer, "/api/v1/checkout", Map.of(), 201);
    }

    /** The sandbox's signed {@code payment.succeeded} for {@code placed}, paying {@code amount}; must answer 200. */
    private static Response webhook(Walkers p, Response placed, long amount) {
        String reference = placed.json().get("paymentUrl").asText().replaceAll(".*/checkout/", "");
        long at = p.e().clock().millis() / 1000;
        String body = "{\"id\":\"evt_walk_" + System.nanoTime() + "\",\"type\":\"payment.succeeded\",\"created\":" + at
                + ",\"data\":{\"reference\":\"" + reference + "\",\"orderId\":\"" + placed.json().get("orderId").asText()
                + "\",\"amount\":" + amount + ",\"currency\":\"EUR\"}}";
        return p.w().check("POST", "/api/v1/webhooks/payment-sandbox", 200, send(p, body, "t=" + at + ",v1=" + hmac(at + "." + body)));
    }

    private static Response send(Walkers p, String body, String signature) {
        return p.anon().post("/api/v1/webhooks/payment-sandbox", "application/json", body, Map.of("Mintreu-Sandbox-Signature", signature));
    }

    private static void assertResult(Response answer, String result) {
        if (!answer.json().at("/results/0").asText().equals(result)) {
            throw new AssertionError("expected " + result + ": " + answer.body());
        }
    }

    private static String hmac(String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SANDBOX_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
