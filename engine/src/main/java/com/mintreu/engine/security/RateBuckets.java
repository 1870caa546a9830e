package com.mintreu.engine.security;

import com.mintreu.engine.web.ApiException;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Bucket4j token buckets by key, in this node's memory: the one mechanism behind the engine's
 * throttles. The map is a bounded least-recently-used one, so a flood of made-up keys cannot
 * exhaust the heap (evicting a cold bucket only forgives it). Time comes from the injected clock so
 * tests can move it.
 */
public final class RateBuckets {

    private static final int MAX_BUCKETS = 50_000;

    private final Map<String, Bucket> buckets = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_BUCKETS;
        }
    };
    private final TimeMeter time;

    public RateBuckets(Clock clock) {
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

    /** The bucket under {@code key}; a new one holds {@code capacity} tokens, refilled over {@code period}. */
    public Bucket bucket(String key, int capacity, Duration period) {
        synchronized (buckets) {
            return buckets.computeIfAbsent(key, k -> Bucket.builder()
                    .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
                    .withCustomTimePrecision(time).build());
        }
    }

    /** The bucket under {@code key} if one was made. */
    public Optional<Bucket> existing(String key) {
        synchronized (buckets) {
            return Optional.ofNullable(buckets.get(key));
        }
    }

    /** Takes a token from the bucket or throws RATE_LIMITED (429 with Retry-After in whole seconds). */
    public static void take(Bucket bucket) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw limited(probe.getNanosToWaitForRefill());
        }
    }

    /** RATE_LIMITED (429) with Retry-After: {@code nanos} rounded up to whole seconds, at least 1. */
    public static ApiException limited(long nanos) {
        return ApiException.rateLimited(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
    }
}
