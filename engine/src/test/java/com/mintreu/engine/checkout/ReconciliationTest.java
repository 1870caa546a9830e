package com.mintreu.engine.checkout;

import static com.mintreu.engine.checkout.MoneyPathFixture.SANDBOX_SECRET;
import static com.mintreu.engine.checkout.MoneyPathFixture.checkout;
import static com.mintreu.engine.checkout.MoneyPathFixture.pressOnSandbox;
import static com.mintreu.engine.checkout.MoneyPathFixture.publishedPlan;
import static com.mintreu.engine.checkout.MoneyPathFixture.sign;
import static com.mintreu.engine.checkout.MoneyPathFixture.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.plugin.UnknownOutcomeGateway;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reconciliation ends every order and refund in the state the provider reports: an unknown answer
 * is asked again (never guessed), a payment after expiry is held (found by a webhook, the late
 * job or "Check again"), a refund or dispute that overtook its payment is applied once the order
 * is paid, and an admin's "Check again" asks now.
 */
@WithConfig(bundledPlugins = true, value = MoneyPathFixture.CONFIG)
class ReconciliationTest {

    /** Presses "Check again" on the admin's order page; returns the page it answers with. */
    private static Document checkAgain(TestClient admin, String orderId) {
        Document page = admin.get("/admin/orders/" + orderId).html();
        Element form = page.selectFirst("form.check-again");
        assertThat(form).as(page.outerHtml()).isNotNull();
        Response r = admin.postForm("/admin/orders/" + orderId + "/check", AdminOrderPagesTest.hidden(form));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.html();
    }

    private static long audits(TestEngine e, String orderId) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_log WHERE action = 'order.check' AND subject_id = :id")
                .bind("id", orderId).mapTo(Long.class).one());
    }

    private static Response webhook(TestEngine e, String type, String data) {
        Instant at = Instant.ofEpochMilli(e.clock().millis());
        String body = "{\"id\":\"evt_" + System.nanoTime() + "\",\"type\":\"" + type + "\",\"created\":" + at.getEpochSecond() + ",\"data\":" + data + "}";
        return e.client().post("/api/v1/webhooks/payment-sandbox", "application/json", body, Map.of("Mintreu-Sandbox-Signature", sign(SANDBOX_SECRET, at, body)));
    }

    @EngineTest
    void anUnknownAnswerIsAskedAgainUntilTheProviderKnowsAndNeverExpiresTheOrder(TestEngine shared) {
        try (TestEngine e = TestEngine.boot(shared.kind(), MoneyPathFixture.CONFIG, true, UnknownOutcomeGateway::writeTo)) {
            String plan = publishedPlan(e, 1500);
            TestClient customer = TestUsers.signIn(e, "customer").client();
            Response placed = checkout(customer, plan, null, Map.of("gateway", UnknownOutcomeGateway.ID));
            assertThat(placed.status()).as(placed.body()).isEqualTo(201);
            String orderId = placed.json().get("orderId").asText();

            e.clock().advance(Duration.ofHours(25));
            assertThat(e.engine().component().jobScheduler().runDue()).contains("order-reconcile");
            assertThat(status(customer, orderId)).as("UNDEFINED past expireAfter: not guessed expired").isEqualTo("pending");

            TestClient admin = TestUsers.signIn(e, "admin").client();
            Document page = checkAgain(admin, orderId);
            assertThat(page.select(".notice").text()).contains("does not know yet").contains("stays pending");
            assertThat(audits(e, orderId)).isEqualTo(1);

            assertThat(e.client().post("/plugins/" + UnknownOutcomeGateway.ID + "/settle", "text/plain", "paid", Map.of()).status()).isEqualTo(200);
            e.clock().advance(Duration.ofMinutes(6));
            assertThat(e.engine().component().jobScheduler().runDue()).contains("order-reconcile");
            assertThat(status(customer, orderId)).as("the provider now says paid").isEqualTo("paid");
        }
    }

    @EngineTest
    void aPaymentAfterExpiryIsHeldAndAnAdminsCheckAgainFindsIt(TestEngine shared) {
        try (TestEngine e = MoneyPathFixture.boot(shared.kind(), "      webhookUrl: http://127.0.0.1:9/lost\n")) {
            String plan = publishedPlan(e, 1500);
            TestClient customer = TestUsers.signIn(e, "customer").client();
            Response placed = checkout(customer, plan, null, Map.of());
            String orderId = placed.json().get("orderId").asText();
            String url = placed.json().get("paymentUrl").asText();
            pressOnSandbox(customer, url, "later");

            e.clock().advance(Duration.ofHours(25));
            e.engine().component().jobScheduler().runDue();
            assertThat(status(customer, orderId)).as("still waiting at the provider after expireAfter").isEqualTo("expired");

            pressOnSandbox(customer, url, "pay"); // the bank transfer arrives after all; its webhook is lost
            TestClient admin = TestUsers.signIn(e, "admin").client();
            Document page = checkAgain(admin, orderId);
            assertThat(page.select(".notice").text()).contains("paid 15.00").contains("from expired to held");
            assertThat(status(customer, orderId)).as("money is never ignored").isEqualTo("held");
            assertThat(audits(e, orderId)).isEqualTo(1);
        }
    }

    private static long inboxRows(TestEngine e, String orderId) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM payment_events WHERE order_id = :o").bind("o", orderId)
                .mapTo(Long.class).one());
    }

    @EngineTest
    void theLateJobFindsAPaymentCompletedAfterExpiryAndHoldsItForAnAdmin(TestEngine shared) {
        try (TestEngine e = MoneyPathFixture.boot(shared.kind(), "      webhookUrl: http://127.0.0.1:9/lost\n")) {
            String plan = publishedPlan(e, 1500);
            TestClient customer = TestUsers.signIn(e, "customer").client();
            Response old = checkout(customer, plan, null, Map.of());
            String oldId = old.json().get("orderId").asText();
            pressOnSandbox(customer, old.json().get("paymentUrl").asText(), "later");

            e.clock().advance(Duration.ofHours(25));
            e.engine().component().jobScheduler().runDue();
            assertThat(status(customer, oldId)).isEqualTo("expired");
            pressOnSandbox(customer, old.json().get("paymentUrl").asText(), "pay"); // its webhook is lost too
            e.clock().advance(Duration.ofHours(73)); // the old one ended longer ago than orders.latePaymentWindow (72h)...
            e.engine().component().jobScheduler().runDue();
            // ...while this one expires now
            Response again = checkout(customer, plan, null, Map.of());
            String againId = again.json().get("orderId").asText();
            pressOnSandbox(customer, again.json().get("paymentUrl").asText(), "later");
            e.clock().advance(Duration.ofHours(25));
            e.engine().component().jobScheduler().runDue();
            assertThat(status(customer, againId)).isEqualTo("expired");

            e.clock().advance(Duration.ofMinutes(31));
            assertThat(e.engine().component().jobScheduler().runDue()).contains("order-reconcile-late");
            assertThat(inboxRows(e, againId)).as("still waiting at the provider: asked, nothing recorded").isZero();
            assertThat(status(customer, againId)).isEqualTo("expired");

            pressOnSandbox(customer, again.json().get("paymentUrl").asText(), "pay"); // paid after expiry; the webhook is lost
            e.clock().advance(Duration.ofMinutes(31));
            assertThat(e.engine().component().jobScheduler().runDue()).contains("order-reconcile-late");
            assertThat(status(customer, againId)).as("money is never ignored: held for an admin, not paid behind their back").isEqualTo("held");
            assertThat(customer.get("/api/v1/orders/" + againId).json().get("holdReason").asText()).contains("received for a expired order");
            assertThat(status(customer, oldId)).as("ended before the window: no longer asked").isEqualTo("expired");

            TestClient admin = TestUsers.signIn(e, "admin").client();
            assertThat(admin.post("/api/v1/admin/orders/" + againId + "/release", null, "").status()).isEqualTo(200);
            assertThat(status(customer, againId)).isIn("paid", "fulfilled");
            e.clock().advance(Duration.ofMinutes(31));
            e.engine().component().jobScheduler().runDue();
            assertThat(inboxRows(e, againId)).as("one synthetic success, applied once").isEqualTo(1);
        }
    }

    @EngineTest
    void aLateSuccessWebhookForAnExpiredOrderHoldsIt(TestEngine e) {
        String plan = publishedPlan(e, 900);
        TestClient customer = TestUsers.signIn(e, "customer").client();
        Response placed = checkout(customer, plan, null, Map.of());
        String orderId = placed.json().get("orderId").asText();
        String url = placed.json().get("paymentUrl").asText();
        pressOnSandbox(customer, url, "later");
        long now = e.clock().millis();
        e.engine().component().reconciliation().reconcile(now + 1, now + 1);
        assertThat(status(customer, orderId)).isEqualTo("expired");
        pressOnSandbox(customer, url, "pay");
        assertThat(status(customer, orderId)).isEqualTo("held");
    }

    @EngineTest
    void aRefundThatOvertookItsPaymentIsAppliedOnceTheOrderIsPaid(TestEngine e) {
        String plan = publishedPlan(e, 2000);
        TestClient customer = TestUsers.signIn(e, "customer").client();
        Response placed = checkout(customer, plan, null, Map.of());
        String orderId = placed.json().get("orderId").asText();
        String ref = placed.json().get("paymentUrl").asText().replaceAll(".*/checkout/", "");

        String refund = "{\"refundId\":\"re_early_" + System.nanoTime() + "\",\"reference\":\"" + ref + "\",\"amount\":2000,\"currency\":\"EUR\"}";
        Response early = webhook(e, "refund.succeeded", refund);
        assertThat(early.status()).as(early.body()).isEqualTo(200);
        assertThat(early.json().get("results").get(0).asText()).isEqualTo("EARLY");
        assertThat(customer.get("/api/v1/orders/" + orderId + "/refunds").json().get("data")).as("nothing booked before the money is in").isEmpty();

        String paid = "{\"reference\":\"" + ref + "\",\"orderId\":\"" + orderId + "\",\"amount\":2000,\"currency\":\"EUR\"}";
        assertThat(webhook(e, "payment.succeeded", paid).json().get("results").get(0).asText()).isEqualTo("APPLIED");
        assertThat(status(customer, orderId)).isEqualTo("paid");
        JsonNode refunds = customer.get("/api/v1/orders/" + orderId + "/refunds").json().get("data");
        assertThat(refunds).hasSize(1);
        assertThat(refunds.get(0).get("status").asText()).isEqualTo("succeeded");
        assertThat(refunds.get(0).get("amountMinor").asLong()).isEqualTo(2000);
        String inbox = e.jdbi().withHandle(h -> h.createQuery("SELECT result FROM payment_events WHERE order_id = :o AND outcome = 'REFUND_SUCCEEDED'")
                .bind("o", orderId).mapTo(String.class).one());
        assertThat(inbox).isEqualTo("APPLIED");
        assertThat(webhook(e, "refund.succeeded", refund).json().get("results").get(0).asText()).as("the same refund again books nothing")
                .isEqualTo("IGNORED");
    }

    /** A dispute that overtook its payment is kept: the licenses the payment grants are suspended, not handed out active. */
    @EngineTest
    void aDisputeThatOvertookItsPaymentIsAppliedOnceTheOrderIsPaid(TestEngine e) {
        String plan = publishedPlan(e, 2500, "software");
        TestClient customer = TestUsers.signIn(e, "customer").client();
        Response placed = checkout(customer, plan, null, Map.of());
        String orderId = placed.json().get("orderId").asText();
        String ref = placed.json().get("paymentUrl").asText().replaceAll(".*/checkout/", "");

        String dispute = "{\"disputeId\":\"dp_early_" + System.nanoTime() + "\",\"reference\":\"" + ref
                + "\",\"amount\":2500,\"currency\":\"EUR\",\"reason\":\"fraudulent\"}";
        Response early = webhook(e, "dispute.opened", dispute);
        assertThat(early.status()).as(early.body()).isEqualTo(200);
        assertThat(early.json().get("results").get(0).asText()).isEqualTo("EARLY");
        long disputes = e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM disputes WHERE order_id = :o").bind("o", orderId)
                .mapTo(Long.class).one());
        assertThat(disputes).as("nothing opened before the money is in").isZero();

        String paid = "{\"reference\":\"" + ref + "\",\"orderId\":\"" + orderId + "\",\"amount\":2500,\"currency\":\"EUR\"}";
        assertThat(webhook(e, "payment.succeeded", paid).json().get("results").get(0).asText()).isEqualTo("APPLIED");
        for (int pass = 0; pass < 3; pass++) {
            e.engine().component().outboxDispatcher().deliverDue();
        }
        JsonNode license = null;
        for (JsonNode ent : customer.get("/api/v1/orders/" + orderId + "/entitlements").json().get("data")) {
            if (ent.get("kind").asText().equals("license")) {
                license = ent.get("license");
            }
        }
        assertThat(license).as("the payment granted a license").isNotNull();
        assertThat(license.get("status").asText()).as("granted, then suspended by the kept dispute").isEqualTo("suspended");
        String inbox = e.jdbi().withHandle(h -> h.createQuery("SELECT result FROM payment_events WHERE order_id = :o AND outcome = 'DISPUTE_OPENED'")
                .bind("o", orderId).mapTo(String.class).one());
        assertThat(inbox).isEqualTo("APPLIED");
        assertThat(webhook(e, "dispute.opened", dispute).json().get("results").get(0).asText()).as("another event opening the same dispute")
                .isEqualTo("IGNORED");
    }

    @EngineTest
    void aRefundWhoseAnswerWasLostIsSettledByCheckAgainWithItsKey(TestEngine e) throws Exception {
        String plan = publishedPlan(e, 1200);
        TestClient customer = TestUsers.signIn(e, "customer").client();
        Response placed = checkout(customer, plan, null, Map.of());
        String orderId = placed.json().get("orderId").asText();
        pressOnSandbox(customer, placed.json().get("paymentUrl").asText(), "pay");
        assertThat(status(customer, orderId)).isIn("paid", "fulfilled");

        Instant at = Instant.ofEpochMilli(e.clock().millis());
        String fault = "{\"refundTimeouts\":1}";
        assertThat(e.client().post("/plugins/payment-sandbox/faults", "application/json", fault,
                Map.of("Mintreu-Sandbox-Signature", sign(SANDBOX_SECRET, at, fault))).status()).isEqualTo(200);
        TestClient admin = TestUsers.signIn(e, "admin").client();
        Response direct = admin.postJson("/api/v1/admin/orders/" + orderId + "/refunds", Map.of("reason", "bought twice"));
        assertThat(direct.status()).as(direct.body()).isEqualTo(201);
        String refundId = direct.json().get("id").asText();
        assertThat(direct.json().get("status").asText()).as("the answer was lost").isEqualTo("processing");

        Document page = checkAgain(admin, orderId); // no waiting for the retry job
        assertThat(page.select(".notice").text()).contains("Refund " + refundId).contains("is succeeded").contains("refunded");
        assertThat(admin.get("/api/v1/refunds/" + refundId).json().get("status").asText()).isEqualTo("succeeded");
        long sent = e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM payment_sandbox_refunds WHERE idempotency_key = :k")
                .bind("k", refundId).mapTo(Long.class).one());
        assertThat(sent).as("sent again with the same key: refunded once").isEqualTo(1);
    }
}
