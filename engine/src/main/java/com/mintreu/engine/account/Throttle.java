package com.mintreu.engine.account;

import com.mintreu.engine.config.SecurityConfig;
import com.mintreu.engine.web.ApiException;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Attempt limits for login and password reset, per account (email) and per client IP, as Bucket4j
 * token buckets. The buckets live in this node's memory, in a bounded least-recently-used map so a
 * flood of made-up emails cannot exhaust the heap (evicting a cold bucket only forgives it); a
 * cluster shares them through the Redis meter later. Time comes from the injected clock so tests
 * can move it.
 */
@Singleton
final class Throttle {

    enum Kind {
        LOGIN, RESET
    }

    /** Buckets taken by one {@link #acquire}; handed back by {@link #refund} when the attempt succeeded. */
    record Permit(List<Bucket> buckets) {}

    private static final int MAX_BUCKETS = 50_000;

    private final Map<String, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_BUCKETS;
        }
    };
    private final SecurityConfig config;
    private final TimeMeter time;

    @Inject
    Throttle(SecurityConfig config, Clock clock) {
        this.config = config;
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000L;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /**
     * Takes one attempt from the account's and the IP's bucket, or throws RATE_LIMITED (429 with
     * Retry-After) without taking anything when either is empty.
     */
    Permit acquire(Kind kind, String account, String ip) {
        List<Bucket> taken = new ArrayList<>(2);
        for (String key : List.of(kind + ":acct:" + account, kind + ":ip:" + ip)) {
            Bucket bucket = bucket(kind, key);
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                taken.forEach(b -> b.addTokens(1));
                throw ApiException.rateLimited(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
            }
            taken.add(bucket);
        }
        return new Permit(List.copyOf(taken));
    }

    /** A successful login does not count against the limit; only failures do. */
    void refund(Permit permit) {
        permit.buckets().forEach(b -> b.addTokens(1));
    }

    private Bucket bucket(Kind kind, String key) {
        int capacity = Math.max(1, kind == Kind.LOGIN ? config.loginAttempts() : config.resetAttempts());
        Duration period = kind == Kind.LOGIN ? Duration.ofMinutes(15) : Duration.ofHours(1);
        synchronized (buckets) {
            return buckets.computeIfAbsent(key, k -> Bucket.builder()
                    .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
                    .withCustomTimePrecision(time).build());
        }
    }
}
