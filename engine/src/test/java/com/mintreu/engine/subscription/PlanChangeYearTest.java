package com.mintreu.engine.subscription;

import static com.mintreu.engine.subscription.PlanChangeTest.plan;
import static com.mintreu.engine.subscription.SubscriptionFixture.GOOD_CARD;
import static com.mintreu.engine.subscription.SubscriptionFixture.advancePast;
import static com.mintreu.engine.subscription.SubscriptionFixture.again;
import static com.mintreu.engine.subscription.SubscriptionFixture.count;
import static com.mintreu.engine.subscription.SubscriptionFixture.renewalJob;
import static com.mintreu.engine.subscription.SubscriptionFixture.subscription;
import static com.mintreu.engine.subscription.SubscriptionFixture.validate;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

/**
 * A year of a monthly plan with an upgrade in the middle of its fourth period, on both databases:
 * twelve renewals, three at the old price and nine at the new one, plus one prorated charge of
 * exactly what the README's rule gives for that period's length; every charge booked in the
 * ledger, the license always valid to the paid period's end.
 */
@WithConfig(bundledPlugins = true, value = SubscriptionFixture.CONFIG)
class PlanChangeYearTest {

    @EngineTest
    void aYearWithAnUpgradeMidPeriod(TestEngine e) {
        var plans = PlanChangeFixture.product(e, plan("Monthly", 2900, false), plan("Pro", 4900, false));
        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        String id = PlanChangeFixture.subscribe(e, buyer.client(), plans.get(0), 1, GOOD_CARD);
        String firstOrder = e.jdbi().withHandle(h -> h.createQuery("SELECT origin_order_id FROM subscriptions WHERE id = :id").bind("id", id)
                .mapTo(String.class).one());
        JsonNode sub = subscription(buyer.client());
        long expectedDue = -1;
        for (int month = 1; month <= 12; month++) {
            if (month == 4) {
                long start = Instant.parse(sub.get("currentPeriodStartAt").asText()).toEpochMilli();
                long end = Instant.parse(sub.get("currentPeriodEndAt").asText()).toEpochMilli();
                e.clock().advance(Duration.ofMillis(start + Duration.ofHours(9 * 24 + 12).toMillis() - e.clock().millis()));
                TestClient customer = again(e, buyer.id());
                long day = Duration.ofDays(1).toMillis();
                long periodDays = Math.ceilDiv(end - start, day);
                long left = Math.ceilDiv(end - e.clock().millis(), day);
                expectedDue = half(4900 * left, periodDays) - half(2900 * left, periodDays);
                JsonNode preview = PlanChangeTest.preview(customer, id, plans.get(1), null);
                assertThat(preview.get("remainingDays").asLong()).isEqualTo(left).isEqualTo(periodDays - 9);
                assertThat(preview.get("amountDue").get("minor").asLong()).isEqualTo(expectedDue);
                PlanChangeTest.confirm(customer, id, plans.get(1), null, preview, 200);
                SubscriptionFixture.drain(e);
            }
            advancePast(e, sub.get("currentPeriodEndAt").asText());
            renewalJob(e);
            TestClient customer = again(e, buyer.id());
            sub = subscription(customer);
            assertThat(sub.get("status").asText()).as("month " + month).isEqualTo("active");
            assertThat(sub.get("amount").get("minor").asLong()).as("month " + month).isEqualTo(month < 4 ? 2900 : 4900);
            JsonNode license = validate(e, customer, firstOrder);
            assertThat(license.findValue("expiresAt").asLong()).as("month " + month + ": the license runs to the paid period's end")
                    .isEqualTo(Instant.parse(sub.get("currentPeriodEndAt").asText()).toEpochMilli());
        }
        String changeOrder = e.jdbi().withHandle(h -> h.createQuery("SELECT order_id FROM subscription_changes WHERE subscription_id = :id")
                .bind("id", id).mapTo(String.class).one());
        assertThat(count(e, "SELECT COUNT(*) FROM orders WHERE renewal_of = ? AND id <> ? AND total_minor = 2900 AND status = 'fulfilled'",
                id, changeOrder)).as("3 renewals at the old price").isEqualTo(3);
        assertThat(count(e, "SELECT COUNT(*) FROM orders WHERE renewal_of = ? AND id <> ? AND total_minor = 4900 AND status = 'fulfilled'",
                id, changeOrder)).as("9 at the new price").isEqualTo(9);
        assertThat(count(e, "SELECT total_minor FROM orders WHERE id = ?", changeOrder)).as("the prorated charge").isEqualTo(expectedDue);
        assertThat(count(e, "SELECT COUNT(*) FROM ledger_postings p JOIN orders r ON r.id = p.order_id WHERE p.kind = 'sale' AND r.renewal_of = ?",
                id)).as("13 bookings: 12 renewals and the change").isEqualTo(13);
        assertThat(count(e, "SELECT COALESCE(SUM(e.amount_minor), 0) FROM ledger_entries e JOIN ledger_postings p ON p.id = e.posting_id "
                + "JOIN orders r ON r.id = p.order_id WHERE r.renewal_of = ?", id)).as("balanced").isZero();
        assertThat(count(e, "SELECT COUNT(*) FROM payment_sandbox_charges c JOIN orders r ON r.id = c.order_id WHERE r.renewal_of = ?", id))
                .as("one charge per period and one for the change").isEqualTo(13);
    }

    private static long half(long numerator, long d) {
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(d), 0, RoundingMode.HALF_UP).longValueExact();
    }
}
