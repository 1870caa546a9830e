package com.mintreu.engine.subscription;

import static com.mintreu.engine.subscription.PlanChangeTest.april;
import static com.mintreu.engine.subscription.PlanChangeTest.plan;
import static com.mintreu.engine.subscription.PlanChangeTest.preview;
import static com.mintreu.engine.subscription.SubscriptionFixture.GOOD_CARD;
import static com.mintreu.engine.subscription.SubscriptionFixture.advancePast;
import static com.mintreu.engine.subscription.SubscriptionFixture.again;
import static com.mintreu.engine.subscription.SubscriptionFixture.count;
import static com.mintreu.engine.subscription.SubscriptionFixture.drain;
import static com.mintreu.engine.subscription.SubscriptionFixture.renewalJob;
import static com.mintreu.engine.subscription.SubscriptionFixture.subscription;
import static com.mintreu.engine.subscription.SubscriptionFixture.validate;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The seller's subscription policies through the API, on both databases with the injected clock:
 * cancel now refunds the unused part (whole days, the {@link Proration} rule) through the refund
 * machinery only under the policy; a downgrade under "credit immediately" applies now and the next
 * renewal is charged less by exactly the credit; without it the downgrade waits; wrong callers 404.
 */
@WithConfig(bundledPlugins = true, value = SubscriptionFixture.CONFIG)
class SellerPolicyTest {

    @EngineTest
    void cancelNowUnderThePolicyRefundsTheUnusedDaysAndEndsTheLicense(TestEngine e) {
        april(e);
        List<String> plans = PlanChangeFixture.product(e, plan("Monthly", 2900, false));
        setPolicy(e, plans.get(0), true, false);
        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        String id = PlanChangeFixture.subscribe(e, buyer.client(), plans.get(0), 1, GOOD_CARD);
        String firstOrder = firstOrder(e, id);

        e.clock().advance(Duration.ofHours(9 * 24 + 12)); // day 10: 21 of 30 days unused
        TestClient customer = again(e, buyer.id());
        Response quote = customer.postJson("/api/v1/subscriptions/" + id + "/cancel/preview", Map.of());
        assertThat(quote.status()).as(quote.body()).isEqualTo(200);
        assertThat(quote.json().get("refund").get("minor").asLong()).as("29.00 × 21/30").isEqualTo(2030);
        assertThat(quote.json().get("orderId").asText()).isEqualTo(firstOrder);
        assertThat(quote.json().get("text").asText()).contains("20.30").contains("21/30");

        Response canceled = customer.postJson("/api/v1/subscriptions/" + id + "/cancel", Map.of());
        assertThat(canceled.status()).as(canceled.body()).isEqualTo(200);
        assertThat(canceled.json().get("status").asText()).isEqualTo("canceled");
        drain(e);
        assertThat(count(e, "SELECT amount_minor FROM refunds WHERE order_id = ? AND status = 'succeeded'", firstOrder)).isEqualTo(2030);
        assertThat(count(e, "SELECT COUNT(*) FROM refunds WHERE order_id = ?", firstOrder)).as("one refund").isEqualTo(1);
        assertThat(count(e, "SELECT COUNT(*) FROM ledger_postings WHERE order_id = ? AND kind = 'refund'", firstOrder)).isEqualTo(1);
        assertThat(count(e, "SELECT SUM(e.amount_minor) FROM ledger_entries e JOIN ledger_postings p ON p.id = e.posting_id "
                + "WHERE p.order_id = ? AND p.kind = 'refund'", firstOrder)).as("booked, balanced").isZero();
        assertThat(count(e, "SELECT SUM(ABS(e.amount_minor)) FROM ledger_entries e JOIN ledger_postings p ON p.id = e.posting_id "
                + "WHERE p.order_id = ? AND p.kind = 'refund'", firstOrder)).as("booked for 20.30 each way").isEqualTo(2 * 2030);
        assertThat(count(e, "SELECT COUNT(*) FROM audit_log WHERE action = 'refund.policy' AND detail LIKE ?", "%" + firstOrder + "%"))
                .isEqualTo(1);
        assertThat(validate(e, customer, firstOrder).get("valid").asBoolean()).as("the license ends now").isFalse();
        assertThat(customer.postJson("/api/v1/subscriptions/" + id + "/cancel", Map.of()).status()).as("once").isEqualTo(409);
        assertThat(customer.postJson("/api/v1/subscriptions/" + id + "/cancel/preview", Map.of()).status()).isEqualTo(409);
    }

    @EngineTest
    void racingCancelNowRequestsCancelAndRefundOnce(TestEngine e) throws Exception {
        april(e);
        List<String> plans = PlanChangeFixture.product(e, plan("Monthly", 2900, false));
        setPolicy(e, plans.get(0), true, false);
        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        String id = PlanChangeFixture.subscribe(e, buyer.client(), plans.get(0), 1, GOOD_CARD);
        e.clock().advance(Duration.ofHours(9 * 24 + 12));
        TestClient customer = again(e, buyer.id());
        List<Integer> statuses = PlanChangeFixture.race(List.of(1, 2, 3, 4),
                n -> customer.postJson("/api/v1/subscriptions/" + id + "/cancel", Map.of()).status());
        assertThat(statuses).as(statuses.toString()).containsOnly(200, 409);
        assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(1);
        drain(e);
        assertThat(count(e, "SELECT COUNT(*) FROM refunds WHERE order_id = ?", firstOrder(e, id))).as("refunded once").isEqualTo(1);
        assertThat(count(e, "SELECT amount_minor FROM refunds WHERE order_id = ? AND status = 'succeeded'", firstOrder(e, id))).isEqualTo(2030);
    }

    @EngineTest
    void cancelNowWithoutThePolicyRefundsNothing(TestEngine e) {
        april(e);
        List<String> plans = PlanChangeFixture.product(e, plan("Monthly", 2900, false));
        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        String id = PlanChangeFixture.subscribe(e, buyer.client(), plans.get(0), 1, GOOD_CARD);
        String firstOrder = firstOrder(e, id);
        e.clock().advance(Duration.ofDays(3));
        TestClient customer = again(e, buyer.id());

        JsonNode quote = customer.postJson("/api/v1/subscriptions/" + id + "/cancel/preview", Map.of()).json();
        assertThat(quote.get("refund").get("minor").asLong()).isZero();
        assertThat(quote.get("text").asText()).contains("does not refund");
        assertThat(customer.postJson("/api/v1/subscriptions/" + id + "/cancel", Map.of()).json().get("status").asText()).isEqualTo("canceled");
        drain(e);
        assertThat(count(e, "SELECT COUNT(*) FROM refunds WHERE order_id = ?", firstOrder)).isZero();
        assertThat(count(e, "SELECT COUNT(*) FROM ledger_postings WHERE order_id = ? AND kind = 'refund'", firstOrder)).isZero();
        assertThat(validate(e, customer, firstOrder).get("valid").asBoolean()).isFalse();
    }

    @EngineTest
    void aDowngradeCreditedNowAppliesAtOnceAndTheRenewalIsChargedLessByTheCredit(TestEngine e) {
        april(e);
        List<String> plans = PlanChangeFixture.product(e, plan("Monthly", 2900, false), plan("Pro", 4900, false));
        setPolicy(e, plans.get(0), false, true);
        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        String id = PlanChangeFixture.subscribe(e, buyer.client(), plans.get(1), 1, GOOD_CARD);
        String end = subscription(again(e, buyer.id())).get("currentPeriodEndAt").asText();

        e.clock().advance(Duration.ofHours(9 * 24 + 12)); // 21 of 30 days left: 49.00 × 21/30 = 34.30, 29.00 × 21/30 = 20.30
        TestClient customer = again(e, buyer.id());
        JsonNode preview = preview(customer, id, plans.get(0), null);
        assertThat(preview.get("kind").asText()).isEqualTo("downgrade");
        assertThat(preview.get("creditNow").get("minor").asLong()).isEqualTo(1400);
        assertThat(preview.get("amountDue").get("minor").asLong()).isZero();
        assertThat(preview.get("rule").asText()).contains("14.00 EUR credit").contains("21/30");
        JsonNode done = PlanChangeTest.confirm(customer, id, plans.get(0), null, preview, 200);
        assertThat(done.get("planId").asText()).as("applies now").isEqualTo(plans.get(0));
        assertThat(done.get("amount").get("minor").asLong()).isEqualTo(2900);
        assertThat(done.hasNonNull("scheduledChange")).isFalse();
        assertThat(count(e, "SELECT credit_minor FROM subscriptions WHERE id = ?", id)).isEqualTo(1400);
        assertThat(count(e, "SELECT amount_minor FROM subscription_changes WHERE subscription_id = ? AND status = 'applied'", id))
                .as("stored as a credit").isEqualTo(-1400);
        drain(e);
        assertThat(count(e, "SELECT COUNT(*) FROM outbox WHERE topic = 'subscription.plan-changed' AND payload LIKE ?", "%" + id + "%"))
                .isEqualTo(1);

        advancePast(e, end);
        renewalJob(e);
        String renewal = e.jdbi().withHandle(h -> h.createQuery("SELECT id FROM orders WHERE renewal_of = :s").bind("s", id)
                .mapTo(String.class).one());
        assertThat(count(e, "SELECT total_minor FROM orders WHERE id = ? AND status IN ('paid', 'fulfilled')", renewal))
                .as("29.00 − 14.00").isEqualTo(1500);
        assertThat(count(e, "SELECT discount_minor FROM orders WHERE id = ?", renewal)).isEqualTo(1400);
        assertThat(count(e, "SELECT amount_minor FROM payment_sandbox_charges WHERE order_id = ?", renewal)).isEqualTo(1500);
        assertThat(count(e, "SELECT SUM(e.amount_minor) FROM ledger_entries e JOIN ledger_postings p ON p.id = e.posting_id "
                + "WHERE p.order_id = ? AND p.kind = 'sale'", renewal)).as("booked, balanced").isZero();
        assertThat(count(e, "SELECT SUM(ABS(e.amount_minor)) FROM ledger_entries e JOIN ledger_postings p ON p.id = e.posting_id "
                + "WHERE p.order_id = ? AND p.kind = 'sale'", renewal)).as("booked for what was charged").isEqualTo(2 * 1500);
        assertThat(count(e, "SELECT credit_minor FROM subscriptions WHERE id = ?", id)).as("used up").isZero();
        JsonNode after = subscription(again(e, buyer.id()));
        assertThat(after.get("status").asText()).isEqualTo("active");

        advancePast(e, after.get("currentPeriodEndAt").asText());
        renewalJob(e);
        assertThat(count(e, "SELECT MAX(total_minor) FROM orders WHERE renewal_of = ? AND id <> ?", id, renewal)).as("then the full price")
                .isEqualTo(2900);
    }

    @EngineTest
    void aCreditLargerThanTheRenewalPaysItWholeAndTheRestWaits(TestEngine e) {
        april(e);
        List<String> plans = PlanChangeFixture.product(e, plan("Lite", 500, false), plan("Pro", 4900, false));
        setPolicy(e, plans.get(0), false, true);
        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        String id = PlanChangeFixture.subscribe(e, buyer.client(), plans.get(1), 1, GOOD_CARD);
        String end = subscription(again(e, buyer.id())).get("currentPeriodEndAt").asText();
        TestClient customer = again(e, buyer.id()); // day 1: 30 of 30 days left, credit 49.00 − 5.00 = 44.00
        JsonNode preview = preview(customer, id, plans.get(0), null);
        assertThat(preview.get("creditNow").get("minor").asLong()).isEqualTo(4400);
        PlanChangeTest.confirm(customer, id, plans.get(0), null, preview, 200);

        advancePast(e, end);
        renewalJob(e);
        assertThat(count(e, "SELECT total_minor FROM orders WHERE renewal_of = ? AND status IN ('paid', 'fulfilled')", id)).isZero();
        assertThat(count(e, "SELECT COUNT(*) FROM payment_sandbox_charges c JOIN orders o ON o.id = c.order_id WHERE o.renewal_of = ?", id))
                .as("nothing to charge").isZero();
        assertThat(count(e, "SELECT credit_minor FROM subscriptions WHERE id = ?", id)).isEqualTo(3900);
        JsonNode after = subscription(again(e, buyer.id()));
        assertThat(after.get("status").asText()).isEqualTo("active");
        assertThat(after.get("currentPeriodEndAt").asText()).isNotEqualTo(end);
    }

    @EngineTest
    void withThePolicyOffTheDowngradeWaitsAndWrongCallersAreRefused(TestEngine e) {
        april(e);
        List<String> plans = PlanChangeFixture.product(e, plan("Monthly", 2900, false), plan("Pro", 4900, false));
        String product = productOf(e, plans.get(0));
        setPolicy(e, plans.get(0), true, false);
        TestClient seller = ownerOf(e, product);
        JsonNode stored = seller.get("/api/v1/seller/products/" + product + "/subscription-policy").json();
        assertThat(stored.get("refundUnusedOnCancel").asBoolean()).isTrue();
        assertThat(stored.get("downgradeCreditsNow").asBoolean()).isFalse();

        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        String id = PlanChangeFixture.subscribe(e, buyer.client(), plans.get(1), 1, GOOD_CARD);
        e.clock().advance(Duration.ofDays(5));
        TestClient customer = again(e, buyer.id());
        JsonNode sub = subscription(customer);
        JsonNode preview = preview(customer, id, plans.get(0), null);
        assertThat(preview.get("appliesAt").asText()).isEqualTo(sub.get("currentPeriodEndAt").asText());
        assertThat(preview.get("creditNow").get("minor").asLong()).isZero();

        TestClient other = TestUsers.signIn(e, "customer").client();
        assertThat(other.postJson("/api/v1/subscriptions/" + id + "/cancel/preview", Map.of()).status()).isEqualTo(404);
        assertThat(other.postJson("/api/v1/subscriptions/" + id + "/cancel", Map.of()).status()).isEqualTo(404);
        assertThat(customer.postJson("/api/v1/subscriptions/sub_nope/cancel/preview", Map.of()).status()).isEqualTo(404);
        assertThat(customer.putJson("/api/v1/seller/products/" + product + "/subscription-policy",
                Map.of("refundUnusedOnCancel", true, "downgradeCreditsNow", true)).status()).as("not a seller").isEqualTo(403);
        TestClient otherSeller = TestUsers.signIn(e, "seller").client();
        assertThat(otherSeller.putJson("/api/v1/seller/products/" + product + "/subscription-policy",
                Map.of("refundUnusedOnCancel", false, "downgradeCreditsNow", true)).status()).as("another seller's product").isEqualTo(404);
        assertThat(otherSeller.get("/api/v1/seller/products/" + product + "/subscription-policy").status()).isEqualTo(404);
        assertThat(count(e, "SELECT downgrade_credit_now FROM subscription_policies WHERE product_id = ?", product)).as("unchanged").isZero();
        assertThat(count(e, "SELECT COUNT(*) FROM subscription_changes WHERE subscription_id = ?", id)).isZero();
    }

    static String firstOrder(TestEngine e, String subscriptionId) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT origin_order_id FROM subscriptions WHERE id = :s").bind("s", subscriptionId)
                .mapTo(String.class).one());
    }

    static String productOf(TestEngine e, String planId) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT product_id FROM plans WHERE id = :p").bind("p", planId).mapTo(String.class).one());
    }

    /** A session of the product's seller (the fixture signs in a new seller per product). */
    static TestClient ownerOf(TestEngine e, String product) {
        return again(e, e.jdbi().withHandle(h -> h.createQuery("SELECT seller_id FROM products WHERE id = :p").bind("p", product)
                .mapTo(String.class).one()));
    }

    static void setPolicy(TestEngine e, String planId, boolean refund, boolean credit) {
        TestClient seller = ownerOf(e, productOf(e, planId));
        Response r = seller.putJson("/api/v1/seller/products/" + productOf(e, planId) + "/subscription-policy",
                Map.of("refundUnusedOnCancel", refund, "downgradeCreditsNow", credit));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }
}
