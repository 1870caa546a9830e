package com.mintreu.engine.checkout;

import static com.mintreu.engine.checkout.MoneyPathFixture.SANDBOX_SECRET;
import static com.mintreu.engine.checkout.MoneyPathFixture.checkout;
import static com.mintreu.engine.checkout.MoneyPathFixture.pressOnSandbox;
import static com.mintreu.engine.checkout.MoneyPathFixture.publishedPlan;
import static com.mintreu.engine.checkout.MoneyPathFixture.sign;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.api.money.Money;
import com.mintreu.engine.ledger.Ledger;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Refunds and disputes through HTTP with the sandbox gateway, on both databases. */
@WithConfig(bundledPlugins = true, value = MoneyPathFixture.CONFIG)
class RefundFlowTest {

    /** A fulfilled order of two software lines (15.00 and 25.00 EUR) by one seller, paid on the sandbox's page. */
    record Paid(TestUsers.User seller, TestUsers.User customer, String orderId, String reference, String line1, String line2) {}

    private static Paid paid(TestEngine e) throws Exception {
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        String plan1 = publishedPlan(e, seller.client(), 1500, "software");
        String plan2 = publishedPlan(e, seller.client(), 2500, "software");
        TestUsers.User customer = TestUsers.signIn(e, "customer");
        assertThat(customer.client().postJson("/api/v1/cart/items", Map.of("planId", plan1, "quantity", 1)).status()).isEqualTo(200);
        Response placed = checkout(customer.client(), plan2, null, Map.of());
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        String orderId = placed.json().get("orderId").asText();
        String url = placed.json().get("paymentUrl").asText();
        assertThat(pressOnSandbox(customer.client(), url, "pay").status()).isEqualTo(303);
        deliver(e);
        JsonNode order = customer.client().get("/api/v1/orders/" + orderId).json();
        assertThat(order.get("status").asText()).isEqualTo("fulfilled");
        JsonNode lines = order.get("lines");
        return new Paid(seller, customer, orderId, url.replaceAll(".*/checkout/", ""), lines.get(0).get("id").asText(), lines.get(1).get("id").asText());
    }

    private static void deliver(TestEngine e) throws Exception {
        for (int i = 0; i < 3; i++) {
            e.engine().component().outboxDispatcher().deliverDue();
        }
    }

    private static Response ask(Paid p, List<Map<String, Object>> lines) {
        return p.customer().client().postJson("/api/v1/orders/" + p.orderId() + "/refunds", Map.of("lines", lines, "reason", "it does not start"));
    }

    private static long sandboxRefunds(TestEngine e, String key) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM payment_sandbox_refunds WHERE idempotency_key = :k")
                .bind("k", key).mapTo(Long.class).one());
    }

    /** Mails about {@code orderId} containing {@code text} (the engine is shared by the tests of a database). */
    private static long mails(TestEngine e, Paid p, String text) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM outbox WHERE topic = 'mail' AND payload LIKE :p AND payload LIKE :o")
                .bind("p", "%" + text + "%").bind("o", "%" + p.orderId() + "%").mapTo(Long.class).one());
    }

    /** The status of the license granted by {@code lineId}, as its owner sees it. */
    private static String license(Paid p, String lineId) {
        JsonNode list = p.customer().client().get("/api/v1/orders/" + p.orderId() + "/entitlements").json();
        list = list.has("data") ? list.get("data") : list;
        for (JsonNode ent : list) {
            if (ent.get("kind").asText().equals("license") && lineOf(p, ent).equals(lineId)) {
                return ent.get("status").asText() + "/" + ent.get("license").get("status").asText();
            }
        }
        throw new AssertionError("no license for " + lineId + " in " + list);
    }

    private static String lineOf(Paid p, JsonNode entitlement) {
        return p.customer().client().get("/api/v1/orders/" + p.orderId()).json().get("lines").get(0).get("productId").asText()
                .equals(entitlement.get("productId").asText()) ? p.line1() : p.line2();
    }

    private static String download(Paid p, String lineId) {
        JsonNode list = p.customer().client().get("/api/v1/orders/" + p.orderId() + "/entitlements").json();
        list = list.has("data") ? list.get("data") : list;
        for (JsonNode ent : list) {
            if (ent.get("kind").asText().equals("download") && lineOf(p, ent).equals(lineId)) {
                return ent.path("downloadUrl").asText(null);
            }
        }
        throw new AssertionError("no download for " + lineId);
    }

    private static Response webhook(TestEngine e, String type, String data) {
        Instant at = Instant.ofEpochMilli(e.clock().millis());
        String body = "{\"id\":\"evt_" + System.nanoTime() + "\",\"type\":\"" + type + "\",\"created\":" + at.getEpochSecond() + ",\"data\":" + data + "}";
        return e.client().post("/api/v1/webhooks/payment-sandbox", "application/json", body, Map.of("Mintreu-Sandbox-Signature", sign(SANDBOX_SECRET, at, body)));
    }

    private static void ledgerBalances(TestEngine e) {
        Ledger ledger = e.engine().component().ledger();
        assertThat(ledger.totals().values()).allMatch(v -> v == 0);
    }

    private static Money sellerBalance(TestEngine e, TestUsers.User seller) {
        return e.engine().component().ledger().balances("seller:" + seller.id()).get("EUR").total();
    }

    @EngineTest
    void aRequestTheSellerApprovesIsRefundedOnceAndRevokesTheLine(TestEngine e) throws Exception {
        Paid p = paid(e);
        String link1 = download(p, p.line1());
        assertThat(e.client().get(link1).status()).isEqualTo(200);
        assertThat(sellerBalance(e, p.seller())).isEqualTo(Money.of(3600, "EUR")); // 40.00 minus the 10 % fee

        Response asked = ask(p, List.of(Map.of("lineId", p.line1())));
        assertThat(asked.status()).as(asked.body()).isEqualTo(201);
        String refundId = asked.json().get("id").asText();
        assertThat(asked.json().get("status").asText()).isEqualTo("requested");
        assertThat(asked.json().get("amountMinor").asLong()).isEqualTo(1500);
        assertThat(mails(e, p, "Approve or decline it")).as("the seller is told").isEqualTo(1);

        // the customer cannot decide their own refund; another seller does not even see it
        Response self = p.customer().client().postJson("/api/v1/refunds/" + refundId + "/approve", Map.of());
        assertThat(self.status()).isEqualTo(403);
        TestClient other = TestUsers.signIn(e, "seller").client();
        assertThat(other.get("/api/v1/refunds/" + refundId).status()).isEqualTo(404);
        assertThat(other.postJson("/api/v1/refunds/" + refundId + "/approve", Map.of()).status()).isEqualTo(404);
        assertThat(other.get("/api/v1/seller/refunds").json().get("data")).isEmpty();
        JsonNode mine = p.seller().client().get("/api/v1/seller/refunds?status=requested").json();
        assertThat(mine.get("data").findValuesAsText("id")).containsExactly(refundId);
        assertThat(mine.path("nextCursor").asText(null)).as("one page").isNull();

        // eight approvals at once: one wins, the provider refunds once with the stored key
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            for (int i = 0; i < n; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return p.seller().client().postJson("/api/v1/refunds/" + refundId + "/approve", Map.of("note", "sorry"));
                }));
            }
            start.countDown();
            int ok = 0;
            for (Future<Response> f : answers) {
                Response r = f.get();
                assertThat(r.status()).as(r.body()).isIn(200, 409);
                ok += r.status() == 200 ? 1 : 0;
            }
            assertThat(ok).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(sandboxRefunds(e, refundId)).isEqualTo(1);
        JsonNode done = p.customer().client().get("/api/v1/refunds/" + refundId).json();
        assertThat(done.get("status").asText()).isEqualTo("succeeded");
        assertThat(done.get("providerRefundId").asText()).startsWith("re_");

        deliver(e);
        ledgerBalances(e);
        assertThat(sellerBalance(e, p.seller())).as("line 1's share given back").isEqualTo(Money.of(2250, "EUR"));
        assertThat(license(p, p.line1())).isEqualTo("revoked/revoked");
        assertThat(license(p, p.line2())).isEqualTo("active/active");
        assertThat(e.client().get(link1).status()).isEqualTo(410);
        assertThat(mails(e, p, "is on its way")).as("the customer is told").isEqualTo(1);
        long audited = e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_log WHERE action = 'refund.approve' AND subject_id = :r")
                .bind("r", refundId).mapTo(Long.class).one());
        assertThat(audited).isEqualTo(1);

        // nothing more than was paid: line 1 is gone, line 2 has 25.00
        Response again = ask(p, List.of(Map.of("lineId", p.line1())));
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.json().get("code").asText()).isEqualTo("OVER_REFUND");
        Response tooMuch = ask(p, List.of(Map.of("lineId", p.line2(), "amountMinor", 2501)));
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.json().get("code").asText()).isEqualTo("OVER_REFUND");
    }

    @EngineTest
    void aDeclinedRequestMovesNoMoneyAndAPartialRefundKeepsTheLine(TestEngine e) throws Exception {
        Paid p = paid(e);
        String refundId = ask(p, List.of(Map.of("lineId", p.line2(), "amountMinor", 1000))).json().get("id").asText();
        Response declined = p.seller().client().postJson("/api/v1/refunds/" + refundId + "/decline", Map.of("note", "works for everyone else"));
        assertThat(declined.status()).as(declined.body()).isEqualTo(200);
        assertThat(declined.json().get("status").asText()).isEqualTo("declined");
        assertThat(p.seller().client().postJson("/api/v1/refunds/" + refundId + "/approve", Map.of()).json().get("code").asText())
                .isEqualTo("REFUND_ILLEGAL_TRANSITION");
        assertThat(sandboxRefunds(e, refundId)).isZero();
        assertThat(mails(e, p, "was declined")).isEqualTo(1);

        // an admin refunds 10.00 of line 2 directly: the line stays usable
        TestClient admin = TestUsers.signIn(e, "admin").client();
        Response direct = admin.postJson("/api/v1/admin/orders/" + p.orderId() + "/refunds",
                Map.of("lines", List.of(Map.of("lineId", p.line2(), "amountMinor", 1000)), "reason", "goodwill"));
        assertThat(direct.status()).as(direct.body()).isEqualTo(201);
        assertThat(direct.json().get("status").asText()).isEqualTo("succeeded");
        deliver(e);
        ledgerBalances(e);
        assertThat(sellerBalance(e, p.seller())).isEqualTo(Money.of(2700, "EUR"));
        assertThat(license(p, p.line2())).isEqualTo("active/active");
        assertThat(admin.get("/api/v1/admin/refunds").json().get("data").findValuesAsText("id")).contains(refundId, direct.json().get("id").asText());
    }

    @EngineTest
    void aTimedOutRefundStaysProcessingAndIsRetriedWithTheSameKey(TestEngine e) throws Exception {
        Paid p = paid(e);
        Instant at = Instant.ofEpochMilli(e.clock().millis());
        String fault = "{\"refundTimeouts\":1}";
        assertThat(e.client().post("/plugins/payment-sandbox/faults", "application/json", fault,
                Map.of("Mintreu-Sandbox-Signature", sign(SANDBOX_SECRET, at, fault))).status()).isEqualTo(200);

        TestClient admin = TestUsers.signIn(e, "admin").client();
        Response direct = admin.postJson("/api/v1/admin/orders/" + p.orderId() + "/refunds", Map.of("reason", "duplicate purchase"));
        assertThat(direct.status()).as(direct.body()).isEqualTo(201);
        String refundId = direct.json().get("id").asText();
        assertThat(direct.json().get("status").asText()).isEqualTo("processing");
        assertThat(direct.json().get("amountMinor").asLong()).isEqualTo(4000);
        assertThat(sandboxRefunds(e, refundId)).as("the provider did refund; the answer was lost").isEqualTo(1);

        e.clock().advance(Duration.ofMinutes(6));
        e.engine().component().jobScheduler().runDue();
        JsonNode after = admin.get("/api/v1/refunds/" + refundId).json();
        assertThat(after.get("status").asText()).isEqualTo("succeeded");
        assertThat(after.get("attempts").asInt()).isEqualTo(2);
        assertThat(sandboxRefunds(e, refundId)).as("the retry used the same key").isEqualTo(1);
        deliver(e);
        ledgerBalances(e);
        assertThat(sellerBalance(e, p.seller())).isEqualTo(Money.of(0, "EUR"));
        assertThat(license(p, p.line1())).isEqualTo("revoked/revoked");
        assertThat(license(p, p.line2())).isEqualTo("revoked/revoked");
    }

    @EngineTest
    void aRefundStartedAtTheProviderIsBookedOnce(TestEngine e) throws Exception {
        Paid p = paid(e);
        String data = "{\"refundId\":\"re_dash_" + e.kind() + "\",\"reference\":\"" + p.reference() + "\",\"amount\":1500,\"currency\":\"EUR\"}";
        Response first = webhook(e, "refund.succeeded", data);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("results").get(0).asText()).isEqualTo("APPLIED");
        assertThat(webhook(e, "refund.succeeded", data).json().get("results").get(0).asText()).as("another event, same refund").isEqualTo("IGNORED");
        JsonNode refunds = p.customer().client().get("/api/v1/orders/" + p.orderId() + "/refunds").json().get("data");
        assertThat(refunds).hasSize(1);
        assertThat(refunds.get(0).get("source").asText()).isEqualTo("provider");
        assertThat(refunds.get(0).get("status").asText()).isEqualTo("succeeded");
        deliver(e);
        ledgerBalances(e);
        assertThat(license(p, p.line1())).isEqualTo("revoked/revoked");
        assertThat(license(p, p.line2())).isEqualTo("active/active");
    }

    @EngineTest
    void aDisputeSuspendsLicensesUntilItIsWonOrRevokesThemWhenLost(TestEngine e) throws Exception {
        Paid won = paid(e);
        String d1 = "{\"disputeId\":\"dp_w_" + e.kind() + "\",\"reference\":\"" + won.reference() + "\",\"amount\":4000,\"currency\":\"EUR\",\"reason\":\"fraudulent\"}";
        assertThat(webhook(e, "dispute.opened", d1).json().get("results").get(0).asText()).isEqualTo("APPLIED");
        deliver(e);
        assertThat(license(won, won.line1())).isEqualTo("active/suspended");
        assertThat(mails(e, won, "disputed the payment")).as("the seller and every admin").isGreaterThanOrEqualTo(2);
        assertThat(webhook(e, "dispute.won", d1).json().get("results").get(0).asText()).isEqualTo("APPLIED");
        deliver(e);
        assertThat(license(won, won.line1())).isEqualTo("active/active");
        assertThat(license(won, won.line2())).isEqualTo("active/active");

        Paid lost = paid(e);
        String d2 = "{\"disputeId\":\"dp_l_" + e.kind() + "\",\"reference\":\"" + lost.reference() + "\",\"amount\":4000,\"currency\":\"EUR\"}";
        webhook(e, "dispute.opened", d2);
        deliver(e);
        assertThat(license(lost, lost.line2())).isEqualTo("active/suspended");
        assertThat(webhook(e, "dispute.lost", d2).json().get("results").get(0).asText()).isEqualTo("APPLIED");
        assertThat(webhook(e, "dispute.lost", d2).json().get("results").get(0).asText()).as("decided once").isEqualTo("IGNORED");
        deliver(e);
        assertThat(license(lost, lost.line1())).isEqualTo("revoked/revoked");
        assertThat(license(lost, lost.line2())).isEqualTo("revoked/revoked");
        ledgerBalances(e);
        assertThat(sellerBalance(e, lost.seller())).isEqualTo(Money.of(0, "EUR"));
        assertThat(lost.customer().client().get("/api/v1/orders/" + lost.orderId() + "/refunds").json().get("data").get(0).get("source").asText())
                .isEqualTo("dispute");
    }
}
