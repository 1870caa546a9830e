package com.mintreu.plugins.meterredis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mintreu.api.metering.Consumption;
import com.mintreu.api.metering.Decision;
import com.mintreu.api.metering.Decision.Verdict;
import com.mintreu.api.metering.Limit;
import com.mintreu.api.metering.TotalsQuery;
import com.mintreu.api.metering.Usage;
import com.mintreu.api.metering.Window;
import com.mintreu.testkit.TestPluginContext;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.resource.ClientResources;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Redis meter against the local Redis: the in-process meter's cases (the SPI's spec), a race,
 * and what it sends: one command per decision, counted by Lettuce as it completes them on the wire.
 */
class RedisMeterTest {

    static final Instant T0 = Instant.parse("2026-12-04T10:15:25.400Z");
    static final Limit PER_SECOND = new Limit("per-second", Limit.Kind.RATE, 3, Window.SECOND, true);
    static final Limit MONTHLY = new Limit("monthly", Limit.Kind.QUOTA, 10, Window.MONTH, true);

    @TempDir
    Path dir;
    String prefix;
    ClientResources resources;
    final Map<String, AtomicLong> sent = new ConcurrentHashMap<>();
    RedisMeter meter;

    @BeforeEach
    void start() {
        String uri = LocalRedis.required();
        prefix = "mintreu-test:" + UUID.randomUUID() + ":";
        resources = ClientResources.builder().commandLatencyRecorder(new CommandLatencyRecorder() {
            @Override
            public void recordCommandLatency(SocketAddress local, SocketAddress remote, ProtocolKeyword type, long first, long done) {
                sent.computeIfAbsent(type.toString(), k -> new AtomicLong()).incrementAndGet();
            }
        }).build();
        meter = new RedisMeter(resources);
        meter.start(context(uri));
    }

    TestPluginContext context(String uri) {
        return TestPluginContext.configured(RedisMeter.ID, dir, RedisMeterConfig.class,
                "uri: " + uri + "\nkeyPrefix: '" + prefix + "'\ntimeout: 2s\n", Clock.systemUTC(), "test-master-secret");
    }

    @AfterEach
    void stop() {
        if (meter != null) {
            meter.stop();
            try (RedisClient c = RedisClient.create(LocalRedis.uri()); StatefulRedisConnection<String, String> conn = c.connect()) {
                List<String> left = conn.sync().keys(prefix + "*");
                if (!left.isEmpty()) {
                    conn.sync().del(left.toArray(String[]::new));
                }
            }
            resources.shutdown();
        }
    }

    Decision take(String subject, String eventId, long cost, Instant at, Limit... limits) {
        return meter.consume(new Consumption(subject, eventId, cost, List.of(limits), at));
    }

    long sentTotal() {
        return sent.values().stream().mapToLong(AtomicLong::get).sum();
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
        assertThat(refused.limitName()).isEqualTo("per-second");
        assertThat(refused.reset()).isEqualTo(Instant.parse("2026-12-04T10:15:26Z"));
        assertThat(take("s", null, 1, T0.plusMillis(600), PER_SECOND).verdict()).as("a new second").isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void aRefusalByOneLimitTakesNothingFromTheOthers() {
        assertThat(take("s", null, 3, T0, PER_SECOND, MONTHLY).verdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(take("s", null, 1, T0, PER_SECOND, MONTHLY).verdict()).isEqualTo(Verdict.RATE_LIMITED);
        Decision next = take("s", null, 7, T0.plusSeconds(1), PER_SECOND, MONTHLY);
        assertThat(next.verdict()).as("7 is over 3 per second").isEqualTo(Verdict.RATE_LIMITED);
        Decision ok = take("s", null, 3, T0.plusSeconds(1), PER_SECOND, MONTHLY);
        assertThat(ok.verdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(ok.limitName()).as("0 left this second, 4 this month: the nearer limit is reported").isEqualTo("per-second");
        assertThat(ok.reset()).isEqualTo(Instant.parse("2026-12-04T10:15:27Z"));
        Decision tie = take("t", null, 3, T0, PER_SECOND, new Limit("daily", Limit.Kind.QUOTA, 3, Window.DAY, true));
        assertThat(tie.limitName()).as("both at 0 remaining: the longer window is reported").isEqualTo("daily");
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
        assertThat(first.replayed()).isFalse();
        Decision again = take("s", "evt-1", 4, T0.plusSeconds(5), MONTHLY);
        assertThat(again).isEqualTo(first.asReplay());
        assertThat(take("s", "evt-2", 0, T0, MONTHLY).remaining()).as("nothing taken twice").isEqualTo(6);
        assertThat(take("other", "evt-1", 4, T0, MONTHLY).replayed()).as("ids are per subject").isFalse();
        // a refused event stays refused: a replay is not a second try
        take("s", "evt-3", 6, T0, MONTHLY);
        Decision refused = take("s", "evt-4", 1, T0, MONTHLY);
        assertThat(refused.verdict()).isEqualTo(Verdict.QUOTA_EXCEEDED);
        assertThat(take("s", "evt-4", 1, T0.plusSeconds(1), MONTHLY)).isEqualTo(refused.asReplay());
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
        Decision sameId = take("s", "u-1", 5, T0, MONTHLY);
        assertThat(sameId.replayed()).as("a recorded id given to consume takes nothing").isTrue();
        assertThat(sameId.verdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(meter.totals(new TotalsQuery("s", Window.MONTH, T0)).units()).isEqualTo(35);
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
    void everyDecisionIsOneRoundTripEvenAfterRedisForgotTheScripts() {
        Limit big = new Limit("monthly", Limit.Kind.QUOTA, 1_000, Window.MONTH, true);
        take("s", null, 1, T0, PER_SECOND, big); // connects and loads the scripts
        sent.clear();
        for (int i = 0; i < 20; i++) {
            take("s", "rt-" + i, 1, T0.plusSeconds(i), PER_SECOND, big);
            take("s", "rt-" + i, 1, T0.plusSeconds(i), PER_SECOND, big);
            meter.record(new Usage("s", "rec-" + i, 2, T0));
        }
        assertThat(sent).as("60 decisions, one EVALSHA each, nothing else").hasSize(1);
        assertThat(sent.get("EVALSHA").get()).isEqualTo(60);

        try (RedisClient c = RedisClient.create(LocalRedis.uri()); StatefulRedisConnection<String, String> conn = c.connect()) {
            conn.sync().scriptFlush();
        }
        sent.clear();
        assertThat(take("s", null, 1, T0.plusSeconds(30), PER_SECOND, big).verdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(sentTotal()).as("NOSCRIPT, SCRIPT LOAD, EVALSHA: once after a flush").isEqualTo(3);
        sent.clear();
        take("s", null, 1, T0.plusSeconds(31), PER_SECOND, big);
        assertThat(sentTotal()).isEqualTo(1);
    }

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
                        // every use twice: a replayed id must never be admitted again
                        String id = "e-" + thread + "-" + i;
                        Decision d = take("hot", id, 1, T0, quota);
                        Decision replay = take("hot", id, 1, T0, quota);
                        assertThat(replay.verdict()).isEqualTo(d.verdict());
                        assertThat(replay.replayed()).isTrue();
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

    @Test
    void aRedisThatIsDownIsAnErrorAtOnceNotAGuessAndThePasswordStaysOut() throws Exception {
        RedisMeter down = new RedisMeter();
        down.start(TestPluginContext.configured(RedisMeter.ID, dir, RedisMeterConfig.class,
                "uri: redis://:hunter2-secret@127.0.0.1:1\ntimeout: 300ms\n", Clock.systemUTC(), "s"));
        try {
            long began = System.nanoTime();
            Consumption one = new Consumption("s", null, 1, List.of(MONTHLY), T0);
            assertThatThrownBy(() -> down.consume(one)).satisfies(e -> assertThat(String.valueOf(e)).doesNotContain("hunter2"));
            assertThatThrownBy(() -> down.consume(one)).as("no second connect within the pause")
                    .hasMessageContaining("unreachable");
            assertThat(System.nanoTime() - began).isLessThan(2_000_000_000L);
        } finally {
            down.stop();
        }
        RedisMeterConfig c = new RedisMeterConfig("redis://:hunter2-secret@example:6379/2", "p:", java.time.Duration.ofSeconds(1));
        assertThat(c.toString()).doesNotContain("hunter2");
        assertThat(c.where()).isEqualTo("redis://example:6379/2");
    }
}
