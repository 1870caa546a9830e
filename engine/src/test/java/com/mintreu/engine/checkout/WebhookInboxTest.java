package com.mintreu.engine.checkout;

import static com.mintreu.engine.checkout.MoneyPathFixture.checkout;
import static com.mintreu.engine.checkout.MoneyPathFixture.outboxRows;
import static com.mintreu.engine.checkout.MoneyPathFixture.publishedPlan;
import static com.mintreu.engine.checkout.MoneyPathFixture.sign;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The payment inbox: verified before acknowledged, each event once, amounts checked, races settled by the database. */
@WithConfig(bundledPlugins = true, value = MoneyPathFixture.CONFIG)
class WebhookInboxTest {





    record Placed(TestClient customer, String orderId, String reference) {}

    private static Placed place(TestEngine e, long price) {
        String plan = publishedPlan(e, price);
        TestClient customer = TestUsers.signIn(e, "customer").client();
        JsonNode placed = checkout(customer, plan, null, Map.of()).json();
        return new Placed(customer, placed.get("orderId").asText(), placed.get("paymentUrl").asText().replaceAll(".*/checkout/", ""));
    }

    private static Response send(TestEngine e, String body, String signature) {
        return e.client().post("/api/v1/webhooks/payment-sandbox", "application/json", body, Map.of("Mintreu-Sandbox-Signature", signature));
    }

    private static Instant now(TestEngine e) {
        return Instant.ofEpochMilli(e.clock().millis());
    }

    private static int inboxRows(TestEngine e, String eventId) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM payment_events WHERE provider_event_id = :id")
                .bind("id", eventId).mapTo(Integer.class).one());
    }

    @EngineTest
    void forgedAndStaleWebhooksAreRejectedAndNothingIsRecorded(TestEngine e) {
        String kind = e.kind();
        Placed p = place(e, 1200);
        Map<String, String> good = signedEvent("evt_forged_" + kind, "payment.succeeded", p.reference(), p.orderId(), 1200, now(e));

        Response forged = send(e, good.get("body"), sign("not-the-secret-000000000000000000000", now(e), good.get("body")));
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.json().get("code").asText()).isEqualTo("WEBHOOK_REJECTED");

        Response tampered = send(e, good.get("body").replace("1200", "1"), good.get("signature"));
        assertThat(tampered.status()).isEqualTo(400);

        Instant stale = now(e).minusSeconds(301);
        Map<String, String> old = signedEvent("evt_stale_" + kind, "payment.succeeded", p.reference(), p.orderId(), 1200, stale);
        Response staleAnswer = send(e, old.get("body"), old.get("signature"));
        assertThat(staleAnswer.status()).isEqualTo(400);
        assertThat(staleAnswer.json().get("detail").asText()).contains("STALE_TIMESTAMP");

        assertThat(send(e, good.get("body"), "").status()).as("no signature").isEqualTo(400);
        assertThat(inboxRows(e, "evt_forged_" + kind) + inboxRows(e, "evt_stale_" + kind)).isZero();
        assertThat(status(p.customer(), p.orderId())).isEqualTo("pending");
    }

    @EngineTest
    void aPaymentThatDoesNotMatchTheOrderIsHeldAndGrantsNothing(TestEngine e) {
        String kind = e.kind();
        Placed p = place(e, 4000);
        Map<String, String> cheap = signedEvent("evt_cheap_" + kind, "payment.succeeded", p.reference(), p.orderId(), 400, now(e));
        Response answer = send(e, cheap.get("body"), cheap.get("signature"));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("results").get(0).asText()).isEqualTo("HELD");
        assertThat(status(p.customer(), p.orderId())).isEqualTo("held");
        assertThat(outboxRows(e, "order.paid", p.orderId())).isZero();

        TestClient admin = TestUsers.signIn(e, "admin").client();
        JsonNode held = admin.get("/api/v1/admin/orders?status=held").json().get("data");
        assertThat(held.findValuesAsText("id")).contains(p.orderId());
        assertThat(held.findValuesAsText("holdReason")).anyMatch(r -> r.contains("paid 4.00 EUR but the order total is 40.00 EUR"));
        assertThat(p.customer().post("/api/v1/admin/orders/" + p.orderId() + "/release", null, "").status()).isEqualTo(403);

        assertThat(admin.post("/api/v1/admin/orders/" + p.orderId() + "/release", null, "").status()).isEqualTo(200);
        assertThat(status(p.customer(), p.orderId())).isEqualTo("paid");
        assertThat(outboxRows(e, "order.paid", p.orderId())).isEqualTo(1);
    }

    @EngineTest
    void theSameWebhookSentOneHundredTimesAtOncePaysOnce(TestEngine e) throws Exception {
        String kind = e.kind();
        Placed p = place(e, 2200);
        String eventId = "evt_storm_" + kind;
        Map<String, String> event = signedEvent(eventId, "payment.succeeded", p.reference(), p.orderId(), 2200, now(e));
        int n = 100;
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            for (int i = 0; i < n; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return send(e, event.get("body"), event.get("signature"));
                }));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<Response> f : answers) {
                Response r = f.get();
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                results.add(r.json().get("results").get(0).asText());
            }
            assertThat(results.stream().filter("APPLIED"::equals).count()).isEqualTo(1);
            assertThat(results.stream().filter("DUPLICATE"::equals).count()).isEqualTo(n - 1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(inboxRows(e, eventId)).isEqualTo(1);
        assertThat(outboxRows(e, "order.paid", p.orderId())).isEqualTo(1);
        assertThat(status(p.customer(), p.orderId())).isEqualTo("paid");

        for (int pass = 0; pass < 3; pass++) {
            e.engine().component().outboxDispatcher().deliverDue();
        }
        assertThat(status(p.customer(), p.orderId())).isEqualTo("fulfilled");
        assertThat(p.customer().get("/api/v1/orders/" + p.orderId() + "/entitlements").json().findValuesAsText("kind"))
                .as("one set of entitlements").containsExactly("download");
        int receipts = e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM outbox WHERE topic = 'mail' AND payload LIKE :p")
                .bind("p", "%Your receipt for order " + p.orderId() + "%").mapTo(Integer.class).one());
        assertThat(receipts).as("one receipt").isEqualTo(1);

        Map<String, String> second = signedEvent(eventId + "_again", "payment.succeeded", p.reference(), p.orderId(), 2200, now(e));
        assertThat(send(e, second.get("body"), second.get("signature")).json().get("results").get(0).asText())
                .as("another success for a paid order grants nothing more").isEqualTo("IGNORED");
        assertThat(outboxRows(e, "order.paid", p.orderId())).isEqualTo(1);
    }

    @EngineTest
    void aSingleUseVoucherRedeemedOneHundredTimesAtOnceWorksOnce(TestEngine e) throws Exception {
        String kind = e.kind();
        String plan = publishedPlan(e, 1000);
        TestClient admin = TestUsers.signIn(e, "admin").client();
        String code = "ONCE-" + kind.toUpperCase();
        Response created = admin.postJson("/api/v1/admin/vouchers", Map.of("code", code, "percent", 50, "maxUses", 1));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        int n = 100;
        List<TestClient> customers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TestClient c = TestUsers.signIn(e, "customer").client();
            assertThat(c.postJson("/api/v1/cart/items", Map.of("planId", plan)).status()).isEqualTo(200);
            customers.add(c);
        }
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            for (TestClient c : customers) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return c.postJson("/api/v1/checkout", Map.of("voucher", code.toLowerCase()));
                }));
            }
            start.countDown();
            int won = 0;
            int exhausted = 0;
            for (Future<Response> f : answers) {
                Response r = f.get();
                if (r.status() == 201) {
                    won++;
                    assertThat(r.json().get("total").get("minor").asLong()).isEqualTo(500);
                } else {
                    assertThat(r.status()).as(r.body()).isEqualTo(409);
                    assertThat(r.json().get("code").asText()).isEqualTo("VOUCHER_EXHAUSTED");
                    exhausted++;
                }
            }
            assertThat(won).isEqualTo(1);
            assertThat(exhausted).isEqualTo(n - 1);
        } finally {
            pool.shutdownNow();
        }
        int uses = e.jdbi().withHandle(h -> h.createQuery("SELECT uses FROM vouchers WHERE code = :c").bind("c", code).mapTo(Integer.class).one());
        int redemptions = e.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM voucher_redemptions r JOIN vouchers v ON v.id = r.voucher_id WHERE v.code = :c").bind("c", code)
                .mapTo(Integer.class).one());
        assertThat(uses).isEqualTo(1);
        assertThat(redemptions).isEqualTo(1);
    }
}
