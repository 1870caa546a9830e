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

/** A decline of a payment session the order no longer uses (an older or another session) does not fail the order. */
@WithConfig(bundledPlugins = true, value = MoneyPathFixture.CONFIG)
class StaleSessionDeclineTest {

    @EngineTest
    void aDeclineOfAnotherSessionLeavesTheOrderPendingAndItsOwnSessionStillPays(TestEngine e) {
        String plan = publishedPlan(e, 1500);
        TestClient customer = TestUsers.signIn(e, "customer").client();
        JsonNode placed = checkout(customer, plan, null, Map.of()).json();
        String orderId = placed.get("orderId").asText();
        String reference = placed.get("paymentUrl").asText().replaceAll(".*/checkout/", "");
        Instant now = Instant.ofEpochMilli(e.clock().millis());

        Map<String, String> stale = signedEvent("evt_stale_session_" + e.kind(), "payment.declined", "cs_an_older_session", orderId, 1500, now);
        assertThat(send(e, stale).status()).isEqualTo(200);
        assertThat(status(customer, orderId)).as("news of another session").isEqualTo("pending");

        Map<String, String> paid = signedEvent("evt_current_session_" + e.kind(), "payment.succeeded", reference, orderId, 1500, now);
        assertThat(send(e, paid).status()).isEqualTo(200);
        assertThat(status(customer, orderId)).isEqualTo("paid");
    }

    private static Response send(TestEngine e, Map<String, String> event) {
        return e.client().post("/api/v1/webhooks/payment-sandbox", "application/json", event.get("body"),
                Map.of("Mintreu-Sandbox-Signature", event.get("signature")));
    }
}
