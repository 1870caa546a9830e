package com.mintreu.engine.checkout;

import static com.mintreu.engine.checkout.MoneyPathFixture.checkout;
import static com.mintreu.engine.checkout.MoneyPathFixture.pressOnSandbox;
import static com.mintreu.engine.checkout.MoneyPathFixture.publishedPlan;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import java.util.Map;

/** A paid order of two software lines (15.00 and 25.00 EUR) by one seller, and what the refund tests look at. */
final class RefundFixture {

    record Paid(TestUsers.User seller, TestUsers.User customer, String orderId, String line1, String line2, Map<String, String> productOfLine) {}

    private RefundFixture() {}

    /** Paid on the sandbox's page; fulfilled too when {@code fulfil} (the outbox ran). */
    static Paid paid(TestEngine e, boolean fulfil) {
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        String plan1 = publishedPlan(e, seller.client(), 1500, "software");
        String plan2 = publishedPlan(e, seller.client(), 2500, "software");
        TestUsers.User customer = TestUsers.signIn(e, "customer");
        assertThat(customer.client().postJson("/api/v1/cart/items", Map.of("planId", plan1, "quantity", 1)).status()).isEqualTo(200);
        Response placed = checkout(customer.client(), plan2, null, Map.of());
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        String orderId = placed.json().get("orderId").asText();
        assertThat(pressOnSandbox(customer.client(), placed.json().get("paymentUrl").asText(), "pay").status()).isEqualTo(303);
        if (fulfil) {
            deliver(e);
        }
        JsonNode order = customer.client().get("/api/v1/orders/" + orderId).json();
        assertThat(order.get("status").asText()).isEqualTo(fulfil ? "fulfilled" : "paid");
        JsonNode lines = order.get("lines");
        String l1 = lines.get(0).get("id").asText();
        String l2 = lines.get(1).get("id").asText();
        return new Paid(seller, customer, orderId, l1, l2, Map.of(l1, lines.get(0).get("productId").asText(), l2,
                lines.get(1).get("productId").asText()));
    }

    static void deliver(TestEngine e) {
        for (int i = 0; i < 3; i++) {
            e.engine().component().outboxDispatcher().deliverDue();
        }
    }

    /** The line's entitlement of {@code kind} (download, license) as its owner sees it. */
    static JsonNode entitlement(Paid p, String lineId, String kind) {
        JsonNode list = p.customer().client().get("/api/v1/orders/" + p.orderId() + "/entitlements").json();
        list = list.has("data") ? list.get("data") : list;
        for (JsonNode ent : list) {
            if (ent.get("kind").asText().equals(kind) && ent.get("productId").asText().equals(p.productOfLine().get(lineId))) {
                return ent;
            }
        }
        throw new AssertionError("no " + kind + " for " + lineId + " in " + list);
    }

    /** "entitlement status/license status" of the line's license. */
    static String license(Paid p, String lineId) {
        JsonNode ent = entitlement(p, lineId, "license");
        return ent.get("status").asText() + "/" + ent.get("license").get("status").asText();
    }

    /** Mails to {@code user} whose payload contains {@code text}. */
    static long mailsTo(TestEngine e, TestUsers.User user, String text) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM outbox WHERE topic = 'mail' AND payload LIKE :to AND payload LIKE :t")
                .bind("to", "%" + user.id() + "@example.test%").bind("t", "%" + text + "%").mapTo(Long.class).one());
    }

    static long audited(TestEngine e, String action, String refundId) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_log WHERE action = :a AND subject_id = :r")
                .bind("a", action).bind("r", refundId).mapTo(Long.class).one());
    }

    /** The order's refunds as its customer sees them through the API, newest first. */
    static JsonNode refunds(Paid p) {
        return p.customer().client().get("/api/v1/orders/" + p.orderId() + "/refunds").json().get("data");
    }
}
