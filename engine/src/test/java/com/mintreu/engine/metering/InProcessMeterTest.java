package com.mintreu.engine.metering;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.api.metering.Consumption;
import com.mintreu.api.metering.Decision;
import com.mintreu.api.metering.Decision.Verdict;
import com.mintreu.api.metering.Limit;
import com.mintreu.api.metering.TotalsQuery;
import com.mintreu.api.metering.Usage;
import com.mintreu.api.metering.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The engine's in-process meter: limits, windows, replays, totals, and exactness under a race. */
class InProcessMeterTest {

    static final Instant T0 = Instant.parse("2026-12-04T10:15:25.400Z");
    static final Limit PER_SECOND = new Limit("per-second", Limit.Kind.RATE, 3, Window.SECOND, true);
    static final Limit MONTHLY = new Limit("monthly", Limit.Kind.QUOTA, 10, Window.MONTH, true);

    final InProcessMeter meter = new InProcessMeter();

    Decision take(String subject, String eventId, long cost, Instant at, Limit... limits) {
        return meter.consume(new Consumption(subject, eventId, cost, List.of(limits), at));
    }

    @Test
    void aRateLimitRefusesWithinItsWindowAndResetsWithTheNext() {
        for (int i = 0; i < 3; i++) {
            assertThat(take("s", null, 1, T0, PER_SECOND).verdict()).isEqualTo(Verdict.ALLOWED);
        }
        Decision refused = take("s", null, 1, T0.plusMillis(500), PER_SECOND);
        assertThat(refused.verdict()).isEqualTo(Verdict.RATE_LIMITED);
        assertThat(refused.remaining()).isZero();
        assertThat(refused.limit()).isEqualTo(3);
        assertThat(refused.reset()).isEqualTo(Instant.parse("2026-12-04T10:15:26Z"));
        assertThat(take("s", null, 1, T0.plusMillis(600), PER_SECOND).verdict()).as("a new second").isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void aQuotaWithABillingPeriodCountsAcrossTheCalendarMonthAndStartsOverWithTheNextPeriod() {
        Limit.Period period = new Limit.Period(Instant.parse("2026-12-15T09:00:00Z"), Instant.parse("2027-01-15T09:00:00Z"));
        Limit quota = new Limit("monthly", Limit.Kind.QUOTA, 10, Window.MONTH, true, period);
        assertThat(take("p", null, 6, Instant.parse("2026-12-20T00:00:00Z"), quota).verdict()).isEqualTo(Verdict.ALLOWED);
        Decision refused = take("p", null, 5, Instant.parse("2027-01-02T00:00:00Z"), quota);
        assertThat(refused.verdict()).as("a new calendar month, the same period").isEqualTo(Verdict.QUOTA_EXCEEDED);
        assertThat(refused.reset()).isEqualTo(period.until());
        assertThat(take("p", null, 4, Instant.parse("2027-01-02T00:00:00Z"), quota).remaining()).isZero();
        Limit next = new Limit("monthly", Limit.Kind.QUOTA, 10, Window.MONTH, true,
                new Limit.Period(period.until(), Instant.parse("2027-02-15T09:00:00Z")));
        assertThat(take("p", null, 10, period.until(), next).verdict()).as("the next period").isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void aRefusalByOneLimitTakesNothingFromTheOthers() {
        assertThat(take("s", null, 3, T0, PER_SECOND, MONTHLY).verdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(take("s", null, 1, T0, PER_SECOND, MONTHLY).verdict()).isEqualTo(Verdict.RATE_LIMITED);
        Decision next = take("s", null, 7, T0.plusSeconds(1), PER_SECOND, MONTHLY);
        assertThat(next.verdict()).as("7 is over 3 per second").isEqualTo(Verdict.RATE_LIMITED);
        Decision ok = take("s", null, 3, T0.plusSeconds(1), PER_SECOND, MONTHLY);
        assertThat(ok.verdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(ok.limitName()).as("both at 0 remaining: the longer window is reported").isEqualTo("per-second");
        assertThat(meter.totals(new TotalsQuery("s", Window.MONTH, T0)).units()).isEqualTo(6);
    }

    @Test
    void anEnforcedQuotaStopsAndTheNextMonthStartsOver() {
        assertThat(take("s", null, 10, T0, MONTHLY).remaining()).isZero();
        Decision refused = take("s", null, 1, T0.plusSeconds(60), MONTHLY);
        assertThat(refused.verdict()).isEqualTo(Verdict.QUOTA_EXCEEDED);
        assertThat(refused.reset()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(take("s", null, 1, Instant.parse("2027-01-01T00:00:00Z"), MONTHLY).verdict()).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void aQuotaWithOverageCountsButNeverRefuses() {
        Limit overage = new Limit("monthly", Limit.Kind.QUOTA, 2, Window.MONTH, false);
        for (int i = 0; i < 5; i++) {
            assertThat(take("s", null, 1, T0, overage).verdict()).isEqualTo(Verdict.ALLOWED);
        }
        assertThat(take("s", null, 0, T0, overage).remaining()).isZero();
        assertThat(meter.totals(new TotalsQuery("s", Window.MONTH, T0)).units()).isEqualTo(5);
    }

    @Test
    void aReplayedEventIdAnswersTheFirstDecisionAndTakesNothing() {
        Decision first = take("s", "evt-1", 4, T0, MONTHLY);
        assertThat(first.remaining()).isEqualTo(6);
        Decision again = take("s", "evt-1", 4, T0.plusSeconds(5), MONTHLY);
        assertThat(again.replayed()).isTrue();
        assertThat(again.remaining()).isEqualTo(6);
        assertThat(take("s", "evt-2", 0, T0, MONTHLY).remaining()).as("nothing taken twice").isEqualTo(6);
        assertThat(take("other", "evt-1", 4, T0, MONTHLY).replayed()).as("ids are per subject").isFalse();
        // a refused event stays refused: a replay is not a second try
        take("s", "evt-3", 6, T0, MONTHLY);
        assertThat(take("s", "evt-4", 1, T0, MONTHLY).verdict()).isEqualTo(Verdict.QUOTA_EXCEEDED);
        assertThat(take("s", "evt-4", 1, T0.plusSeconds(40L * 86_400), MONTHLY).verdict()).as("forgotten after 35 days: a new month")
                .isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void recordedUsageAddsToTotalsOnceAndChecksNoLimit() {
        assertThat(meter.record(new Usage("s", "u-1", 25, T0)).duplicate()).isFalse();
        assertThat(meter.record(new Usage("s", "u-1", 25, T0)).duplicate()).isTrue();
        assertThat(meter.totals(new TotalsQuery("s", Window.DAY, T0)).units()).isEqualTo(25);
        assertThat(meter.totals(new TotalsQuery("s", Window.DAY, T0.plusSeconds(86_400))).units()).isZero();
        assertThat(take("s", null, 10, T0, MONTHLY).verdict()).as("the quota counter is untouched by records").isEqualTo(Verdict.ALLOWED);
        assertThat(meter.totals(new TotalsQuery("nobody", Window.MONTH, T0)).units()).isZero();
    }

    @Test
    void withoutLimitsEverythingIsAllowedAndNoLimitIsReported() {
        Decision d = take("s", null, 1_000_000, T0);
        assertThat(d.verdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(d.limitName()).isNull();
        assertThat(d.reset()).isNull();
    }

    @Test
    void racingConsumersAreAdmittedExactlyUpToTheLimit() throws Exception {
        int threads = 16;
        int perThread = 500;
        long limit = 1_234;
        Limit quota = new Limit("monthly", Limit.Kind.QUOTA, limit, Window.MONTH, true);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> admitted = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                admitted.add(pool.submit(() -> {
                    start.await();
                    int ok = 0;
                    for (int i = 0; i < perThread; i++) {
                        // every use twice: a replayed id must never be admitted again
                        String id = "e-" + thread + "-" + i;
                        Decision d = take("hot", id, 1, T0, quota);
                        Decision replay = take("hot", id, 1, T0, quota);
                        assertThat(replay.verdict()).isEqualTo(d.verdict());
                        ok += d.verdict() == Verdict.ALLOWED ? 1 : 0;
                    }
                    return ok;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : admitted) {
                total += f.get();
            }
            assertThat(total).isEqualTo(limit);
            assertThat(meter.totals(new TotalsQuery("hot", Window.MONTH, T0)).units()).isEqualTo(limit);
        } finally {
            pool.shutdownNow();
        }
    }
}
