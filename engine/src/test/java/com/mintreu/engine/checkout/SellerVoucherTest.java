package com.mintreu.engine.checkout;

import static com.mintreu.engine.checkout.MoneyPathFixture.publishedPlan;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Sellers' own vouchers through the API: rights, input rules, scoping to the seller's lines, disabling, and the usage limit under a race. */
@WithConfig(bundledPlugins = true, value = MoneyPathFixture.CONFIG)
class SellerVoucherTest {

    private static String productOf(TestEngine e, String plan) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT product_id FROM plans WHERE id = :p").bind("p", plan).mapTo(String.class).one());
    }

    private static int count(TestEngine e, String sql, String arg) {
        return e.jdbi().withHandle(h -> h.createQuery(sql).bind(0, arg).mapTo(Integer.class).one());
    }

    private static String code(Response r) {
        return r.json().path("code").asText();
    }

    @EngineTest
    void aSellerCreatesListsAndDisablesOnlyTheirOwnVouchers(TestEngine e) {
        TestClient alice = TestUsers.signIn(e, "seller").client();
        TestClient bob = TestUsers.signIn(e, "seller").client();
        String alicePlan = publishedPlan(e, alice, 2000, "download");
        String bobPlan = publishedPlan(e, bob, 2000, "download");
        String k = e.kind().toUpperCase();

        Response created = alice.postJson("/api/v1/seller/vouchers", Map.of("code", "alice-" + k, "percent", 20, "productIds", List.of(productOf(e, alicePlan))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.json().get("code").asText()).isEqualTo("ALICE-" + k);
        assertThat(created.json().get("sellerId").asText()).isNotBlank();
        assertThat(count(e, "SELECT COUNT(*) FROM audit_log WHERE action = 'voucher.create' AND subject_id = ?", id)).isEqualTo(1);

        Response bobsTry = bob.postJson("/api/v1/seller/vouchers", Map.of("code", "BOB1-" + k, "percent", 20, "productIds", List.of(productOf(e, alicePlan))));
        assertThat(bobsTry.status()).as("another seller's product is refused").isEqualTo(422);
        assertThat(bobsTry.body()).contains("productIds").contains("not one of your products");
        assertThat(bob.postJson("/api/v1/seller/vouchers", Map.of("code", "BOB2-" + k, "percent", 10)).status()).isEqualTo(201);

        JsonNode aliceList = alice.get("/api/v1/seller/vouchers").json().get("data");
        assertThat(aliceList).hasSize(1);
        assertThat(aliceList.get(0).get("id").asText()).isEqualTo(id);
        assertThat(bob.get("/api/v1/seller/vouchers").json().get("data")).hasSize(1);

        assertThat(bob.post("/api/v1/seller/vouchers/" + id + "/disable", null, "").status()).as("another seller's voucher").isEqualTo(404);
        TestClient admin = TestUsers.signIn(e, "admin").client();
        String adminId = admin.postJson("/api/v1/admin/vouchers", Map.of("code", "PLATFORM-" + k, "percent", 5)).json().get("id").asText();
        assertThat(alice.post("/api/v1/seller/vouchers/" + adminId + "/disable", null, "").status()).as("the platform's voucher").isEqualTo(404);
        assertThat(TestUsers.signIn(e, "customer").client().get("/api/v1/seller/vouchers").status()).isEqualTo(403);
        assertThat(e.client().get("/api/v1/seller/vouchers").status()).isEqualTo(401);

        TestClient customer = TestUsers.signIn(e, "customer").client();
        assertThat(customer.postJson("/api/v1/cart/items", Map.of("planId", alicePlan)).status()).isEqualTo(200);
        Response disabled = alice.post("/api/v1/seller/vouchers/" + id + "/disable", null, "");
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().get("disabledAt").isNull()).isFalse();
        assertThat(alice.post("/api/v1/seller/vouchers/" + id + "/disable", null, "").status()).as("idempotent").isEqualTo(200);
        assertThat(count(e, "SELECT COUNT(*) FROM audit_log WHERE action = 'voucher.disable' AND subject_id = ?", id)).isEqualTo(1);
        Response refused = customer.postJson("/api/v1/checkout", Map.of("voucher", "ALICE-" + k));
        assertThat(code(refused)).isEqualTo("VOUCHER_INVALID");
        assertThat(customer.get("/api/v1/orders").json().get("data")).as("nothing half-written").isEmpty();
    }

    @EngineTest
    void badInputIsRefusedFieldByField(TestEngine e) {
        TestClient seller = TestUsers.signIn(e, "seller").client();
        record Case(Map<String, Object> body, String field) {}
        long past = e.clock().millis() - 1000;
        List<Case> all = List.of(new Case(Map.of("code", "x", "percent", 5), "code"), new Case(Map.of("code", "GOOD1", "percent", 0), "percent"),
                new Case(Map.of("code", "GOOD1", "percent", 101), "percent"), new Case(Map.of("code", "GOOD1"), "percent"),
                new Case(Map.of("code", "GOOD1", "amountMinor", 500, "currency", "XYZ"), "currency"),
                new Case(Map.of("code", "GOOD1", "amountMinor", 0, "currency", "EUR"), "amountMinor"),
                new Case(Map.of("code", "GOOD1", "percent", 5, "expiresAt", past), "expiresAt"),
                new Case(Map.of("code", "GOOD1", "percent", 5, "maxUses", 0), "maxUses"),
                new Case(Map.of("code", "GOOD1", "percent", 5, "productIds", List.of("prd_nope")), "productIds"));
        for (Case c : all) {
            Response r = seller.postJson("/api/v1/seller/vouchers", c.body());
            assertThat(r.status()).as(c.toString()).isEqualTo(422);
            assertThat(r.body()).as(c.toString()).contains("\"" + c.field() + "\"");
        }
        assertThat(seller.get("/api/v1/seller/vouchers").json().get("data")).as("nothing saved").isEmpty();
        assertThat(TestUsers.signIn(e, "admin").client().postJson("/api/v1/admin/vouchers", Map.of("code", "TAKEN1", "percent", 5)).status()).isEqualTo(201);
        Response taken = seller.postJson("/api/v1/seller/vouchers", Map.of("code", "taken1", "percent", 5));
        assertThat(taken.status()).as("codes are unique across sellers and the platform, in any case").isEqualTo(422);
        assertThat(taken.body()).contains("exists already");
    }

    @EngineTest
    void aSellerVoucherDiscountsOnlyThatSellersLinesOfAMixedCart(TestEngine e) {
        TestClient alice = TestUsers.signIn(e, "seller").client();
        TestClient bob = TestUsers.signIn(e, "seller").client();
        String aliceA = publishedPlan(e, alice, 1000, "download");
        String aliceB = publishedPlan(e, alice, 3000, "download");
        String bobPlan = publishedPlan(e, bob, 4000, "download");
        String k = e.kind().toUpperCase();
        // a fixed amount larger than the seller's lines is capped at them: it never eats into another seller's price
        assertThat(alice.postJson("/api/v1/seller/vouchers", Map.of("code", "ALL-" + k, "amountMinor", 5000, "currency", "EUR")).status()).isEqualTo(201);
        assertThat(alice.postJson("/api/v1/seller/vouchers", Map.of("code", "PCT-" + k, "percent", 25)).status()).isEqualTo(201);

        TestClient customer = TestUsers.signIn(e, "customer").client();
        for (String plan : List.of(aliceA, bobPlan, aliceB)) {
            assertThat(customer.postJson("/api/v1/cart/items", Map.of("planId", plan)).status()).isEqualTo(200);
        }
        Response placed = customer.postJson("/api/v1/checkout", Map.of("voucher", "pct-" + k));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        String order = placed.json().get("orderId").asText();
        assertThat(placed.json().get("total").get("minor").asLong()).as("25 % of alice's 40.00, bob's 40.00 untouched").isEqualTo(7000);
        Map<String, Long> discounts = e.jdbi().withHandle(h -> h.createQuery("SELECT plan_id, discount_minor FROM order_lines WHERE order_id = :o")
                .bind("o", order).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        assertThat(discounts).containsEntry(aliceA, 250L).containsEntry(aliceB, 750L).containsEntry(bobPlan, 0L);

        TestClient second = TestUsers.signIn(e, "customer").client();
        for (String plan : List.of(aliceA, bobPlan)) {
            assertThat(second.postJson("/api/v1/cart/items", Map.of("planId", plan)).status()).isEqualTo(200);
        }
        Response capped = second.postJson("/api/v1/checkout", Map.of("voucher", "ALL-" + k));
        assertThat(capped.status()).as(capped.body()).isEqualTo(201);
        assertThat(capped.json().get("total").get("minor").asLong()).as("alice's 10.00 free, bob's 40.00 paid").isEqualTo(4000);

        TestClient third = TestUsers.signIn(e, "customer").client();
        assertThat(third.postJson("/api/v1/cart/items", Map.of("planId", bobPlan)).status()).isEqualTo(200);
        Response onlyBob = third.postJson("/api/v1/checkout", Map.of("voucher", "PCT-" + k));
        assertThat(code(onlyBob)).as("nothing of alice's in the cart").isEqualTo("VOUCHER_INVALID");
    }

    @EngineTest
    void racingCheckoutsNeverTakeMoreUsesThanTheLimit(TestEngine e) throws Exception {
        TestClient seller = TestUsers.signIn(e, "seller").client();
        String plan = publishedPlan(e, seller, 1000, "download");
        String code = "LIMIT-" + e.kind().toUpperCase();
        int limit = 3;
        assertThat(seller.postJson("/api/v1/seller/vouchers", Map.of("code", code, "percent", 50, "maxUses", limit)).status()).isEqualTo(201);
        int n = 10;
        List<TestClient> customers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TestClient c = TestUsers.signIn(e, "customer").client();
            assertThat(c.postJson("/api/v1/cart/items", Map.of("planId", plan)).status()).isEqualTo(200);
            customers.add(c);
        }
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Future<Response>> results = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            for (TestClient c : customers) {
                results.add(pool.submit(() -> {
                    start.await();
                    return c.postJson("/api/v1/checkout", Map.of("voucher", code));
                }));
            }
            start.countDown();
            int placed = 0;
            for (Future<Response> f : results) {
                Response r = f.get();
                if (r.status() == 201) {
                    placed++;
                    assertThat(r.json().get("total").get("minor").asLong()).isEqualTo(500);
                } else {
                    assertThat(code(r)).as(r.body()).isEqualTo("VOUCHER_EXHAUSTED");
                }
            }
            assertThat(placed).isEqualTo(limit);
        } finally {
            pool.shutdownNow();
        }
        assertThat(count(e, "SELECT uses FROM vouchers WHERE code = ?", code)).isEqualTo(limit);
        assertThat(count(e, "SELECT COUNT(*) FROM voucher_redemptions r JOIN vouchers v ON v.id = r.voucher_id WHERE v.code = ?", code)).isEqualTo(limit);
        assertThat(count(e, "SELECT COUNT(*) FROM orders o JOIN vouchers v ON v.id = o.voucher_id WHERE v.code = ?", code)).isEqualTo(limit);
    }
}
