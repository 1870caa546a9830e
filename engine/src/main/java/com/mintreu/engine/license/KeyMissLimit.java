package com.mintreu.engine.license;

import com.mintreu.engine.config.SecurityConfig;
import com.mintreu.engine.web.ApiException;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * How many unknown or forged license keys one client IP may try: each {@code NOT_FOUND} answer of
 * the license client API takes a token from the IP's bucket ({@code security.unknownKeysPerMinute},
 * refilled each minute), and an IP with none left is answered 429 {@code RATE_LIMITED} before any
 * key is looked at. It stops key guessing and makes forged keys (each costs a signature
 * verification) cheap to refuse; a real app with a real key never misses. Buckets live in this
 * node's memory in a bounded LRU map, like the login throttle; evicting a cold bucket only forgives it.
 */
@Singleton
final class KeyMissLimit {

    private static final int MAX_BUCKETS = 50_000;

    private final Map<String, Bucket> buckets = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_BUCKETS;
        }
    };
    private final int perMinute;
    private final TimeMeter time;

    @Inject
    KeyMissLimit(SecurityConfig config, Clock clock) {
        this.perMinute = config.unknownKeysPerMinute();
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

    /** Throws RATE_LIMITED (429 with Retry-After) when the IP has no misses left; takes nothing. */
    void check(String ip) {
        Bucket bucket;
        synchronized (buckets) {
            bucket = buckets.get(ip);
        }
        if (bucket != null && bucket.getAvailableTokens() < 1) {
            long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
            throw ApiException.rateLimited(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
        }
    }

    /** Counts a miss of the IP. */
    void missed(String ip) {
        Bucket bucket;
        synchronized (buckets) {
            bucket = buckets.computeIfAbsent(ip, k -> Bucket.builder()
                    .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                    .withCustomTimePrecision(time).build());
        }
        bucket.tryConsume(1);
    }
}
