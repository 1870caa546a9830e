package com.mintreu.engine.subscription;

import static com.mintreu.engine.subscription.SubscriptionFixture.GOOD_CARD;
import static com.mintreu.engine.subscription.SubscriptionFixture.advancePast;
import static com.mintreu.engine.subscription.SubscriptionFixture.again;
import static com.mintreu.engine.subscription.SubscriptionFixture.checkout;
import static com.mintreu.engine.subscription.SubscriptionFixture.drain;
import static com.mintreu.engine.subscription.SubscriptionFixture.payOnSandbox;
import static com.mintreu.engine.subscription.SubscriptionFixture.recurringPlan;
import static com.mintreu.engine.subscription.SubscriptionFixture.renewalJob;
import static com.mintreu.engine.subscription.SubscriptionFixture.subscription;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The mails a customer gets about subscriptions, read where an admin reads them ({@code /admin/mails},
 * the mails kept without SMTP): each paid renewal sends exactly one receipt, and "trial ends in 3
 * days", "renews in 7 days" (yearly) and "canceled" go once, however often the renewal job runs.
 */
@WithConfig(bundledPlugins = true, value = SubscriptionFixture.CONFIG + "mail: {keepUnsent: true}\n")
class SubscriptionNoticesTest {

    @EngineTest
    void aTrialAndAYearlyPlanGetEachNoticeOnceAndOneReceiptPerPaidRenewal(TestEngine e) {
        Map<String, Object> trialPlan = new HashMap<>(SubscriptionFixture.monthly(1000, 7));
        trialPlan.put("trialRequiresPaymentMethod", true);
        String monthly = recurringPlan(e, trialPlan);
        String yearly = recurringPlan(e, Map.of("name", "Yearly", "priceMinor", 29000, "currency", "EUR", "grants", "updates",
                "interval", "year"));
        TestUsers.User trier = TestUsers.signIn(e, "customer");
        payOnSandbox(trier.client(), checkout(trier.client(), monthly).get("paymentUrl").asText(), GOOD_CARD);
        TestUsers.User yearlyBuyer = TestUsers.signIn(e, "customer");
        payOnSandbox(yearlyBuyer.client(), checkout(yearlyBuyer.client(), yearly).get("paymentUrl").asText(), GOOD_CARD);
        drain(e);
        String trial = subscription(trier.client()).get("id").asText();
        JsonNode year = subscription(yearlyBuyer.client());
        String trierMail = trier.id() + "@example.test";
        String yearlyMail = yearlyBuyer.id() + "@example.test";

        // four and a half days in: the trial ends within 3 days; the job runs twice
        e.clock().advance(Duration.ofDays(4).plusHours(12));
        twice(e);
        assertThat(subjects(e, trierMail, "ends in 3 days")).hasSize(1);

        // the trial ends and converts; running the job again pays nothing twice
        e.clock().advance(Duration.ofDays(3));
        twice(e);
        JsonNode converted = subscription(again(e, trier.id()));
        assertThat(converted.get("status").asText()).isEqualTo("active");
        advancePast(e, converted.get("currentPeriodEndAt").asText());
        twice(e);
        List<String> renewals = renewalOrders(e, trial);
        assertThat(renewals).hasSize(2);
        for (String order : renewals) {
            assertThat(subjects(e, trierMail, "Your receipt for order " + order)).as("one receipt for " + order).hasSize(1);
        }
        assertThat(subjects(e, trierMail, "ends in 3 days")).as("the trial's notice is not repeated").hasSize(1);

        TestClient customer = again(e, trier.id());
        assertThat(customer.postJson("/api/v1/subscriptions/" + trial + "/cancel", Map.of()).status()).isEqualTo(200);
        assertThat(customer.postJson("/api/v1/subscriptions/" + trial + "/cancel", Map.of()).status()).isEqualTo(409);
        e.clock().advance(Duration.ofMinutes(11));
        renewalJob(e);
        assertThat(subjects(e, trierMail, "is canceled")).hasSize(1);

        // the yearly plan: 7 days before its renewal, one reminder; then one receipt for the renewal
        Instant end = Instant.parse(year.get("currentPeriodEndAt").asText());
        advancePast(e, end.minus(Duration.ofDays(6)).toString());
        twice(e);
        assertThat(subjects(e, yearlyMail, "renews in 7 days")).hasSize(1);
        e.engine().component().jobScheduler().runDue(); // the license reminders too
        assertThat(subjects(e, yearlyMail, "Your license expires")).as("the subscription renews it: no 'renew it' mail").isEmpty();
        advancePast(e, end.toString());
        twice(e);
        List<String> yearlyRenewals = renewalOrders(e, year.get("id").asText());
        assertThat(yearlyRenewals).hasSize(1);
        assertThat(subjects(e, yearlyMail, "Your receipt for order " + yearlyRenewals.getFirst())).hasSize(1);
        assertThat(subjects(e, yearlyMail, "renews in 7 days")).hasSize(1);
        assertThat(subjects(e, trierMail, "Your receipt")).as("the trial's order and two renewals").hasSize(3);
    }

    /** Subjects of the mails kept for {@code to} that contain {@code text}, as /admin/mails shows them. */
    private static List<String> subjects(TestEngine e, String to, String text) {
        TestClient admin = TestUsers.signIn(e, "admin").client();
        return admin.get("/admin/mails").html().select("article.mail").stream()
                .filter(m -> m.selectFirst("p.muted").text().startsWith("To " + to + " "))
                .map(m -> m.selectFirst("h2").text()).filter(s -> s.contains(text)).toList();
    }

    /** The job runs, and again at its next turn (it runs every 10 minutes). */
    private static void twice(TestEngine e) {
        renewalJob(e);
        e.clock().advance(Duration.ofMinutes(11));
        renewalJob(e);
    }

    private static List<String> renewalOrders(TestEngine e, String subscription) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT id FROM orders WHERE renewal_of = :s AND status IN ('paid', 'fulfilled') ORDER BY created_at")
                .bind("s", subscription).mapTo(String.class).list());
    }

}
