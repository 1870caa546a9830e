package com.mintreu.engine.subscription;

import static com.mintreu.engine.subscription.SubscriptionFixture.GOOD_CARD;
import static com.mintreu.engine.subscription.SubscriptionFixture.advancePast;
import static com.mintreu.engine.subscription.SubscriptionFixture.again;
import static com.mintreu.engine.subscription.SubscriptionFixture.checkout;
import static com.mintreu.engine.subscription.SubscriptionFixture.count;
import static com.mintreu.engine.subscription.SubscriptionFixture.drain;
import static com.mintreu.engine.subscription.SubscriptionFixture.fault;
import static com.mintreu.engine.subscription.SubscriptionFixture.monthly;
import static com.mintreu.engine.subscription.SubscriptionFixture.payOnSandbox;
import static com.mintreu.engine.subscription.SubscriptionFixture.recurringPlan;
import static com.mintreu.engine.subscription.SubscriptionFixture.subscription;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Each period is charged once: when the renewal work runs on many threads at once (as on several
 * nodes, without the job lease), and when the charge's answer is lost (a timeout) and the next run
 * asks again with the same idempotency key. Both databases.
 */
@WithConfig(bundledPlugins = true, value = SubscriptionFixture.CONFIG)
class RenewalOnceTest {

    /** A subscription paid with a saved card, its period just ended; returns [customer id, subscription id]. */
    private static String[] dueSubscription(TestEngine e) {
        String plan = recurringPlan(e, monthly(1900, 0));
        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        JsonNode placed = checkout(buyer.client(), plan);
        payOnSandbox(buyer.client(), placed.get("paymentUrl").asText(), GOOD_CARD);
        drain(e);
        JsonNode sub = subscription(buyer.client());
        advancePast(e, sub.get("currentPeriodEndAt").asText());
        return new String[] {buyer.id(), sub.get("id").asText()};
    }

    private static void assertChargedOnce(TestEngine e, String subscriptionId) {
        assertThat(count(e, "SELECT COUNT(*) FROM subscription_periods WHERE subscription_id = ? AND seq = 1", subscriptionId)).isEqualTo(1);
        assertThat(count(e, "SELECT COUNT(*) FROM orders WHERE renewal_of = ?", subscriptionId)).as("one renewal order").isEqualTo(1);
        assertThat(count(e, "SELECT COUNT(*) FROM payment_sandbox_charges c JOIN orders o ON o.id = c.order_id WHERE o.renewal_of = ?",
                subscriptionId)).as("the card was charged once").isEqualTo(1);
        assertThat(count(e, "SELECT COUNT(*) FROM ledger_postings p JOIN orders o ON o.id = p.order_id WHERE o.renewal_of = ?", subscriptionId))
                .as("one ledger booking").isEqualTo(1);
        assertThat(count(e, "SELECT COUNT(*) FROM outbox WHERE topic = 'subscription.period-paid' AND payload LIKE ? AND payload LIKE '%\"seq\":1%'",
                "%" + subscriptionId + "%")).as("one period-paid event").isEqualTo(1);
    }

    @EngineTest
    void eightRenewalRunsAtOnceChargeThePeriodOnce(TestEngine e) throws Exception {
        String[] due = dueSubscription(e);
        int n = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Future<?>> runs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            runs.add(pool.submit(() -> {
                start.await();
                e.engine().component().renewals().run();
                return null;
            }));
        }
        start.countDown();
        for (Future<?> run : runs) {
            run.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        drain(e);
        assertChargedOnce(e, due[1]);
        assertThat(subscription(again(e, due[0])).get("status").asText()).isEqualTo("active");
    }

    @EngineTest
    void aChargeWhoseAnswerIsLostIsAskedAgainWithTheSameKeyAndChargedOnce(TestEngine e) {
        String[] due = dueSubscription(e);
        fault(e, "chargeTimeouts", 1);
        e.engine().component().renewals().run();
        drain(e);
        assertThat(count(e, "SELECT COUNT(*) FROM subscription_charges WHERE subscription_id = ? AND status = 'charging'", due[1]))
                .as("outcome unknown: nothing guessed").isEqualTo(1);
        assertThat(subscription(again(e, due[0])).get("status").asText()).isEqualTo("active");
        assertThat(count(e, "SELECT COUNT(*) FROM orders WHERE renewal_of = ? AND status = 'pending'", due[1])).isEqualTo(1);

        e.engine().component().renewals().run();
        e.engine().component().renewals().run();
        drain(e);
        assertChargedOnce(e, due[1]);
        assertThat(count(e, "SELECT COUNT(*) FROM orders WHERE renewal_of = ? AND status = 'fulfilled'", due[1])).isEqualTo(1);
    }
}
