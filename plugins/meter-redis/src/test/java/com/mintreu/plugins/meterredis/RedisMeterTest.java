package com.mintreu.plugins.meterredis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mintreu.api.metering.Consumption;
import com.mintreu.api.metering.Decision;
import com.mintreu.api.metering.Decision.Verdict;
import com.mintreu.api.metering.Limit;
import com.mintreu.api.metering.Usage;
import com.mintreu.api.metering.UsageMeter;
import com.mintreu.api.metering.Window;
import com.mintreu.testkit.TestPluginContext;
import com.mintreu.testkit.meter.MeterConformance;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.resource.ClientResources;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Redis meter against the local Redis: the {@link UsageMeter} contract (plugin-testkit's
 * {@link MeterConformance}, a race included; each test in its own key prefix), and what it sends: one
 * command per decision, counted by Lettuce as it completes them on the wire.
 */
class RedisMeterTest extends MeterConformance {

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

    @Override
    protected UsageMeter meter() {
        return meter;
    }

    long sentTotal() {
        return sent.values().stream().mapToLong(AtomicLong::get).sum();
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
