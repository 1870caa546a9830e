package com.mintreu.engine.checkout;

import static com.mintreu.engine.checkout.MoneyPathFixture.checkout;
import static com.mintreu.engine.checkout.MoneyPathFixture.publishedPlan;
import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.WithConfig;
import com.mintreu.engine.testing.TestUsers;
import java.util.LinkedHashMap;
import java.util.Map;

/** Who may see and change an order: its customer and admins; everyone else sees nothing. */
@WithConfig(bundledPlugins = true, value = MoneyPathFixture.CONFIG)
class OrderAccessTest {





    @EngineTest
    void onlyTheCustomerAndAdminsReachAnOrder(TestEngine e) {
        String kind = e.kind();
        String plan = publishedPlan(e, 1100);
        TestClient customerA = TestUsers.signIn(e, "customer").client();
        TestClient customerB = TestUsers.signIn(e, "customer").client();
        TestClient sellerA = TestUsers.signIn(e, "seller").client();
        TestClient sellerB = TestUsers.signIn(e, "seller").client();
        TestClient admin = TestUsers.signIn(e, "admin").client();
        TestClient anonymous = e.client();
        String order = checkout(customerA, plan, null, Map.of()).json().get("orderId").asText();

        Map<String, TestClient> callers = new LinkedHashMap<>();
        callers.put("customer A", customerA);
        callers.put("customer B", customerB);
        callers.put("seller A", sellerA);
        callers.put("seller B", sellerB);
        callers.put("admin", admin);
        callers.put("anonymous", anonymous);
        Map<String, int[]> expected = Map.of( // API, page
                "customer A", new int[] {200, 200}, "customer B", new int[] {404, 404}, "seller A", new int[] {404, 404},
                "seller B", new int[] {404, 404}, "admin", new int[] {200, 200}, "anonymous", new int[] {401, 303});
        callers.forEach((who, client) -> {
            assertThat(client.get("/api/v1/orders/" + order).status()).as(who + " API").isEqualTo(expected.get(who)[0]);
            assertThat(client.get("/account/orders/" + order).status()).as(who + " page").isEqualTo(expected.get(who)[1]);
            assertThat(client.get("/api/v1/orders/" + order + "/entitlements").status()).as(who + " entitlements")
                    .isEqualTo(expected.get(who)[0]);
        });
        assertThat(customerB.post("/api/v1/orders/" + order + "/cancel", null, "").status()).isEqualTo(404);
        assertThat(customerB.post("/api/v1/orders/" + order + "/pay", null, "").status()).isEqualTo(404);
        assertThat(customerB.get("/api/v1/orders").json().get("data")).isEmpty();
        assertThat(customerA.get("/api/v1/admin/orders?status=pending").status()).isEqualTo(403);
        assertThat(anonymous.get("/api/v1/admin/orders?status=pending").status()).isEqualTo(401);
        assertThat(admin.get("/api/v1/admin/orders?status=pending").json().get("data").findValuesAsText("id")).contains(order);
        assertThat(admin.get("/api/v1/admin/orders?status=bogus").status()).isEqualTo(422);

        assertThat(customerA.post("/api/v1/orders/" + order + "/cancel", null, "").status()).isEqualTo(200);
        assertThat(customerA.post("/api/v1/orders/" + order + "/cancel", null, "").json().get("code").asText())
                .as("a canceled order stays canceled").isEqualTo("ILLEGAL_TRANSITION");
    }

    @EngineTest
    void checkoutRefusesBadInputWithCodes(TestEngine e) {
        String kind = e.kind();
        TestClient customer = TestUsers.signIn(e, "customer").client();
        assertThat(customer.postJson("/api/v1/checkout", Map.of()).json().get("code").asText()).isEqualTo("CART_EMPTY");
        assertThat(customer.postJson("/api/v1/cart/items", "{bad json").json().get("code").asText()).isEqualTo("MALFORMED_JSON");
        assertThat(customer.post("/api/v1/cart/items", "text/plain", "planId=x").status()).isEqualTo(415);
        assertThat(customer.postJson("/api/v1/cart/items", Map.of("planId", "pln_nope")).json().get("code").asText()).isEqualTo("NOT_PURCHASABLE");
        assertThat(customer.postJson("/api/v1/cart/items", Map.of("planId", "x".repeat(10_000))).status()).isEqualTo(422);
        assertThat(customer.postJson("/api/v1/cart/items", Map.of("planId", 12)).status()).isEqualTo(422);
        String plan = publishedPlan(e, 100);
        assertThat(customer.postJson("/api/v1/cart/items", Map.of("planId", plan, "quantity", 0)).status()).isEqualTo(422);
        assertThat(customer.postJson("/api/v1/cart/items", Map.of("planId", plan, "quantity", 11)).status()).isEqualTo(422);
        assertThat(customer.postJson("/api/v1/cart/items", Map.of("planId", plan)).status()).isEqualTo(200);
        assertThat(customer.postJson("/api/v1/checkout", Map.of("voucher", "NO-SUCH")).json().get("code").asText()).isEqualTo("VOUCHER_INVALID");
        assertThat(customer.postJson("/api/v1/checkout", Map.of("gateway", "nope")).json().get("code").asText()).isEqualTo("UNKNOWN_GATEWAY");
        assertThat(customer.postJson("/api/v1/checkout", Map.of(), Map.of("Idempotency-Key", "k".repeat(200))).status()).isEqualTo(422);
        assertThat(customer.get("/api/v1/orders").json().get("data")).as("nothing half-written").isEmpty();
        assertThat(customer.delete("/api/v1/cart/items/pln_not_in_cart").status()).isEqualTo(404);
    }
}
