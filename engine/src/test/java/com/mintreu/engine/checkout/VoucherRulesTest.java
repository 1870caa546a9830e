package com.mintreu.engine.checkout;

import static com.mintreu.engine.checkout.MoneyPathFixture.publishedPlan;
import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Voucher rules through the API: fixed amounts, expiry, per-customer limits, product restrictions, admin-only creation. */
@WithConfig(bundledPlugins = true, value = MoneyPathFixture.CONFIG)
class VoucherRulesTest {

    private static Response buy(TestClient customer, String plan, String voucher) {
        assertThat(customer.postJson("/api/v1/cart/items", Map.of("planId", plan)).status()).isEqualTo(200);
        return customer.postJson("/api/v1/checkout", Map.of("voucher", voucher));
    }

    @EngineTest
    void fixedExpiringPerCustomerAndRestrictedVouchers(TestEngine e) {
        String kind = e.kind();
        String plan = publishedPlan(e, 3000);
        String otherPlan = publishedPlan(e, 3000);
        String product = e.jdbi().withHandle(h -> h.createQuery("SELECT product_id FROM plans WHERE id = :p").bind("p", plan).mapTo(String.class).one());
        TestClient admin = TestUsers.signIn(e, "admin").client();
        long expiresAt = e.clock().millis() + Duration.ofHours(1).toMillis();
        assertThat(admin.postJson("/api/v1/admin/vouchers", Map.of("code", "TENOFF-" + kind, "amountMinor", 1000, "currency", "EUR",
                "perCustomerLimit", 1, "expiresAt", expiresAt, "productIds", List.of(product))).status()).isEqualTo(201);

        TestClient alice = TestUsers.signIn(e, "customer").client();
        Response first = buy(alice, plan, "tenoff-" + kind);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().get("total").get("minor").asLong()).isEqualTo(2000);
        Response again = buy(alice, plan, "TENOFF-" + kind);
        assertThat(again.json().get("code").asText()).as("once per customer").isEqualTo("VOUCHER_EXHAUSTED");

        TestClient bob = TestUsers.signIn(e, "customer").client();
        assertThat(bob.postJson("/api/v1/cart/items", Map.of("planId", otherPlan)).status()).isEqualTo(200);
        assertThat(bob.postJson("/api/v1/checkout", Map.of("voucher", "TENOFF-" + kind)).json().get("code").asText())
                .as("restricted to another product").isEqualTo("VOUCHER_INVALID");
        bob.delete("/api/v1/cart/items/" + otherPlan);

        e.clock().advance(Duration.ofHours(2));
        Response late = buy(bob, plan, "TENOFF-" + kind);
        assertThat(late.json().get("code").asText()).isEqualTo("VOUCHER_INVALID");
        assertThat(late.json().get("detail").asText()).contains("expired");
        assertThat(bob.get("/api/v1/orders").json().get("data")).as("nothing half-written").isEmpty();
    }

    @EngineTest
    void onlyAdminsCreateVouchersAndBadOnesAreRefused(TestEngine e) {
        TestClient admin = TestUsers.signIn(e, "admin").client();
        assertThat(TestUsers.signIn(e, "seller").client().postJson("/api/v1/admin/vouchers", Map.of("code", "X1X", "percent", 5)).status()).isEqualTo(403);
        assertThat(e.client().postJson("/api/v1/admin/vouchers", Map.of("code", "X1X", "percent", 5)).status()).isEqualTo(401);
        assertThat(admin.postJson("/api/v1/admin/vouchers", Map.of("code", "X1X", "percent", 5, "amountMinor", 5, "currency", "EUR")).status()).isEqualTo(422);
        assertThat(admin.postJson("/api/v1/admin/vouchers", Map.of("code", "X1X", "percent", 101)).status()).isEqualTo(422);
        assertThat(admin.postJson("/api/v1/admin/vouchers", Map.of("code", "x", "percent", 5)).status()).isEqualTo(422);
        assertThat(admin.postJson("/api/v1/admin/vouchers", Map.of("code", "X1X", "amountMinor", 5, "currency", "euro")).status()).isEqualTo(422);
        assertThat(admin.postJson("/api/v1/admin/vouchers", Map.of("code", "X1X", "percent", 5, "bogus", 1)).status()).isEqualTo(400);
        assertThat(admin.postJson("/api/v1/admin/vouchers", Map.of("code", "dup-" + e.kind(), "percent", 5)).status()).isEqualTo(201);
        assertThat(admin.postJson("/api/v1/admin/vouchers", Map.of("code", "DUP-" + e.kind(), "percent", 5)).status()).as("codes are case-insensitive").isEqualTo(422);
    }
}
