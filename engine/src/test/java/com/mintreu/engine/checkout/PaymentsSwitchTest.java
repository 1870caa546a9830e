package com.mintreu.engine.checkout;

import static com.mintreu.engine.checkout.MoneyPathFixture.checkout;
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

/** The payments kill switch stops new checkouts, on the page too, while money already moving still lands. */
@WithConfig(bundledPlugins = true, value = MoneyPathFixture.CONFIG)
class PaymentsSwitchTest {

    @EngineTest
    void aWebhookForAnOrderPlacedBeforeTheSwitchStillPaysIt(TestEngine e) {
        String plan = publishedPlan(e, 1200);
        TestClient customer = TestUsers.signIn(e, "customer").client();
        JsonNode placed = checkout(customer, plan, null, Map.of()).json();
        String orderId = placed.get("orderId").asText();
        String reference = placed.get("paymentUrl").asText().replaceAll(".*/checkout/", "");
        TestClient admin = TestUsers.signIn(e, "admin").client();
        assertThat(admin.putJson("/api/v1/admin/switches/payments", Map.of("engaged", true, "reason", "incident")).status()).isEqualTo(200);
        try {
            Map<String, String> event = signedEvent("evt_switch_" + e.kind(), "payment.succeeded", reference, orderId, 1200,
                    Instant.ofEpochMilli(e.clock().millis()));
            Response r = e.client().post("/api/v1/webhooks/payment-sandbox", "application/json", event.get("body"),
                    Map.of("Mintreu-Sandbox-Signature", event.get("signature")));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(status(customer, orderId)).as("the customer's money must land").isEqualTo("paid");

            // a new checkout from the cart page gets the page that says so, not a bare error
            TestClient other = TestUsers.signIn(e, "customer").client();
            assertThat(other.postJson("/api/v1/cart/items", Map.of("planId", plan, "quantity", 1)).status()).isEqualTo(200);
            Response page = other.submitForm("/cart", "form[action=/checkout]", Map.of());
            assertThat(page.status()).isEqualTo(503);
            assertThat(page.header("Content-Type")).startsWith("text/html");
            assertThat(page.html().text()).containsIgnoringCase("paus");
        } finally {
            admin.putJson("/api/v1/admin/switches/payments", Map.of("engaged", false));
        }
    }
}
