package com.mintreu.engine.checkout;

import static com.mintreu.engine.checkout.MoneyPathFixture.checkout;
import static com.mintreu.engine.checkout.MoneyPathFixture.pressOnSandbox;
import static com.mintreu.engine.checkout.MoneyPathFixture.publishedPlan;
import static com.mintreu.engine.checkout.MoneyPathFixture.status;
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

/** A voucher use spent on an order that ends unpaid comes back, once, however many cancels and expiries race. */
@WithConfig(bundledPlugins = true, value = MoneyPathFixture.CONFIG)
class VoucherReturnTest {

    private static int uses(TestEngine e, String code) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT uses FROM vouchers WHERE code = :c").bind("c", code).mapTo(Integer.class).one());
    }

    @EngineTest
    void cancelsAndExpiriesRacingOnOneOrderGiveItsUseBackOnce(TestEngine e) throws Exception {
        String kind = e.kind();
        String plan = publishedPlan(e, 1000);
        TestClient admin = TestUsers.signIn(e, "admin").client();
        String code = "RACE-" + kind.toUpperCase();
        assertThat(admin.postJson("/api/v1/admin/vouchers", Map.of("code", code, "percent", 10, "maxUses", 10)).status()).isEqualTo(201);
        // two paid orders hold uses that must stay taken
        for (int i = 0; i < 2; i++) {
            TestClient buyer = TestUsers.signIn(e, "customer").client();
            JsonNode paid = checkout(buyer, plan, null, Map.of("voucher", code)).json();
            pressOnSandbox(buyer, paid.get("paymentUrl").asText(), "pay");
            assertThat(status(buyer, paid.get("orderId").asText())).isEqualTo("paid");
        }
        TestClient customer = TestUsers.signIn(e, "customer").client();
        Response placed = checkout(customer, plan, null, Map.of("voucher", code));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        String orderId = placed.json().get("orderId").asText();
        assertThat(uses(e, code)).isEqualTo(3);

        int n = 16;
        var orders = e.engine().component().orders();
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Future<Integer>> cancels = new ArrayList<>();
        List<Future<Integer>> expiries = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            for (int i = 0; i < n; i++) {
                if (i % 2 == 0) {
                    cancels.add(pool.submit(() -> {
                        start.await();
                        return customer.post("/api/v1/orders/" + orderId + "/cancel", null, "").status();
                    }));
                } else {
                    expiries.add(pool.submit(() -> {
                        start.await();
                        long now = e.clock().millis() + 1;
                        return e.engine().component().reconciliation().reconcile(now, now); // pending at the sandbox, and past expireAfter: expires
                    }));
                }
            }
            start.countDown();
            int canceled = 0;
            for (Future<Integer> f : cancels) {
                int s = f.get();
                assertThat(s).isIn(200, 409);
                canceled += s == 200 ? 1 : 0;
            }
            int expired = 0;
            for (Future<Integer> f : expiries) {
                expired += f.get();
            }
            assertThat(canceled + expired).as("exactly one request ended the order").isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(status(customer, orderId)).isIn("canceled", "expired");
        assertThat(uses(e, code)).as("the use came back once; the paid orders keep theirs").isEqualTo(2);
        int returned = e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM voucher_redemptions WHERE order_id = :o AND returned_at IS NOT NULL")
                .bind("o", orderId).mapTo(Integer.class).one());
        assertThat(returned).isEqualTo(1);
    }

    @EngineTest
    void aSingleUseVoucherOnACanceledOrderCanBeUsedAgain(TestEngine e) {
        String kind = e.kind();
        String plan = publishedPlan(e, 800);
        TestClient admin = TestUsers.signIn(e, "admin").client();
        String code = "ONLY-" + kind.toUpperCase();
        assertThat(admin.postJson("/api/v1/admin/vouchers", Map.of("code", code, "percent", 50, "maxUses", 1, "perCustomerLimit", 1))
                .status()).isEqualTo(201);
        TestClient customer = TestUsers.signIn(e, "customer").client();
        String first = checkout(customer, plan, null, Map.of("voucher", code)).json().get("orderId").asText();
        TestClient other = TestUsers.signIn(e, "customer").client();
        assertThat(checkout(other, plan, null, Map.of("voucher", code)).json().get("code").asText()).isEqualTo("VOUCHER_EXHAUSTED");

        assertThat(customer.post("/api/v1/orders/" + first + "/cancel", null, "").status()).isEqualTo(200);
        assertThat(uses(e, code)).isZero();
        Response again = checkout(customer, plan, null, Map.of("voucher", code));
        assertThat(again.status()).as("the same customer's per-customer limit counts only kept uses: " + again.body()).isEqualTo(201);
        assertThat(again.json().get("total").get("minor").asLong()).isEqualTo(400);
        assertThat(uses(e, code)).isEqualTo(1);
    }
}
