package com.mintreu.engine.checkout;

import static com.mintreu.engine.checkout.MoneyPathFixture.checkout;
import static com.mintreu.engine.checkout.MoneyPathFixture.outboxRows;
import static com.mintreu.engine.checkout.MoneyPathFixture.pressOnSandbox;
import static com.mintreu.engine.checkout.MoneyPathFixture.publishedPlan;
import static com.mintreu.engine.checkout.MoneyPathFixture.signedEvent;
import static com.mintreu.engine.checkout.MoneyPathFixture.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.WithConfig;
import com.mintreu.engine.testing.TestUsers;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Cart → checkout → the sandbox's hosted page → signed webhook → paid, over HTTP with the real plugins. */
@WithConfig(bundledPlugins = true, value = MoneyPathFixture.CONFIG)
class CheckoutFlowTest {





    @EngineTest
    void payingOnTheHostedPagePaysTheOrderOnce(TestEngine e) {
        String kind = e.kind();
        String plan = publishedPlan(e, 1999);
        TestClient customer = TestUsers.signIn(e, "customer").client();

        Response placed = checkout(customer, plan, null, Map.of());
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        String orderId = placed.json().get("orderId").asText();
        assertThat(placed.json().get("total").get("minor").asLong()).isEqualTo(1999);
        assertThat(placed.json().get("paymentUrl").asText()).contains("/plugins/payment-sandbox/checkout/");
        assertThat(status(customer, orderId)).isEqualTo("pending");
        assertThat(customer.get("/api/v1/cart").json().get("lines")).as("the cart is emptied").isEmpty();

        Response back = pressOnSandbox(customer, placed.json().get("paymentUrl").asText(), "pay");
        assertThat(back.status()).isEqualTo(303);
        assertThat(back.header("Location")).endsWith("/account/orders/" + orderId + "?notice=returned");

        assertThat(status(customer, orderId)).isEqualTo("paid");
        assertThat(outboxRows(e, "order.paid", orderId)).isEqualTo(1);
        JsonNode order = customer.get("/api/v1/orders/" + orderId).json();
        assertThat(order.get("paidAt").asText().transform(com.mintreu.engine.testing.JsonTimes::millis)).isPositive();

        Response page = customer.get("/account/orders/" + orderId);
        assertThat(page.html().select(".state").text()).contains("Paid");
        assertThat(page.html().text()).contains("19.99 EUR");
    }

    @EngineTest
    void decliningFailsTheOrderAndGrantsNothing(TestEngine e) {
        String kind = e.kind();
        String plan = publishedPlan(e, 500);
        TestClient customer = TestUsers.signIn(e, "customer").client();
        Response placed = checkout(customer, plan, null, Map.of());
        String orderId = placed.json().get("orderId").asText();

        Response back = pressOnSandbox(customer, placed.json().get("paymentUrl").asText(), "decline");
        assertThat(back.header("Location")).endsWith("?notice=canceled");
        assertThat(status(customer, orderId)).isEqualTo("failed");
        assertThat(outboxRows(e, "order.paid", orderId)).isZero();
    }

    @EngineTest
    void idempotencyKeyReturnsTheSameOrder(TestEngine e) {
        String kind = e.kind();
        String plan = publishedPlan(e, 700);
        TestClient customer = TestUsers.signIn(e, "customer").client();
        Response first = checkout(customer, plan, "key-" + kind + "-1", Map.of());
        assertThat(first.status()).isEqualTo(201);
        Response again = customer.postJson("/api/v1/checkout", Map.of(), Map.of("Idempotency-Key", "key-" + kind + "-1"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json().get("orderId").asText()).isEqualTo(first.json().get("orderId").asText());
        assertThat(again.json().get("paymentUrl").asText()).isEqualTo(first.json().get("paymentUrl").asText());

        Response otherBody = customer.postJson("/api/v1/checkout", Map.of("voucher", "NOPE"), Map.of("Idempotency-Key", "key-" + kind + "-1"));
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.json().get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(customer.get("/api/v1/orders").json().get("data")).hasSize(1);
    }

    @EngineTest
    void pricesSentByTheClientAreRefusedNotTrusted(TestEngine e) {
        String kind = e.kind();
        String plan = publishedPlan(e, 2500);
        TestClient customer = TestUsers.signIn(e, "customer").client();
        Response withPrice = customer.postJson("/api/v1/cart/items", Map.of("planId", plan, "quantity", 1, "priceMinor", 1));
        assertThat(withPrice.status()).isEqualTo(400);
        assertThat(withPrice.json().get("code").asText()).isEqualTo("UNKNOWN_FIELD");
        Response placed = checkout(customer, plan, null, Map.of());
        Response withTotal = customer.postJson("/api/v1/checkout", Map.of("total", Map.of("minor", 1, "currency", "EUR")));
        assertThat(withTotal.json().get("code").asText()).isEqualTo("UNKNOWN_FIELD");
        assertThat(placed.json().get("total").get("minor").asLong()).isEqualTo(2500);
    }

    @EngineTest
    void checkoutNeedsAnAccountAndAGuestCartFollowsTheSignIn(TestEngine e) {
        String kind = e.kind();
        String plan = publishedPlan(e, 900);
        TestClient guest = e.client();
        assertThat(guest.postJson("/api/v1/cart/items", Map.of("planId", plan)).status()).isEqualTo(200);
        assertThat(guest.postJson("/api/v1/checkout", Map.of()).status()).isEqualTo(401);

        String email = "guest-" + System.nanoTime() + "@example.test";
        Response registered = guest.postJson("/api/v1/auth/register", Map.of("email", email, "password", "a long enough passphrase", "displayName", "Guest"));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        guest.postJson("/api/v1/auth/login", Map.of("email", email, "password", "a long enough passphrase"));
        JsonNode cart = guest.get("/api/v1/cart").json();
        assertThat(cart.get("lines")).hasSize(1);
        assertThat(cart.get("lines").get(0).get("planId").asText()).isEqualTo(plan);
    }

    @EngineTest
    void aLostWebhookIsRecoveredByReconciliation(TestEngine shared) {
        String kind = shared.kind();
        try (TestEngine e = MoneyPathFixture.boot(kind, "      webhookUrl: http://127.0.0.1:9/lost\n")) {
            String plan = publishedPlan(e, 1500);
            TestClient customer = TestUsers.signIn(e, "customer").client();
            Response placed = checkout(customer, plan, null, Map.of());
            String orderId = placed.json().get("orderId").asText();
            pressOnSandbox(customer, placed.json().get("paymentUrl").asText(), "pay");
            assertThat(status(customer, orderId)).as("the webhook never arrived").isEqualTo("pending");

            e.clock().advance(Duration.ofMinutes(16));
            assertThat(e.engine().component().jobScheduler().runDue()).contains("order-reconcile");
            assertThat(status(customer, orderId)).isEqualTo("paid");
            assertThat(outboxRows(e, "order.paid", orderId)).isEqualTo(1);
        }
    }

    @EngineTest
    void unpaidOrdersExpireButAreNeverGuessedPaid(TestEngine e) {
        String kind = e.kind();
        String plan = publishedPlan(e, 300);
        TestClient customer = TestUsers.signIn(e, "customer").client();
        Response placed = checkout(customer, plan, null, Map.of());
        String orderId = placed.json().get("orderId").asText();
        pressOnSandbox(customer, placed.json().get("paymentUrl").asText(), "later");
        assertThat(status(customer, orderId)).isEqualTo("pending");

        var orders = e.engine().component().orders();
        long now = e.clock().millis();
        e.engine().component().reconciliation().reconcile(now + 1, 0);
        assertThat(status(customer, orderId)).as("pending at the provider: left alone").isEqualTo("pending");
        e.engine().component().reconciliation().reconcile(now + 1, now + 1);
        assertThat(status(customer, orderId)).as("past expireAfter").isEqualTo("expired");
    }

    static Instant now(TestEngine e) {
        return Instant.ofEpochMilli(e.clock().millis());
    }

    static String webhook(TestEngine e, String body, String signature) {
        return e.client().post("/api/v1/webhooks/payment-sandbox", "application/json", body,
                Map.of("Mintreu-Sandbox-Signature", signature)).toString();
    }

    static Map<String, String> event(TestEngine e, String id, String type, JsonNode order, long amount) {
        String reference = order.get("paymentUrl").asText().replaceAll(".*/checkout/", "");
        return signedEvent(id, type, reference, order.get("orderId").asText(), amount, now(e));
    }
}
