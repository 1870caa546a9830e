package com.mintreu.engine.metering;

import static com.mintreu.engine.metering.UsageBillingFixture.charges;
import static com.mintreu.engine.metering.UsageBillingFixture.count;
import static com.mintreu.engine.metering.UsageBillingFixture.order;
import static com.mintreu.engine.metering.UsageBillingFixture.report;
import static com.mintreu.engine.metering.UsageBillingFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.Race;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Usage billing on both databases with the test clock: at a period's end the units reported beyond
 * the quota become one order for the exact overage, however often and on however many threads the
 * job runs; a saved card is charged and the order paid through order.paid; a subscription's period
 * is billed beside its renewal on the same card.
 */
class UsageBillingTest {

    static final Map<String, TestEngine> ENGINES = new LinkedHashMap<>();

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    @BeforeAll
    static void boot() {
        for (String kind : TestDatabase.kinds()) {
            ENGINES.put(kind, UsageBillingFixture.boot(kind));
        }
    }

    @AfterAll
    static void close() {
        ENGINES.values().forEach(TestEngine::close);
    }

    private static final Map<String, String> QUOTA_1000_AT_2 = Map.of("monthlyQuota", "1000", "overageMinorPerUnit", "2");

    @ParameterizedTest
    @MethodSource("kinds")
    void aMonthOverQuotaBecomesOneOrderForTheExactOverageHoweverOftenTheJobRuns(String kind) throws Exception {
        TestEngine e = ENGINES.get(kind);
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        ApiProducts.Bought b = ApiProducts.buy(e, ApiProducts.publish(e, seller, QUOTA_1000_AT_2)); // paid without a saved card
        String key = ApiProducts.newKey(b.customer().client(), b.entitlementId(), "main");
        TestClient server = ApiProducts.withToken(e, seller);
        report(server, key, 900);
        report(server, key, 600);
        report(server, key, 37);

        run(e, UsageBillingJob.NAME);
        assertThat(charges(e, b.entitlementId())).as("the month has not ended").isEmpty();

        UsageBillingFixture.toNextMonth(e, Duration.ofMinutes(30));
        run(e, UsageBillingJob.NAME);
        assertThat(charges(e, b.entitlementId())).as("usage reported a little late still counts until the period settles").isEmpty();

        e.clock().advance(Duration.ofMinutes(31));
        Race.run(8, () -> run(e, UsageBillingJob.NAME));
        run(e, UsageBillingJob.NAME);

        List<Map<String, Object>> rows = charges(e, b.entitlementId());
        assertThat(rows).hasSize(1);
        Map<String, Object> row = rows.getFirst();
        assertThat(((Number) row.get("units")).longValue()).isEqualTo(1537);
        assertThat(((Number) row.get("overage_units")).longValue()).isEqualTo(537);
        assertThat(((Number) row.get("amount_minor")).longValue()).as("537 units x 0.02").isEqualTo(1074);
        assertThat(row.get("status")).as("no saved card: the customer pays it").isEqualTo("awaiting_payment");
        String orderId = (String) row.get("order_id");
        assertThat(count(e, "SELECT COUNT(*) FROM orders WHERE renewal_of = ?", b.entitlementId())).isEqualTo(1);

        TestClient customer = UsageBillingFixture.again(e, b.customer().id());
        JsonNode o = order(customer, orderId);
        assertThat(o.get("status").asText()).isEqualTo("pending");
        assertThat(o.get("total").get("minor").asLong()).isEqualTo(1074);
        assertThat(o.get("total").get("currency").asText()).isEqualTo("EUR");
        assertThat(o.get("lines").get(0).get("planName").asText()).contains("537 of 1537 units beyond the quota of 1000");
        assertThat(count(e, "SELECT COUNT(*) FROM entitlements WHERE order_id = ?", orderId)).as("an overage grants nothing").isZero();

        // the customer pays it with "Pay now" on the order page, on the sandbox's hosted page
        TestClient.Response pay = customer.submitForm("/account/orders/" + orderId, "form[action$=/pay]", Map.of("gateway", "payment-sandbox"));
        assertThat(pay.status()).as(pay.body()).isEqualTo(303);
        String hosted = pay.header("Location");
        TestClient.Response page = customer.get(hosted);
        org.jsoup.nodes.Element form = page.html().selectFirst("form[method=post]");
        Map<String, String> fields = new LinkedHashMap<>();
        form.select("input[type=hidden]").forEach(i -> fields.put(i.attr("name"), i.attr("value")));
        fields.put("action", "pay");
        assertThat(customer.postForm(java.net.URI.create(hosted).resolve(form.attr("action")).toString(), fields).status()).isIn(200, 303);
        UsageBillingFixture.drain(e);
        assertThat(order(customer, orderId).get("status").asText()).isIn("paid", "fulfilled");
        assertThat(count(e, "SELECT COUNT(*) FROM ledger_postings WHERE order_id = ?", orderId)).as("booked").isPositive();
        assertThat(count(e, "SELECT COUNT(*) FROM entitlements WHERE order_id = ?", orderId)).as("still grants nothing").isZero();

        // the next month is under the quota: closed, nothing owed, no order
        report(server, key, 10);
        UsageBillingFixture.toNextMonth(e, Duration.ofHours(2));
        run(e, UsageBillingJob.NAME);
        rows = charges(e, b.entitlementId());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).get("status")).isEqualTo("none");
        assertThat(((Number) rows.get(1).get("units")).longValue()).isEqualTo(10);
        assertThat(rows.get(1).get("order_id")).isNull();
        assertThat(count(e, "SELECT COUNT(*) FROM orders WHERE renewal_of = ?", b.entitlementId())).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aSavedCardIsChargedAndTheOverageOrderIsPaidThroughTheMoneyPath(String kind) throws Exception {
        TestEngine e = ENGINES.get(kind);
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        String plan = UsageBillingFixture.publish(e, seller, QUOTA_1000_AT_2,
                Map.of("name", "Standard", "priceMinor", 1500, "currency", "EUR", "grants", "the API"));
        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        String first = UsageBillingFixture.buyOnSandbox(e, buyer.client(), plan, UsageBillingFixture.GOOD_CARD);
        String ent = ApiProducts.entitlementOf(buyer.client(), first);
        String key = ApiProducts.newKey(buyer.client(), ent, "main");
        report(ApiProducts.withToken(e, seller), key, 1250);

        UsageBillingFixture.toNextMonth(e, Duration.ofHours(2));
        run(e, UsageBillingJob.NAME);
        UsageBillingFixture.drain(e);

        List<Map<String, Object>> rows = charges(e, ent);
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().get("status")).isEqualTo("charged");
        assertThat(((Number) rows.getFirst().get("amount_minor")).longValue()).isEqualTo(500);
        JsonNode o = order(UsageBillingFixture.again(e, buyer.id()), (String) rows.getFirst().get("order_id"));
        assertThat(o.get("status").asText()).as(o.toString()).isIn("paid", "fulfilled");
        assertThat(o.get("total").get("minor").asLong()).isEqualTo(500);
        assertThat(count(e, "SELECT COUNT(*) FROM ledger_postings WHERE order_id = ?", o.get("id").asText())).as("booked").isPositive();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aSubscriptionsPeriodIsBilledBesideItsRenewalOnTheSameCard(String kind) throws Exception {
        TestEngine e = ENGINES.get(kind);
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        String plan = UsageBillingFixture.publish(e, seller, QUOTA_1000_AT_2,
                Map.of("name", "Monthly", "priceMinor", 2900, "currency", "EUR", "grants", "the API", "interval", "month"));
        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        String first = UsageBillingFixture.buyOnSandbox(e, buyer.client(), plan, UsageBillingFixture.GOOD_CARD);
        String ent = ApiProducts.entitlementOf(buyer.client(), first);
        String key = ApiProducts.newKey(buyer.client(), ent, "main");
        report(ApiProducts.withToken(e, seller), key, 1003);
        JsonNode sub = buyer.client().get("/api/v1/subscriptions").json().get("data").get(0);
        long start = java.time.Instant.parse(sub.get("currentPeriodStartAt").asText()).toEpochMilli();
        long end = java.time.Instant.parse(sub.get("currentPeriodEndAt").asText()).toEpochMilli();

        UsageBillingFixture.toPast(e, end, Duration.ofHours(2));
        run(e, "subscription-renewals");
        run(e, UsageBillingJob.NAME);
        UsageBillingFixture.drain(e);

        List<Map<String, Object>> rows = charges(e, ent);
        assertThat(rows).hasSize(1);
        assertThat(((Number) rows.getFirst().get("period_start")).longValue()).as("the subscription's period, not the month").isEqualTo(start);
        assertThat(((Number) rows.getFirst().get("period_end")).longValue()).isEqualTo(end);
        assertThat(((Number) rows.getFirst().get("amount_minor")).longValue()).isEqualTo(6);
        assertThat(rows.getFirst().get("status")).isEqualTo("charged");
        TestClient customer = UsageBillingFixture.again(e, buyer.id());
        assertThat(order(customer, (String) rows.getFirst().get("order_id")).get("status").asText()).isIn("paid", "fulfilled");
        JsonNode renewed = customer.get("/api/v1/subscriptions").json().get("data").get(0);
        assertThat(renewed.get("status").asText()).isEqualTo("active");
        assertThat(renewed.get("currentPeriodStartAt").asText()).as("the renewal was paid too").isEqualTo(sub.get("currentPeriodEndAt").asText());
        assertThat(count(e, "SELECT COUNT(*) FROM orders WHERE customer_id = ? AND status IN ('paid', 'fulfilled')", buyer.id()))
                .as("first order, renewal, overage").isEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void eventsOlderThanTheDedupWindowArePrunedAndTheRollupsKeepTheirTotals(String kind) throws Exception {
        TestEngine e = ENGINES.get(kind);
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        ApiProducts.Bought b = ApiProducts.buy(e, ApiProducts.publish(e, seller, Map.of("monthlyQuota", "100000")));
        String key = ApiProducts.newKey(b.customer().client(), b.entitlementId(), "main");
        TestClient server = ApiProducts.withToken(e, seller);
        java.time.Instant oldAt = e.clock().instant();
        var old = server.postJson("/api/v1/usage", Map.of("events", List.of(Map.of("eventId", "old-1", "key", key, "units", 7, "at", oldAt.toString()))));
        assertThat(old.status()).as(old.body()).isEqualTo(200);
        e.clock().advance(Duration.ofDays(34));
        report(server, key, 5);
        e.clock().advance(Duration.ofDays(2)); // the first is 36 days old, the second 2: the window is 35 days

        UsageBillingFixture.run(e, UsagePruneJob.NAME);

        assertThat(count(e, "SELECT COUNT(*) FROM usage_events WHERE entitlement_id = ?", b.entitlementId())).isEqualTo(1);
        assertThat(count(e, "SELECT COUNT(*) FROM usage_events WHERE entitlement_id = ? AND event_id = 'old-1'", b.entitlementId())).isZero();
        assertThat(count(e, "SELECT SUM(units) FROM usage_rollups WHERE entitlement_id = ? AND grain = 'minute'", b.entitlementId()))
                .as("the rollups keep the totals").isEqualTo(12);
        var replay = server.postJson("/api/v1/usage", Map.of("events", List.of(Map.of("eventId", "old-1", "key", key, "units", 7, "at", oldAt.toString()))));
        assertThat(replay.status()).as("a replay of a pruned event is refused by its time, not counted again").isEqualTo(422);
        assertThat(replay.body()).contains("AT_OUT_OF_WINDOW");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void twoNodesRacingBillAndChargeAPeriodOnce(String kind) throws Exception {
        TestEngine a = ENGINES.get(kind);
        TestUsers.User seller = TestUsers.signIn(a, "seller");
        String plan = UsageBillingFixture.publish(a, seller, QUOTA_1000_AT_2,
                Map.of("name", "Standard", "priceMinor", 1500, "currency", "EUR", "grants", "the API"));
        TestUsers.User buyer = TestUsers.signIn(a, "customer");
        String first = UsageBillingFixture.buyOnSandbox(a, buyer.client(), plan, UsageBillingFixture.GOOD_CARD);
        String ent = ApiProducts.entitlementOf(buyer.client(), first);
        report(ApiProducts.withToken(a, seller), ApiProducts.newKey(buyer.client(), ent, "main"), 1100);
        try (TestEngine b = TestEngine.secondNode(a, UsageBillingFixture.CONFIG, true, com.mintreu.engine.plugin.ApiTestPlugins::writeProductApiTo)) {
            UsageBillingFixture.toNextMonth(a, Duration.ofHours(2));
            b.clock().advance(Duration.ofMillis(a.clock().millis() - b.clock().millis()));
            Race.of(8, i -> {
                UsageBillingFixture.run(i % 2 == 0 ? a : b, UsageBillingJob.NAME);
                return null;
            });
        }
        UsageBillingFixture.drain(a);
        List<Map<String, Object>> rows = charges(a, ent);
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().get("status")).isEqualTo("charged");
        assertThat(count(a, "SELECT COUNT(*) FROM orders WHERE renewal_of = ?", ent)).isEqualTo(1);
        String orderId = (String) rows.getFirst().get("order_id");
        assertThat(count(a, "SELECT COUNT(*) FROM ledger_postings WHERE order_id = ?", orderId)).as("booked once").isEqualTo(1);
        assertThat(order(UsageBillingFixture.again(a, buyer.id()), orderId).get("total").get("minor").asLong()).isEqualTo(200);
    }

}
