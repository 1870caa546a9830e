package com.mintreu.engine.subscription;

import static com.mintreu.engine.subscription.SubscriptionFixture.GOOD_CARD;
import static com.mintreu.engine.subscription.SubscriptionFixture.advancePast;
import static com.mintreu.engine.subscription.SubscriptionFixture.again;
import static com.mintreu.engine.subscription.SubscriptionFixture.count;
import static com.mintreu.engine.subscription.SubscriptionFixture.drain;
import static com.mintreu.engine.subscription.SubscriptionFixture.payOnSandbox;
import static com.mintreu.engine.subscription.SubscriptionFixture.renewalJob;
import static com.mintreu.engine.subscription.SubscriptionFixture.subscription;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plan and seat changes through the API, on both databases with the injected clock: an upgrade on
 * day 10 of a 30-day period charges the README's 14.00, booked as any paid order; a downgrade waits
 * for the renewal (and can be undone); seats follow to the licenses; no saved card, a stale preview,
 * wrong input and another customer's id change nothing.
 */
@WithConfig(bundledPlugins = true, value = SubscriptionFixture.CONFIG)
class PlanChangeTest {

    /** Moves the clock to 10:00 UTC on the 4th of the next month of 30 days (the engine and its clock are shared by the tests): a monthly period of 30 days. */
    static void april(TestEngine e) {
        java.time.LocalDate day = java.time.Instant.ofEpochMilli(e.clock().millis()).atZone(java.time.ZoneOffset.UTC).toLocalDate()
                .plusMonths(1).withDayOfMonth(4);
        while (day.lengthOfMonth() != 30) {
            day = day.plusMonths(1);
        }
        advancePast(e, day + "T09:59:00Z");
    }

    @EngineTest
    void anUpgradeOnDayTenChargesTheProratedDifferenceAndTheRenewalTheNewPrice(TestEngine e) {
        april(e);
        List<String> plans = PlanChangeFixture.product(e, plan("Monthly", 2900, false), plan("Pro", 4900, false));
        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        String id = PlanChangeFixture.subscribe(e, buyer.client(), plans.get(0), 1, GOOD_CARD);

        e.clock().advance(Duration.ofHours(9 * 24 + 12)); // day 10: 9.5 days used, 21 days billed at the new price
        TestClient customer = again(e, buyer.id());
        JsonNode preview = preview(customer, id, plans.get(1), null);
        assertThat(preview.get("kind").asText()).isEqualTo("upgrade");
        assertThat(preview.get("periodDays").asLong()).isEqualTo(30);
        assertThat(preview.get("remainingDays").asLong()).isEqualTo(21);
        assertThat(preview.get("credit").get("minor").asLong()).isEqualTo(2030);
        assertThat(preview.get("newPart").get("minor").asLong()).isEqualTo(3430);
        assertThat(preview.get("amountDue").get("minor").asLong()).isEqualTo(1400);
        assertThat(preview.get("rule").asText()).contains("14.00").contains("21/30");

        Response done = customer.postJson("/api/v1/subscriptions/" + id + "/change-plan",
                Map.of("planId", plans.get(1), "token", preview.get("token").asText()));
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().get("planId").asText()).isEqualTo(plans.get(1));
        assertThat(done.json().get("amount").get("minor").asLong()).isEqualTo(4900);
        drain(e);
        String order = e.jdbi().withHandle(h -> h.createQuery("SELECT order_id FROM subscription_changes WHERE subscription_id = :s "
                + "AND status = 'applied'").bind("s", id).mapTo(String.class).one());
        assertThat(count(e, "SELECT total_minor FROM orders WHERE id = ? AND status IN ('paid', 'fulfilled')", order)).isEqualTo(1400);
        assertThat(count(e, "SELECT SUM(e.amount_minor) FROM ledger_entries e JOIN ledger_postings p ON p.id = e.posting_id "
                + "WHERE p.order_id = ? AND p.kind = 'sale'", order)).as("booked, balanced").isZero();
        assertThat(count(e, "SELECT COUNT(*) FROM ledger_postings WHERE order_id = ? AND kind = 'sale'", order)).isEqualTo(1);
        assertThat(count(e, "SELECT COUNT(*) FROM payment_sandbox_charges WHERE order_id = ?", order)).as("charged once").isEqualTo(1);
        assertThat(count(e, "SELECT COUNT(*) FROM outbox WHERE topic = 'subscription.plan-changed' AND payload LIKE ?", "%" + id + "%"))
                .isEqualTo(1);
        assertThat(count(e, "SELECT COUNT(*) FROM audit_log WHERE subject_id = ? AND action = 'subscription.change-plan'", id)).isEqualTo(1);
        assertThat(count(e, "SELECT COUNT(*) FROM subscription_events WHERE subscription_id = ? AND reason LIKE 'upgrade to Pro%'", id))
                .isEqualTo(1);
        assertThat(count(e, "SELECT COUNT(*) FROM licenses l JOIN entitlements t ON t.id = l.entitlement_id WHERE t.customer_id = ?",
                buyer.id())).as("the change order grants nothing new").isEqualTo(1);

        JsonNode sub = subscription(customer);
        advancePast(e, sub.get("currentPeriodEndAt").asText());
        renewalJob(e);
        assertThat(count(e, "SELECT total_minor FROM orders WHERE renewal_of = ? AND id <> ? ORDER BY created_at DESC LIMIT 1", id, order))
                .as("the renewal charges the new price").isEqualTo(4900);
        assertThat(subscription(again(e, buyer.id())).get("status").asText()).isEqualTo("active");
    }

    @EngineTest
    void aDowngradeWaitsForTheRenewalAndCanBeUndone(TestEngine e) {
        april(e);
        List<String> plans = PlanChangeFixture.product(e, plan("Monthly", 2900, false), plan("Pro", 4900, false));
        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        String id = PlanChangeFixture.subscribe(e, buyer.client(), plans.get(1), 1, GOOD_CARD);
        e.clock().advance(Duration.ofDays(5));
        TestClient customer = again(e, buyer.id());
        JsonNode sub = subscription(customer);

        JsonNode preview = preview(customer, id, plans.get(0), null);
        assertThat(preview.get("kind").asText()).isEqualTo("downgrade");
        assertThat(preview.get("amountDue").get("minor").asLong()).isZero();
        assertThat(preview.get("appliesAt").asText()).isEqualTo(sub.get("currentPeriodEndAt").asText());
        JsonNode scheduled = confirm(customer, id, plans.get(0), null, preview, 200);
        assertThat(scheduled.get("planId").asText()).as("nothing changes yet").isEqualTo(plans.get(1));
        assertThat(scheduled.get("scheduledChange").get("planId").asText()).isEqualTo(plans.get(0));
        assertThat(scheduled.get("scheduledChange").get("amount").get("minor").asLong()).isEqualTo(2900);
        assertThat(customer.postJson("/api/v1/subscriptions/" + id + "/change-plan/preview", Map.of("planId", plans.get(0))).status())
                .as("one open change at a time").isEqualTo(409);

        Response undone = customer.postJson("/api/v1/subscriptions/" + id + "/change-plan/undo", Map.of());
        assertThat(undone.status()).as(undone.body()).isEqualTo(200);
        assertThat(subscription(customer).hasNonNull("scheduledChange")).isFalse();
        assertThat(customer.postJson("/api/v1/subscriptions/" + id + "/change-plan/undo", Map.of()).status()).isEqualTo(409);

        confirm(customer, id, plans.get(0), null, preview(customer, id, plans.get(0), null), 200);
        advancePast(e, sub.get("currentPeriodEndAt").asText());
        renewalJob(e);
        JsonNode renewed = subscription(again(e, buyer.id()));
        assertThat(renewed.get("planId").asText()).isEqualTo(plans.get(0));
        assertThat(renewed.get("amount").get("minor").asLong()).isEqualTo(2900);
        assertThat(renewed.hasNonNull("scheduledChange")).isFalse();
        assertThat(count(e, "SELECT total_minor FROM orders WHERE renewal_of = ?", id)).as("the renewal at the new price").isEqualTo(2900);
        assertThat(count(e, "SELECT COUNT(*) FROM subscription_changes WHERE subscription_id = ? AND status = 'applied' AND order_id IS NULL", id))
                .isEqualTo(1);
        assertThat(count(e, "SELECT COUNT(*) FROM audit_log WHERE subject_id = ? AND action IN ('subscription.schedule-change', "
                + "'subscription.undo-change', 'subscription.change-plan')", id)).isEqualTo(4);
    }

    @EngineTest
    void seatsGoUpNowWithAProratedChargeAndDownAtTheRenewalAndTheLicenseFollows(TestEngine e) {
        april(e);
        List<String> plans = PlanChangeFixture.product(e, plan("Team", 1000, true));
        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        String id = PlanChangeFixture.subscribe(e, buyer.client(), plans.get(0), 3, GOOD_CARD);
        String key = PlanChangeFixture.licenseKey(e, buyer.id());
        assertThat(maxUsers(e, key)).isEqualTo(3);

        e.clock().advance(Duration.ofDays(15)); // 15 of 30 days left: 2 more seats cost 20.00 × 15/30 = 10.00
        TestClient customer = again(e, buyer.id());
        JsonNode up = preview(customer, id, null, 5);
        assertThat(up.get("kind").asText()).isEqualTo("upgrade");
        assertThat(up.get("amountDue").get("minor").asLong()).isEqualTo(1000);
        assertThat(confirm(customer, id, null, 5, up, 200).get("quantity").asInt()).isEqualTo(5);
        drain(e);
        assertThat(maxUsers(e, key)).as("the license holds 5 users now").isEqualTo(5);

        JsonNode down = preview(customer, id, null, 2);
        assertThat(down.get("kind").asText()).isEqualTo("downgrade");
        JsonNode scheduled = confirm(customer, id, null, 2, down, 200);
        assertThat(scheduled.get("quantity").asInt()).isEqualTo(5);
        drain(e);
        assertThat(maxUsers(e, key)).as("until the renewal").isEqualTo(5);
        advancePast(e, scheduled.get("currentPeriodEndAt").asText());
        renewalJob(e);
        assertThat(subscription(again(e, buyer.id())).get("quantity").asInt()).isEqualTo(2);
        assertThat(maxUsers(e, key)).isEqualTo(2);
        assertThat(count(e, "SELECT total_minor FROM orders WHERE renewal_of = ? ORDER BY created_at DESC LIMIT 1", id)).isEqualTo(2000);
    }

    @EngineTest
    void withoutASavedCardOrWithAStalePreviewNothingChanges(TestEngine e) {
        april(e);
        List<String> plans = PlanChangeFixture.product(e, plan("Monthly", 2900, false), plan("Pro", 4900, false));
        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        String id = PlanChangeFixture.subscribe(e, buyer.client(), plans.get(0), 1, null);
        TestClient customer = buyer.client();

        JsonNode preview = preview(customer, id, plans.get(1), null);
        Response refused = customer.postJson("/api/v1/subscriptions/" + id + "/change-plan",
                Map.of("planId", plans.get(1), "token", preview.get("token").asText()));
        assertThat(refused.status()).as(refused.body()).isEqualTo(402);
        assertThat(refused.json().get("code").asText()).isEqualTo("PAYMENT_DECLINED");
        assertThat(refused.json().get("detail").asText()).contains("no saved payment method");
        assertThat(subscription(customer).get("planId").asText()).isEqualTo(plans.get(0));
        assertThat(count(e, "SELECT COUNT(*) FROM subscription_changes WHERE subscription_id = ? AND status = 'declined'", id)).isEqualTo(1);
        assertThat(count(e, "SELECT COUNT(*) FROM orders WHERE renewal_of = ? AND status = 'canceled'", id)).isEqualTo(1);

        JsonNode before = preview(customer, id, plans.get(1), null);
        e.clock().advance(Duration.ofDays(1));
        customer = again(e, buyer.id());
        Response stale = customer.postJson("/api/v1/subscriptions/" + id + "/change-plan",
                Map.of("planId", plans.get(1), "token", before.get("token").asText()));
        assertThat(stale.status()).as("a day later the amount differs").isEqualTo(409);
        assertThat(stale.json().get("code").asText()).isEqualTo("STALE_PREVIEW");
        assertThat(count(e, "SELECT COUNT(*) FROM subscription_changes WHERE subscription_id = ?", id)).as("nothing stored").isEqualTo(1);
    }

    @EngineTest
    void wrongInputIs422AndAnotherCustomersSubscriptionIs404(TestEngine e) {
        april(e);
        List<String> plans = PlanChangeFixture.product(e, plan("Monthly", 2900, false), plan("Pro", 4900, false),
                Map.of("name", "Weekly", "priceMinor", 900, "currency", "EUR", "grants", "updates", "interval", "week"),
                Map.of("name", "Once", "priceMinor", 900, "currency", "EUR", "grants", "updates"));
        List<String> other = PlanChangeFixture.product(e, plan("Elsewhere", 9900, false));
        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        String id = PlanChangeFixture.subscribe(e, buyer.client(), plans.get(0), 1, GOOD_CARD);
        TestClient customer = buyer.client();
        String path = "/api/v1/subscriptions/" + id + "/change-plan/preview";

        assertThat(field(customer.postJson(path, Map.of("planId", other.get(0))), "planId")).isEqualTo("UNKNOWN_PLAN");
        assertThat(field(customer.postJson(path, Map.of("planId", plans.get(2))), "planId")).isEqualTo("OTHER_INTERVAL");
        assertThat(field(customer.postJson(path, Map.of("planId", plans.get(3))), "planId")).isEqualTo("OTHER_INTERVAL");
        assertThat(field(customer.postJson(path, Map.of("planId", "pln_nope")), "planId")).isEqualTo("UNKNOWN_PLAN");
        assertThat(field(customer.postJson(path, Map.of("planId", plans.get(1), "quantity", 0)), "quantity")).isEqualTo("OUT_OF_RANGE");
        assertThat(field(customer.postJson(path, Map.of("planId", plans.get(1), "quantity", 2)), "quantity")).isEqualTo("NOT_SEATS");
        assertThat(field(customer.postJson(path, Map.of("planId", plans.get(0))), "planId")).isEqualTo("UNCHANGED");
        assertThat(customer.postJson(path, Map.of("planId", plans.get(1), "bogus", 1)).status()).isEqualTo(400);

        TestClient stranger = TestUsers.signIn(e, "customer").client();
        assertThat(stranger.postJson(path, Map.of("planId", plans.get(1))).status()).isEqualTo(404);
        JsonNode preview = preview(customer, id, plans.get(1), null);
        assertThat(stranger.postJson("/api/v1/subscriptions/" + id + "/change-plan", Map.of("planId", plans.get(1), "token",
                preview.get("token").asText())).status()).isEqualTo(404);
        assertThat(stranger.postJson("/api/v1/subscriptions/" + id + "/change-plan/undo", Map.of()).status()).isEqualTo(404);
        assertThat(stranger.get("/account/subscriptions/" + id + "/change-plan").status()).isEqualTo(404);
        assertThat(e.client().postJson(path, Map.of("planId", plans.get(1))).status()).isEqualTo(401);
        assertThat(count(e, "SELECT COUNT(*) FROM subscription_changes WHERE subscription_id = ?", id)).isZero();
    }

    @EngineTest
    void twoRacingChangesApplyOnce(TestEngine e) throws Exception {
        april(e);
        List<String> plans = PlanChangeFixture.product(e, plan("Monthly", 2900, false), plan("Pro", 4900, false), plan("Max", 9900, false));
        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        String id = PlanChangeFixture.subscribe(e, buyer.client(), plans.get(0), 1, GOOD_CARD);
        TestClient customer = buyer.client();
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String target = plans.get(1 + i % 2);
            bodies.add(Map.of("planId", target, "token", preview(customer, id, target, null).get("token").asText()));
        }
        List<Integer> statuses = PlanChangeFixture.race(bodies, body -> customer.postJson("/api/v1/subscriptions/" + id + "/change-plan", body)
                .status());
        assertThat(statuses).as(statuses.toString()).containsOnlyOnce(200);
        // the others are refused: 409 (another change holds the slot, or the preview went stale), or 422
        // UNCHANGED for one that asked, after the winner applied, for the plan the subscription now has
        assertThat(statuses).filteredOn(s -> s != 200).allMatch(s -> s == 409 || s == 422);
        drain(e);
        assertThat(count(e, "SELECT COUNT(*) FROM subscription_changes WHERE subscription_id = ? AND status = 'applied'", id)).isEqualTo(1);
        assertThat(count(e, "SELECT COUNT(*) FROM subscription_changes WHERE subscription_id = ?", id)).isEqualTo(1);
        assertThat(count(e, "SELECT COUNT(*) FROM orders WHERE renewal_of = ?", id)).as("one change order").isEqualTo(1);
        assertThat(count(e, "SELECT COUNT(*) FROM payment_sandbox_charges c JOIN orders o ON o.id = c.order_id WHERE o.renewal_of = ?", id))
                .isEqualTo(1);
        String planNow = subscription(customer).get("planId").asText();
        assertThat(planNow).isIn(plans.get(1), plans.get(2));
    }

    @EngineTest
    void aChargeThatTimesOutIsAskedAgainWithTheSameKeyAndADeclineChangesNothing(TestEngine e) {
        april(e);
        List<String> plans = PlanChangeFixture.product(e, plan("Monthly", 2900, false), plan("Pro", 4900, false));
        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        String id = PlanChangeFixture.subscribe(e, buyer.client(), plans.get(0), 1, GOOD_CARD);
        TestClient customer = buyer.client();

        SubscriptionFixture.fault(e, "chargeDeclines", 1);
        JsonNode declinedPreview = preview(customer, id, plans.get(1), null);
        Response declined = customer.postJson("/api/v1/subscriptions/" + id + "/change-plan",
                Map.of("planId", plans.get(1), "token", declinedPreview.get("token").asText()));
        assertThat(declined.status()).as(declined.body()).isEqualTo(402);
        assertThat(declined.json().get("detail").asText()).contains("declined");
        assertThat(subscription(customer).get("planId").asText()).isEqualTo(plans.get(0));

        SubscriptionFixture.fault(e, "chargeTimeouts", 1);
        JsonNode preview = preview(customer, id, plans.get(1), null);
        Response pending = customer.postJson("/api/v1/subscriptions/" + id + "/change-plan",
                Map.of("planId", plans.get(1), "token", preview.get("token").asText()));
        assertThat(pending.status()).as(pending.body()).isEqualTo(503);
        assertThat(pending.json().get("code").asText()).isEqualTo("CHARGE_PENDING");
        assertThat(subscription(customer).get("planId").asText()).as("not applied before it is paid").isEqualTo(plans.get(0));
        assertThat(customer.postJson("/api/v1/subscriptions/" + id + "/change-plan/preview", Map.of("planId", plans.get(1))).status())
                .as("one change at a time").isEqualTo(409);

        e.clock().advance(Duration.ofMinutes(11)); // the job runs every 10 minutes; an unknown charge is asked again after a minute
        renewalJob(e);
        TestClient later = again(e, buyer.id());
        assertThat(subscription(later).get("planId").asText()).as("the job asked again and applied it").isEqualTo(plans.get(1));
        String order = e.jdbi().withHandle(h -> h.createQuery("SELECT order_id FROM subscription_changes WHERE subscription_id = :s "
                + "AND status = 'applied'").bind("s", id).mapTo(String.class).one());
        assertThat(count(e, "SELECT COUNT(*) FROM payment_sandbox_charges WHERE order_id = ?", order)).as("charged once").isEqualTo(1);
        assertThat(count(e, "SELECT COUNT(*) FROM ledger_postings WHERE order_id = ? AND kind = 'sale'", order)).isEqualTo(1);
    }

    static Map<String, Object> plan(String name, long priceMinor, boolean seats) {
        Map<String, Object> plan = new LinkedHashMap<>(Map.of("name", name, "priceMinor", priceMinor, "currency", "EUR", "grants", "updates",
                "interval", "month"));
        if (seats) {
            plan.put("seats", true);
        }
        return plan;
    }

    static JsonNode preview(TestClient customer, String id, String planId, Integer quantity) {
        Map<String, Object> body = new HashMap<>();
        if (planId != null) {
            body.put("planId", planId);
        }
        if (quantity != null) {
            body.put("quantity", quantity);
        }
        Response r = customer.postJson("/api/v1/subscriptions/" + id + "/change-plan/preview", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    static JsonNode confirm(TestClient customer, String id, String planId, Integer quantity, JsonNode preview, int status) {
        Map<String, Object> body = new HashMap<>();
        if (planId != null) {
            body.put("planId", planId);
        }
        if (quantity != null) {
            body.put("quantity", quantity);
        }
        body.put("token", preview.get("token").asText());
        Response r = customer.postJson("/api/v1/subscriptions/" + id + "/change-plan", body);
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        return r.json();
    }

    private static String field(Response r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        for (JsonNode f : r.json().get("errors")) {
            if (f.get("field").asText().equals(field)) {
                return f.get("code").asText();
            }
        }
        throw new AssertionError("no error on " + field + ": " + r.body());
    }

    private static long maxUsers(TestEngine e, String key) {
        return count(e, "SELECT max_users FROM licenses WHERE license_key = ?", key);
    }
}
