package com.mintreu.engine.subscription;

import static com.mintreu.engine.subscription.SubscriptionFixture.GOOD_CARD;
import static com.mintreu.engine.subscription.SubscriptionFixture.drain;
import static com.mintreu.engine.subscription.SubscriptionFixture.payOnSandbox;
import static com.mintreu.engine.subscription.SubscriptionFixture.recurringPlan;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.util.Map;

/** A plan sold by seats: the quantity bought is the license's cap on users, whatever the policy says. */
@WithConfig(bundledPlugins = true, value = SubscriptionFixture.CONFIG)
class SubscriptionSeatsTest {

    @EngineTest
    void theQuantityAtPurchaseIsTheLicensesSeatCap(TestEngine e) {
        String plan = recurringPlan(e, Map.of("name", "Team", "priceMinor", 1000, "currency", "EUR", "grants", "updates", "interval", "month",
                "seats", true));
        TestClient customer = TestUsers.signIn(e, "customer").client();
        Response added = customer.postJson("/api/v1/cart/items", Map.of("planId", plan, "quantity", 3));
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        Response placed = customer.postJson("/api/v1/checkout", Map.of("gateway", "payment-sandbox"));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        payOnSandbox(customer, placed.json().get("paymentUrl").asText(), GOOD_CARD);
        drain(e);
        JsonNode sub = SubscriptionFixture.subscription(customer);
        assertThat(sub.get("quantity").asInt()).isEqualTo(3);
        assertThat(sub.get("amount").toString()).contains("3000");

        String key = licenseKey(customer, placed.json().get("orderId").asText());
        assertThat(customer.get("/account/licenses").html().selectFirst(".license-seats").text()).isEqualTo("0 of 3");
        for (String user : new String[] {"ann", "bob", "cy"}) {
            assertThat(addUser(e, key, user).get("code").asText()).as(user).isEqualTo("SEAT_CLAIMED");
        }
        JsonNode fourth = addUser(e, key, "dee");
        assertThat(fourth.get("code").asText()).isEqualTo("TOO_MANY_USERS");
        assertThat(fourth.get("detail").asText()).contains("3 of 3");
        JsonNode valid = e.client().postJson("/api/v1/licenses/validate", Map.of("key", key, "scope", Map.of("user", "bob"))).json();
        assertThat(valid.get("code").asText()).isEqualTo("VALID");
        assertThat(valid.get("license").get("maxUsers").asInt()).isEqualTo(3);
        assertThat(SubscriptionFixture.count(e, "SELECT COUNT(*) FROM audit_log a JOIN licenses l ON l.id = a.subject_id "
                + "WHERE a.action = 'license.seats' AND l.license_key = ?", key)).as("audited").isEqualTo(1);
    }

    @EngineTest
    void aPlanNotSoldBySeatsLeavesThePolicysCap(TestEngine e) {
        String plan = recurringPlan(e, SubscriptionFixture.monthly(1000, 0));
        TestClient customer = TestUsers.signIn(e, "customer").client();
        JsonNode placed = SubscriptionFixture.checkout(customer, plan);
        payOnSandbox(customer, placed.get("paymentUrl").asText(), GOOD_CARD);
        drain(e);
        String key = licenseKey(customer, placed.get("orderId").asText());
        for (int i = 0; i < 4; i++) {
            assertThat(addUser(e, key, "user-" + i).get("code").asText()).isEqualTo("SEAT_CLAIMED");
        }
        assertThat(SubscriptionFixture.count(e, "SELECT COUNT(*) FROM licenses WHERE license_key = ? AND max_users IS NOT NULL", key)).isZero();
    }

    private static JsonNode addUser(TestEngine e, String key, String user) {
        return e.client().postJson("/api/v1/licenses/users/add", Map.of("key", key, "user", user)).json();
    }

    private static String licenseKey(TestClient customer, String orderId) {
        for (JsonNode ent : customer.get("/api/v1/orders/" + orderId + "/entitlements").json().get("data")) {
            if (ent.get("kind").asText().equals("license")) {
                return ent.get("license").get("key").asText();
            }
        }
        throw new AssertionError("order " + orderId + " granted no license");
    }
}
