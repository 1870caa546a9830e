package com.mintreu.engine.subscription;

import static com.mintreu.engine.subscription.SubscriptionFixture.DECLINING_CARD;
import static com.mintreu.engine.subscription.SubscriptionFixture.GOOD_CARD;
import static com.mintreu.engine.subscription.SubscriptionFixture.again;
import static com.mintreu.engine.subscription.SubscriptionFixture.advancePast;
import static com.mintreu.engine.subscription.SubscriptionFixture.checkout;
import static com.mintreu.engine.subscription.SubscriptionFixture.count;
import static com.mintreu.engine.subscription.SubscriptionFixture.drain;
import static com.mintreu.engine.subscription.SubscriptionFixture.monthly;
import static com.mintreu.engine.subscription.SubscriptionFixture.payOnSandbox;
import static com.mintreu.engine.subscription.SubscriptionFixture.recurringPlan;
import static com.mintreu.engine.subscription.SubscriptionFixture.renewalJob;
import static com.mintreu.engine.subscription.SubscriptionFixture.subscription;
import static com.mintreu.engine.subscription.SubscriptionFixture.validate;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Dunning lived with the clock on both databases: a declined renewal is retried 1, 3, 5 and 7 days
 * after the first failure, the customer is mailed at the failure (with a link to pay the renewal
 * order), at the middle retry and before the last, and when it recovers or ends; trial and yearly
 * reminders go out once per period. Mails are counted in the outbox by recipient and subject.
 */
@WithConfig(bundledPlugins = true, value = SubscriptionFixture.CONFIG)
class DunningTest {

    @EngineTest
    void aRenewalRecoveredOnTheSecondRetryIsActiveAndSaysSo(TestEngine e) {
        String plan = recurringPlan(e, monthly(900, 0));
        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        JsonNode placed = checkout(buyer.client(), plan);
        payOnSandbox(buyer.client(), placed.get("paymentUrl").asText(), DECLINING_CARD);
        drain(e);
        JsonNode sub = subscription(buyer.client());

        advancePast(e, sub.get("currentPeriodEndAt").asText());
        renewalJob(e);
        String to = buyer.id() + "@example.test";
        assertThat(subscription(again(e, buyer.id())).get("status").asText()).isEqualTo("past_due");
        assertThat(mails(e, to, "Payment failed%")).isEqualTo(1);
        String renewalOrder = again(e, buyer.id()).get("/api/v1/orders").json().get("data").get(0).get("id").asText();
        assertThat(mailText(e, to, "Payment failed%")).contains("/account/orders/" + renewalOrder);
        long failedAt = e.clock().millis();

        atDay(e, failedAt, 1);
        assertThat(declined(e, buyer.id())).as("the first retry, declined").isEqualTo(2);
        // the card's bank lifts its block (the sandbox's saved card stops declining): the second retry succeeds
        e.jdbi().useHandle(h -> h.createUpdate("UPDATE payment_sandbox_methods SET declines = 0 WHERE id = "
                + "(SELECT payment_method FROM subscriptions WHERE customer_id = :c)").bind("c", buyer.id()).execute());
        atDay(e, failedAt, 3);
        assertThat(subscription(again(e, buyer.id())).get("status").asText()).as("recovered on the second retry").isEqualTo("active");
        assertThat(mails(e, to, "Payment recovered%")).isEqualTo(1);
        assertThat(mails(e, to, "Reminder%") + mails(e, to, "Final notice%") + mails(e, to, "%canceled")).isZero();
        atDay(e, failedAt, 7);
        assertThat(mails(e, to, "Payment failed%") + mails(e, to, "Payment recovered%")).as("each sent once").isEqualTo(2);
        assertThat(count(e, "SELECT COUNT(*) FROM subscription_charges c JOIN subscriptions s ON s.id = c.subscription_id "
                + "WHERE s.customer_id = ?", buyer.id())).as("renewal + 2 retries, nothing after recovery").isEqualTo(3);
    }

    @EngineTest
    void everyRetryDeclinedEndsItWithAReminderAFinalNoticeAndACancelation(TestEngine e) {
        String plan = recurringPlan(e, monthly(900, 0));
        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        JsonNode placed = checkout(buyer.client(), plan);
        String firstOrder = placed.get("orderId").asText();
        payOnSandbox(buyer.client(), placed.get("paymentUrl").asText(), DECLINING_CARD);
        drain(e);
        JsonNode sub = subscription(buyer.client());
        String to = buyer.id() + "@example.test";

        advancePast(e, sub.get("currentPeriodEndAt").asText());
        renewalJob(e);
        long failedAt = e.clock().millis();
        assertThat(declined(e, buyer.id())).isEqualTo(1);
        int[] days = {1, 3, 5};
        for (int i = 0; i < days.length; i++) {
            e.clock().advance(Duration.ofHours(12));
            renewalJob(e);
            assertThat(declined(e, buyer.id())).as("no retry before day " + days[i]).isEqualTo(i + 1);
            atDay(e, failedAt, days[i]);
            assertThat(declined(e, buyer.id())).as("retry at day " + days[i]).isEqualTo(i + 2);
            assertThat(subscription(again(e, buyer.id())).get("status").asText()).isEqualTo("past_due");
        }
        assertThat(mails(e, to, "Payment failed%")).isEqualTo(1);
        assertThat(mails(e, to, "Reminder%")).as("at the middle retry (day 3)").isEqualTo(1);
        assertThat(mails(e, to, "Final notice%")).as("after day 5, before the last").isEqualTo(1);
        assertThat(validate(e, again(e, buyer.id()), firstOrder).get("valid").asBoolean()).as("benefits kept for the grace").isTrue();
        assertThat(mails(e, to, "%canceled")).isZero();

        atDay(e, failedAt, 7);
        assertThat(declined(e, buyer.id())).as("the last retry at day 7").isEqualTo(5);
        assertThat(subscription(again(e, buyer.id())).get("status").asText()).isEqualTo("canceled");
        assertThat(mails(e, to, "%canceled")).isEqualTo(1);
        assertThat(validate(e, again(e, buyer.id()), firstOrder).get("code").asText()).isEqualTo("SUSPENDED");
        atDay(e, failedAt, 9);
        assertThat(declined(e, buyer.id())).isEqualTo(5);
        assertThat(mails(e, to, "Payment failed%") + mails(e, to, "Reminder%") + mails(e, to, "Final notice%") + mails(e, to, "%canceled"))
                .as("each once").isEqualTo(4);
    }

    @EngineTest
    void aTrialEndingIsAnnouncedOnceThreeDaysAhead(TestEngine e) {
        String plan = recurringPlan(e, monthly(1500, 14));
        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        checkout(buyer.client(), plan);
        drain(e);
        String to = buyer.id() + "@example.test";
        Instant end = Instant.parse(subscription(buyer.client()).get("currentPeriodEndAt").asText());
        e.clock().advance(Duration.ofMillis(end.toEpochMilli() - e.clock().millis()).minusDays(4));
        renewalJob(e);
        assertThat(mails(e, to, "Your trial of%ends in 3 days")).as("4 days ahead: not yet").isZero();
        e.clock().advance(Duration.ofDays(1).plusMinutes(1));
        renewalJob(e);
        e.clock().advance(Duration.ofDays(1));
        renewalJob(e);
        assertThat(mails(e, to, "Your trial of%ends in 3 days")).isEqualTo(1);
    }

    @EngineTest
    void aYearlyRenewalIsAnnouncedOnceSevenDaysAheadAndNotForMonthlyPlans(TestEngine e) {
        String yearly = recurringPlan(e, Map.of("name", "Yearly", "priceMinor", 24000, "currency", "EUR", "grants", "updates",
                "interval", "year", "trialDays", 0));
        String monthly = recurringPlan(e, monthly(900, 0));
        TestUsers.User y = TestUsers.signIn(e, "customer");
        TestUsers.User m = TestUsers.signIn(e, "customer");
        JsonNode py = checkout(y.client(), yearly);
        payOnSandbox(y.client(), py.get("paymentUrl").asText(), GOOD_CARD);
        JsonNode pm = checkout(m.client(), monthly);
        payOnSandbox(m.client(), pm.get("paymentUrl").asText(), GOOD_CARD);
        drain(e);
        Instant end = Instant.parse(subscription(y.client()).get("currentPeriodEndAt").asText());
        e.clock().advance(Duration.ofMillis(end.toEpochMilli() - e.clock().millis()).minusDays(8));
        renewalJob(e);
        String subject = "Your subscription to%renews in 7 days";
        assertThat(mails(e, y.id() + "@example.test", subject)).isZero();
        for (int i = 0; i < 3; i++) {
            e.clock().advance(Duration.ofDays(1));
            renewalJob(e);
        }
        assertThat(mails(e, y.id() + "@example.test", subject)).as("once for the period").isEqualTo(1);
        assertThat(mails(e, m.id() + "@example.test", subject)).as("monthly plans get none").isZero();
        advancePast(e, end.toString());
        renewalJob(e);
        assertThat(subscription(again(e, y.id())).get("status").asText()).isEqualTo("active");
        assertThat(mails(e, y.id() + "@example.test", subject)).as("the next period is a year away").isEqualTo(1);
    }

    /** Moves the clock to {@code day} days after the first failure (plus a minute) and runs the job. */
    private static void atDay(TestEngine e, long failedAt, int day) {
        long target = failedAt + Duration.ofDays(day).toMillis() + 60_000;
        if (target > e.clock().millis()) {
            e.clock().advance(Duration.ofMillis(target - e.clock().millis()));
        }
        renewalJob(e);
    }

    private static long declined(TestEngine e, String customerId) {
        return count(e, "SELECT COUNT(*) FROM subscription_charges c JOIN subscriptions s ON s.id = c.subscription_id "
                + "WHERE s.customer_id = ? AND c.status = 'declined'", customerId);
    }

    private static long mails(TestEngine e, String to, String subjectLike) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT payload FROM outbox WHERE topic = 'mail'").mapTo(String.class).list()).stream()
                .map(SubscriptionFixtureJson::read).filter(p -> p.get("to").asText().equals(to))
                .filter(p -> p.get("subject").asText().matches(subjectLike.replace("%", ".*"))).count();
    }

    private static String mailText(TestEngine e, String to, String subjectLike) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT payload FROM outbox WHERE topic = 'mail'").mapTo(String.class).list()).stream()
                .map(SubscriptionFixtureJson::read).filter(p -> p.get("to").asText().equals(to))
                .filter(p -> p.get("subject").asText().matches(subjectLike.replace("%", ".*"))).findFirst().orElseThrow().get("text").asText();
    }

    private static final class SubscriptionFixtureJson {
        static JsonNode read(String json) {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }
    }
}
