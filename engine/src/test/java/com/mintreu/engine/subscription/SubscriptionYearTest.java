package com.mintreu.engine.subscription;

import static com.mintreu.engine.subscription.SubscriptionFixture.DECLINING_CARD;
import static com.mintreu.engine.subscription.SubscriptionFixture.GOOD_CARD;
import static com.mintreu.engine.subscription.SubscriptionFixture.advancePast;
import static com.mintreu.engine.subscription.SubscriptionFixture.again;
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
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.time.Duration;
import java.time.Instant;

/**
 * A year with the clock, on both databases: a monthly plan on the sandbox renews twelve times, each
 * renewal an order with its receipt and ledger booking, the license always valid until the paid
 * period's end; a trial converts when its first order is paid and another lapses; a declined
 * renewal makes the subscription past due, keeps the license for the grace, then ends it.
 */
@WithConfig(bundledPlugins = true, value = SubscriptionFixture.CONFIG)
class SubscriptionYearTest {

    @EngineTest
    void aMonthlyPlanRenewsTwelveTimesAndTheLicenseFollows(TestEngine e) {
        String plan = recurringPlan(e, monthly(2900, 0));
        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        JsonNode placed = checkout(buyer.client(), plan);
        String firstOrder = placed.get("orderId").asText();
        assertThat(placed.get("total").toString()).contains("2900");
        payOnSandbox(buyer.client(), placed.get("paymentUrl").asText(), GOOD_CARD);
        drain(e);

        JsonNode sub = subscription(buyer.client());
        assertThat(sub.get("status").asText()).isEqualTo("active");
        assertThat(sub.get("paymentMethod").asText()).isEqualTo("Test card •••• 4242");
        assertThat(sub.get("amount").get("minor").asLong()).isEqualTo(2900);
        String id = sub.get("id").asText();
        JsonNode license = validate(e, buyer.client(), firstOrder);
        assertThat(license.get("valid").asBoolean()).as(license.toString()).isTrue();

        for (int month = 1; month <= 12; month++) {
            String end = sub.get("currentPeriodEndAt").asText();
            advancePast(e, end);
            renewalJob(e);
            TestClient customer = again(e, buyer.id());
            sub = subscription(customer);
            assertThat(sub.get("status").asText()).as("month " + month).isEqualTo("active");
            assertThat(Instant.parse(sub.get("currentPeriodEndAt").asText())).as("month " + month + ": a new period")
                    .isAfter(Instant.parse(end));
            license = validate(e, customer, firstOrder);
            assertThat(license.get("valid").asBoolean()).as("month " + month + ": " + license).isTrue();
            assertThat(license.findValue("expiresAt").asLong()).as("month " + month + ": the license runs to the paid period's end")
                    .isEqualTo(Instant.parse(sub.get("currentPeriodEndAt").asText()).toEpochMilli());
        }

        assertThat(count(e, "SELECT COUNT(*) FROM subscription_periods WHERE subscription_id = ? AND status = 'paid'", id)).isEqualTo(13);
        assertThat(count(e, "SELECT COUNT(*) FROM orders WHERE renewal_of = ? AND status = 'fulfilled'", id)).as("12 renewal orders").isEqualTo(12);
        assertThat(count(e, "SELECT COUNT(*) FROM outbox o JOIN orders r ON o.payload LIKE '%' || r.id || '%' "
                + "WHERE o.topic = 'mail' AND o.payload LIKE '%Your receipt%' AND r.renewal_of = ?", id)).as("12 receipts").isEqualTo(12);
        assertThat(count(e, "SELECT COUNT(*) FROM ledger_postings p JOIN orders r ON r.id = p.order_id WHERE p.kind = 'sale' AND r.renewal_of = ?", id))
                .as("12 ledger bookings").isEqualTo(12);
        assertThat(count(e, "SELECT COUNT(*) FROM payment_sandbox_charges c JOIN orders r ON r.id = c.order_id WHERE r.renewal_of = ?", id))
                .as("one charge per period").isEqualTo(12);
        assertThat(count(e, "SELECT COUNT(*) FROM licenses l JOIN entitlements t ON t.id = l.entitlement_id WHERE t.customer_id = ?", buyer.id()))
                .as("renewals grant no new license").isEqualTo(1);
        System.out.println(year(e, id, buyer.id() + "@example.test"));
    }

    /**
     * The year as a table, printed for the record (the closing note quotes it): each period with the
     * order that paid it and the off-session charge, then the mails the customer was sent.
     */
    private static String year(TestEngine e, String subscription, String to) {
        StringBuilder out = new StringBuilder("year of " + subscription + " on " + e.kind() + "\nseq | kind | period (UTC) | order | total | charge\n");
        e.jdbi().useHandle(h -> {
            h.createQuery("""
                    SELECT p.seq, p.kind, p.starts_at, p.ends_at, p.order_id, o.total_minor, o.currency,
                           (SELECT c.id || ' ' || c.outcome FROM payment_sandbox_charges c WHERE c.order_id = p.order_id) AS charge
                    FROM subscription_periods p LEFT JOIN orders o ON o.id = p.order_id
                    WHERE p.subscription_id = :s ORDER BY p.seq""").bind("s", subscription).mapToMap().forEach(r -> out.append(String.format(
                    "%s | %s | %s .. %s | %s | %s %s | %s%n", r.get("seq"), r.get("kind"),
                    Instant.ofEpochMilli(((Number) r.get("starts_at")).longValue()).toString().substring(0, 10),
                    Instant.ofEpochMilli(((Number) r.get("ends_at")).longValue()).toString().substring(0, 10),
                    r.get("order_id"), r.get("total_minor"), r.get("currency"), r.get("charge") == null ? "(checkout)" : r.get("charge"))));
            out.append("mails to the customer:\n");
            h.createQuery("SELECT created_at, payload FROM outbox WHERE topic = 'mail' AND payload LIKE :to ORDER BY created_at, id")
                    .bind("to", "%" + to + "%").mapToMap().forEach(r -> {
                        String payload = (String) r.get("payload");
                        int at = payload.indexOf("\"subject\":\"");
                        String subject = at < 0 ? payload : payload.substring(at + 11, payload.indexOf('"', at + 11));
                        out.append(Instant.ofEpochMilli(((Number) r.get("created_at")).longValue()).toString(), 0, 10).append("  ").append(subject).append('\n');
                    });
        });
        return out.toString();
    }

    @EngineTest
    void aTrialConvertsWhenItsFirstOrderIsPaidAndAnotherLapses(TestEngine e) {
        String plan = recurringPlan(e, monthly(1500, 14));
        TestUsers.User converts = TestUsers.signIn(e, "customer");
        TestUsers.User lapses = TestUsers.signIn(e, "customer");
        JsonNode first = checkout(converts.client(), plan);
        assertThat(first.hasNonNull("paymentUrl")).as("a free trial needs no payment: " + first).isFalse();
        checkout(lapses.client(), plan);
        drain(e);
        JsonNode trial = subscription(converts.client());
        assertThat(trial.get("status").asText()).isEqualTo("trialing");
        assertThat(validate(e, converts.client(), first.get("orderId").asText()).findValue("expiresAt").asLong())
                .as("the license runs to the trial's end").isEqualTo(Instant.parse(trial.get("currentPeriodEndAt").asText()).toEpochMilli());

        advancePast(e, trial.get("currentPeriodEndAt").asText());
        renewalJob(e);
        TestClient a = again(e, converts.id());
        assertThat(subscription(a).get("status").asText()).as("no card saved: the first charge waits to be paid").isEqualTo("past_due");
        JsonNode renewal = a.get("/api/v1/orders").json().get("data").get(0);
        assertThat(renewal.get("status").asText()).isEqualTo("pending");
        String payUrl = a.postJson("/api/v1/orders/" + renewal.get("id").asText() + "/pay", java.util.Map.of()).json().get("paymentUrl").asText();
        payOnSandbox(a, payUrl, GOOD_CARD);
        drain(e);
        JsonNode converted = subscription(a);
        assertThat(converted.get("status").asText()).as("the trial converted").isEqualTo("active");
        assertThat(converted.get("paymentMethod").asText()).isEqualTo("Test card •••• 4242");

        e.clock().advance(Duration.ofDays(8));
        renewalJob(e);
        TestClient b = again(e, lapses.id());
        assertThat(subscription(b).get("status").asText()).as("nobody paid within the grace: lapsed").isEqualTo("canceled");
        assertThat(b.get("/api/v1/orders").json().get("data").get(0).get("status").asText()).isEqualTo("canceled");

        advancePast(e, converted.get("currentPeriodEndAt").asText());
        renewalJob(e);
        a = again(e, converts.id());
        assertThat(subscription(a).get("status").asText()).as("renewed off-session with the card saved at conversion").isEqualTo("active");
        assertThat(count(e, "SELECT COUNT(*) FROM subscription_periods p JOIN subscriptions s ON s.id = p.subscription_id "
                + "WHERE s.customer_id = ? AND p.status = 'paid'", converts.id())).as("trial + 2 paid periods").isEqualTo(3);
    }

    @EngineTest
    void aDeclinedRenewalIsPastDueKeepsTheLicenseForTheGraceThenEndsIt(TestEngine e) {
        String plan = recurringPlan(e, monthly(900, 0));
        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        JsonNode placed = checkout(buyer.client(), plan);
        String firstOrder = placed.get("orderId").asText();
        payOnSandbox(buyer.client(), placed.get("paymentUrl").asText(), DECLINING_CARD);
        drain(e);
        JsonNode sub = subscription(buyer.client());
        assertThat(sub.get("status").asText()).isEqualTo("active");

        advancePast(e, sub.get("currentPeriodEndAt").asText());
        renewalJob(e);
        TestClient customer = again(e, buyer.id());
        assertThat(subscription(customer).get("status").asText()).isEqualTo("past_due");
        e.clock().advance(Duration.ofDays(3));
        renewalJob(e); // a retry of the saved card, declined again
        customer = again(e, buyer.id());
        assertThat(subscription(customer).get("status").asText()).isEqualTo("past_due");
        JsonNode license = validate(e, customer, firstOrder);
        assertThat(license.get("valid").asBoolean()).as("past due keeps access for the grace: " + license).isTrue();

        e.clock().advance(Duration.ofDays(5));
        renewalJob(e);
        customer = again(e, buyer.id());
        assertThat(subscription(customer).get("status").asText()).isEqualTo("canceled");
        license = validate(e, customer, firstOrder);
        assertThat(license.get("code").asText()).as(license.toString()).isEqualTo("SUSPENDED");
        assertThat(count(e, "SELECT COUNT(*) FROM subscription_charges c JOIN subscriptions s ON s.id = c.subscription_id "
                + "WHERE s.customer_id = ? AND c.status = 'declined'", buyer.id())).as("the first try and daily retries, all declined")
                .isGreaterThanOrEqualTo(2);
    }
}
