package com.mintreu.engine.license;

import com.mintreu.engine.web.ApiException;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * How often a customer may remove devices, and release seats, from their licenses, on the account
 * pages and through the API alike (one bucket per kind for both): {@link #PER_HOUR} an hour of
 * each kind, per customer across all their licenses. Without it,
 * removing and re-adding would rotate one key across any number of machines or users (the
 * activation limit is per license and per hour, so removals are the slot that frees up). Buckets
 * live in this node's memory in a bounded LRU map, like the login throttle; evicting a cold bucket
 * only forgives it.
 */
@Singleton
final class RemovalLimit {

    static final int PER_HOUR = 10;

    /** What is removed; each kind has its own bucket, so releasing seats never blocks removing a device. */
    enum Kind { DEVICE, SEAT }

    private static final int MAX_BUCKETS = 50_000;

    private final Map<String, Bucket> buckets = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_BUCKETS;
        }
    };
    private final TimeMeter time;

    @Inject
    RemovalLimit(Clock clock) {
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

    /** Takes one removal from the customer's bucket of that kind, or throws RATE_LIMITED (429 with Retry-After). */
    void acquire(Kind kind, String customerId) {
        Bucket bucket;
        synchronized (buckets) {
            bucket = buckets.computeIfAbsent(kind + ":" + customerId, k -> Bucket.builder()
                    .addLimit(limit -> limit.capacity(PER_HOUR).refillGreedy(PER_HOUR, Duration.ofHours(1)))
                    .withCustomTimePrecision(time).build());
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw ApiException.rateLimited(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
        }
    }
}
