package com.mintreu.testkit.meter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mintreu.api.metering.Consumption;
import com.mintreu.api.metering.Decision;
import com.mintreu.api.metering.Decision.Verdict;
import com.mintreu.api.metering.Limit;
import com.mintreu.api.metering.TotalsQuery;
import com.mintreu.api.metering.Usage;
import com.mintreu.api.metering.UsageMeter;
import com.mintreu.api.metering.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UsageMeter} must do, the SPI's contract as tests: rate limits and quotas in their
 * windows (calendar or a billing period), all-or-nothing across limits, overage, replays by event id
 * (35 days), recorded usage in the totals, no limits, and exactness under a race. The engine's
 * in-process meter and every meter plugin run it:
 *
 * <pre>{@code
 * class AcmeMeterTest extends MeterConformance {
 *     protected UsageMeter meter() { return meter; }   // started in a @BeforeEach, stopped in an @AfterEach
 * }
 * }</pre>
 *
 * Subjects are plain names ("s", "hot"): give each test a fresh meter, or a fresh key space (a prefix).
 */
public abstract class MeterConformance {

    protected static final Instant T0 = Instant.parse("2026-12-04T10:15:25.400Z");
    protected static final Limit PER_SECOND = new Limit("per-second", Limit.Kind.RATE, 3, Window.SECOND, true);
    protected static final Limit MONTHLY = new Limit("monthly", Limit.Kind.QUOTA, 10, Window.MONTH, true);

    /** The meter under test, started, with no counters for this test's subjects yet. */
    protected abstract UsageMeter meter();

    protected Decision take(String subject, String eventId, long cost, Instant at, Limit... limits) {
        return meter().consume(new Consumption(subject, eventId, cost, List.of(limits), at));
    }

    private long units(String subject, Window window, Instant at) {
        return meter().totals(new TotalsQuery(subject, window, at)).units();
    }

    @Test
    void aRateLimitRefusesWithinItsWindowAndResetsWithTheNext() {
        for (int i = 0; i < 3; i++) {
            assertEquals(Verdict.ALLOWED, take("s", null, 1, T0, PER_SECOND).verdict());
        }
        Decision refused = take("s", null, 1, T0.plusMillis(500), PER_SECOND);
        assertEquals(Verdict.RATE_LIMITED, refused.verdict());
        assertEquals(0, refused.remaining());
        assertEquals(3, refused.limit());
        assertEquals("per-second", refused.limitName());
        assertEquals(Instant.parse("2026-12-04T10:15:26Z"), refused.reset());
        assertEquals(Verdict.ALLOWED, take("s", null, 1, T0.plusMillis(600), PER_SECOND).verdict(), "a new second");
    }

    @Test
    void aRefusalByOneLimitTakesNothingFromTheOthers() {
        assertEquals(Verdict.ALLOWED, take("s", null, 3, T0, PER_SECOND, MONTHLY).verdict());
        assertEquals(Verdict.RATE_LIMITED, take("s", null, 1, T0, PER_SECOND, MONTHLY).verdict());
        assertEquals(Verdict.RATE_LIMITED, take("s", null, 7, T0.plusSeconds(1), PER_SECOND, MONTHLY).verdict(), "7 is over 3 per second");
        Decision ok = take("s", null, 3, T0.plusSeconds(1), PER_SECOND, MONTHLY);
        assertEquals(Verdict.ALLOWED, ok.verdict());
        assertEquals("per-second", ok.limitName(), "0 left this second, 4 this month: the nearer limit is reported");
        assertEquals(Instant.parse("2026-12-04T10:15:27Z"), ok.reset());
        Decision tie = take("t", null, 3, T0, PER_SECOND, new Limit("daily", Limit.Kind.QUOTA, 3, Window.DAY, true));
        assertEquals("daily", tie.limitName(), "both at 0 remaining: the longer window is reported");
        assertEquals(6, units("s", Window.MONTH, T0));
    }

    @Test
    void anEnforcedQuotaStopsAndTheNextMonthStartsOver() {
        assertEquals(0, take("s", null, 10, T0, MONTHLY).remaining());
        Decision refused = take("s", null, 1, T0.plusSeconds(60), MONTHLY);
        assertEquals(Verdict.QUOTA_EXCEEDED, refused.verdict());
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), refused.reset());
        assertEquals(Verdict.ALLOWED, take("s", null, 1, Instant.parse("2027-01-01T00:00:00Z"), MONTHLY).verdict());
    }

    @Test
    void aQuotaWithABillingPeriodCountsAcrossTheCalendarMonthAndStartsOverWithTheNextPeriod() {
        Limit.Period period = new Limit.Period(Instant.parse("2026-12-15T09:00:00Z"), Instant.parse("2027-01-15T09:00:00Z"));
        Limit quota = new Limit("monthly", Limit.Kind.QUOTA, 10, Window.MONTH, true, period);
        assertEquals(Verdict.ALLOWED, take("p", null, 6, Instant.parse("2026-12-20T00:00:00Z"), quota).verdict());
        Decision refused = take("p", null, 5, Instant.parse("2027-01-02T00:00:00Z"), quota);
        assertEquals(Verdict.QUOTA_EXCEEDED, refused.verdict(), "a new calendar month, the same period");
        assertEquals(period.until(), refused.reset());
        assertEquals(0, take("p", null, 4, Instant.parse("2027-01-02T00:00:00Z"), quota).remaining());
        Limit next = new Limit("monthly", Limit.Kind.QUOTA, 10, Window.MONTH, true,
                new Limit.Period(period.until(), Instant.parse("2027-02-15T09:00:00Z")));
        assertEquals(Verdict.ALLOWED, take("p", null, 10, period.until(), next).verdict(), "the next period");
    }

    @Test
    void aQuotaWithOverageCountsButNeverRefuses() {
        Limit overage = new Limit("monthly", Limit.Kind.QUOTA, 2, Window.MONTH, false);
        for (int i = 0; i < 5; i++) {
            assertEquals(Verdict.ALLOWED, take("s", null, 1, T0, overage).verdict());
        }
        assertEquals(0, take("s", null, 0, T0, overage).remaining());
        assertEquals(5, units("s", Window.MONTH, T0));
    }

    @Test
    void aReplayedEventIdAnswersTheFirstDecisionAndTakesNothing() {
        Decision first = take("s", "evt-1", 4, T0, MONTHLY);
        assertEquals(6, first.remaining());
        assertFalse(first.replayed());
        assertEquals(first.asReplay(), take("s", "evt-1", 4, T0.plusSeconds(5), MONTHLY));
        assertEquals(6, take("s", "evt-2", 0, T0, MONTHLY).remaining(), "nothing taken twice");
        assertFalse(take("other", "evt-1", 4, T0, MONTHLY).replayed(), "ids are per subject");
        // a refused event stays refused: a replay is not a second try
        take("s", "evt-3", 6, T0, MONTHLY);
        Decision refused = take("s", "evt-4", 1, T0, MONTHLY);
        assertEquals(Verdict.QUOTA_EXCEEDED, refused.verdict());
        assertEquals(refused.asReplay(), take("s", "evt-4", 1, T0.plusSeconds(1), MONTHLY));
        assertEquals(Verdict.ALLOWED, take("s", "evt-4", 1, T0.plusSeconds(40L * 86_400), MONTHLY).verdict(),
                "forgotten after 35 days: a new month");
    }

    @Test
    void recordedUsageAddsToTotalsOnceAndChecksNoLimit() {
        assertFalse(meter().record(new Usage("s", "u-1", 25, T0)).duplicate());
        assertTrue(meter().record(new Usage("s", "u-1", 25, T0)).duplicate());
        assertEquals(25, units("s", Window.DAY, T0));
        assertEquals(0, units("s", Window.DAY, T0.plusSeconds(86_400)));
        assertEquals(Verdict.ALLOWED, take("s", null, 10, T0, MONTHLY).verdict(), "the quota counter is untouched by records");
        Decision sameId = take("s", "u-1", 5, T0, MONTHLY);
        assertTrue(sameId.replayed(), "a recorded id given to consume takes nothing");
        assertEquals(Verdict.ALLOWED, sameId.verdict());
        assertEquals(35, units("s", Window.MONTH, T0));
        assertEquals(0, units("nobody", Window.MONTH, T0));
    }

    @Test
    void withoutLimitsEverythingIsAllowedAndNoLimitIsReported() {
        Decision d = take("s", null, 1_000_000, T0);
        assertEquals(Verdict.ALLOWED, d.verdict());
        assertNull(d.limitName());
        assertNull(d.reset());
    }

    /** 16 threads released by one latch, 100 uses each, every use twice (the replay must answer the same): exactly the limit admitted. */
    @Test
    void racingConsumersAreAdmittedExactlyUpToTheLimit() throws Exception {
        int threads = 16;
        int perThread = 100;
        long limit = 537;
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
                        String id = "e-" + thread + "-" + i;
                        Decision d = take("hot", id, 1, T0, quota);
                        Decision replay = take("hot", id, 1, T0, quota);
                        assertEquals(d.verdict(), replay.verdict());
                        assertTrue(replay.replayed());
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
            assertEquals(limit, total);
            assertEquals(limit, units("hot", Window.MONTH, T0));
        } finally {
            pool.shutdownNow();
        }
    }
}
