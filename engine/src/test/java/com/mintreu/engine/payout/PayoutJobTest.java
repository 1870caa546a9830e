package com.mintreu.engine.payout;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.jobs.Job;
import com.mintreu.engine.ledger.Ledger;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.WithConfig;
import com.mintreu.engine.web.PageRequest;
import java.time.Duration;

/** The scheduled run: its interval and minimum come from {@code payouts} in the configuration. */
@WithConfig("payouts: {minimumMinor: 5000, interval: 30d}\n")
class PayoutJobTest {

    @EngineTest
    void theScheduledRunPaysBalancesAtTheConfiguredMinimum(TestEngine e) throws Exception {
        Job job = e.engine().component().jobs().stream().filter(j -> j.name().equals("payout-run")).findFirst().orElseThrow();
        assertThat(job.interval()).isEqualTo(Duration.ofDays(30));
        Ledger ledger = e.engine().component().ledger();
        PayoutService payouts = e.engine().component().payoutService();
        PayoutRunTest.sale(ledger, "job-small", "usr_job_small", 4999, "EUR", e.clock().millis());
        PayoutRunTest.sale(ledger, "job-big", "usr_job_big", 5000, "EUR", e.clock().millis());

        job.run();

        assertThat(payouts.ofSeller("usr_job_big", PageRequest.first(10))).singleElement()
                .satisfies(p -> assertThat(p.amount().minor()).isEqualTo(5000));
        assertThat(payouts.ofSeller("usr_job_small", PageRequest.first(10))).isEmpty();
    }
}
