package com.mintreu.engine.checkout;

import static com.mintreu.engine.checkout.MoneyPathFixture.checkout;
import static com.mintreu.engine.checkout.MoneyPathFixture.outboxRows;
import static com.mintreu.engine.checkout.MoneyPathFixture.pressOnSandbox;
import static com.mintreu.engine.checkout.MoneyPathFixture.publishedPlan;
import static com.mintreu.engine.checkout.MoneyPathFixture.signedEvent;
import static com.mintreu.engine.checkout.MoneyPathFixture.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.time.Instant;
import java.util.Map;

/**
 * A fulfilled order stays fulfilled: a signed late payment with another amount is a conflict
 * recorded for an admin, and the admin actions that would undo or repeat the sale are refused.
 */
@WithConfig(bundledPlugins = true, value = MoneyPathFixture.CONFIG)
class OrderStateMachineTest {

    private static Response webhook(TestEngine e, Map<String, String> event) {
        return e.client().post("/api/v1/webhooks/payment-sandbox", "application/json", event.get("body"),
                Map.of("Mintreu-Sandbox-Signature", event.get("signature")));
    }

    private static int receipts(TestEngine e, String orderId) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM outbox WHERE topic = 'mail' AND payload LIKE :p")
                .bind("p", "%Your receipt for order " + orderId + "%").mapTo(Integer.class).one());
    }

    @EngineTest
    void aLateSignedPaymentWithAnotherAmountCannotReopenAFulfilledOrder(TestEngine e) {
        String kind = e.kind();
        String plan = publishedPlan(e, 2500, "software");
        TestClient customer = TestUsers.signIn(e, "customer").client();
        TestClient admin = TestUsers.signIn(e, "admin").client();
        JsonNode placed = checkout(customer, plan, null, Map.of()).json();
        String orderId = placed.get("orderId").asText();
        String reference = placed.get("paymentUrl").asText().replaceAll(".*/checkout/", "");
        pressOnSandbox(customer, placed.get("paymentUrl").asText(), "pay");
        e.engine().component().outboxDispatcher().deliverDue();
        assertThat(status(customer, orderId)).isEqualTo("fulfilled");
        JsonNode granted = customer.get("/api/v1/orders/" + orderId + "/entitlements").json().get("data");
        assertThat(granted.findValuesAsText("kind")).contains("download", "license");

        // the attack: a signed event for the same payment reference, later, with another amount
        Map<String, String> late = signedEvent("evt_late_" + kind, "payment.succeeded", reference, orderId, 1,
                Instant.ofEpochMilli(e.clock().millis()));
        Response answer = webhook(e, late);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("results").get(0).asText()).isEqualTo("CONFLICT");
        assertThat(status(customer, orderId)).isEqualTo("fulfilled");

        JsonNode conflicts = admin.get("/api/v1/admin/orders/conflicts?orderId=" + orderId).json().get("data");
        assertThat(conflicts).hasSize(1);
        assertThat(conflicts.get(0).get("fromStatus").asText()).isEqualTo("fulfilled");
        assertThat(conflicts.get(0).get("toStatus").asText()).isEqualTo("held");
        assertThat(conflicts.get(0).get("reason").asText()).contains("paid 0.01 EUR but the order total is 25.00 EUR");
        assertThat(customer.get("/api/v1/admin/orders/conflicts").status()).as("admins only").isEqualTo(403);

        Response release = admin.post("/api/v1/admin/orders/" + orderId + "/release", null, "");
        assertThat(release.status()).as(release.body()).isEqualTo(409);
        assertThat(release.header("Content-Type")).startsWith("application/problem+json");
        assertThat(release.json().get("code").asText()).isEqualTo("ILLEGAL_TRANSITION");
        Response cancel = admin.post("/api/v1/orders/" + orderId + "/cancel", null, "");
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(409);
        assertThat(cancel.json().get("code").asText()).isEqualTo("ILLEGAL_TRANSITION");
        Response adminPageCancel = admin.postForm("/admin/orders/" + orderId + "/cancel",
                Map.of(csrfField(admin, orderId), csrf(admin, orderId)));
        assertThat(adminPageCancel.status()).as("the admin page's cancel is refused too").isEqualTo(409);

        e.engine().component().outboxDispatcher().deliverDue();
        assertThat(status(customer, orderId)).isEqualTo("fulfilled");
        assertThat(outboxRows(e, "order.paid", orderId)).as("one order.paid").isEqualTo(1);
        assertThat(receipts(e, orderId)).as("one receipt").isEqualTo(1);
        JsonNode after = customer.get("/api/v1/orders/" + orderId + "/entitlements").json().get("data");
        assertThat(after.findValuesAsText("status")).as("what was sold stays granted").isEqualTo(granted.findValuesAsText("status"));
        for (JsonNode ent : after) {
            if (ent.get("kind").asText().equals("license")) {
                JsonNode validation = e.client().postJson("/api/v1/licenses/validate", Map.of("key", ent.get("license").get("key").asText())).json();
                assertThat(validation.get("code").asText()).as("the license still validates").isEqualTo("VALID");
            } else {
                assertThat(customer.get(ent.get("downloadUrl").asText()).status()).as("the download still works").isEqualTo(200);
            }
        }
    }

    @EngineTest
    void aPaymentForACanceledOrderIsAConflictNotASale(TestEngine e) {
        String kind = e.kind();
        String plan = publishedPlan(e, 700);
        TestClient customer = TestUsers.signIn(e, "customer").client();
        JsonNode placed = checkout(customer, plan, null, Map.of()).json();
        String orderId = placed.get("orderId").asText();
        String reference = placed.get("paymentUrl").asText().replaceAll(".*/checkout/", "");
        assertThat(customer.post("/api/v1/orders/" + orderId + "/cancel", null, "").status()).isEqualTo(200);

        Map<String, String> late = signedEvent("evt_after_cancel_" + kind, "payment.succeeded", reference, orderId, 700,
                Instant.ofEpochMilli(e.clock().millis()));
        assertThat(webhook(e, late).json().get("results").get(0).asText()).isEqualTo("CONFLICT");
        assertThat(status(customer, orderId)).isEqualTo("canceled");
        assertThat(outboxRows(e, "order.paid", orderId)).isZero();
        TestClient admin = TestUsers.signIn(e, "admin").client();
        assertThat(admin.get("/api/v1/admin/orders/conflicts").json().get("data").findValuesAsText("orderId")).contains(orderId);
        Response release = admin.post("/api/v1/admin/orders/" + orderId + "/release", null, "");
        assertThat(release.status()).isEqualTo(409);
        assertThat(release.json().get("code").asText()).isEqualTo("ILLEGAL_TRANSITION");
    }

    private static String csrfField(TestClient client, String orderId) {
        return client.get("/account/orders/" + orderId).html().selectFirst("input[type=hidden]").attr("name");
    }

    private static String csrf(TestClient client, String orderId) {
        return client.get("/account/orders/" + orderId).html().selectFirst("input[type=hidden]").attr("value");
    }
}
