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
 * How often a customer may remove devices from their licenses, on the account page and through
 * {@code DELETE /api/v1/licenses/{id}/machines/{machineId}} alike (one bucket for both):
 * {@link #PER_HOUR} an hour, per customer across all their licenses. Without it, removing and re-activating would rotate
 * one key across any number of machines (the activation limit is per license and per hour, so
 * removals are the slot that frees up). Buckets live in this node's memory in a bounded LRU map,
 * like the login throttle; evicting a cold bucket only forgives it.
 */
@Singleton
final class DeviceRemovalLimit {

    static final int PER_HOUR = 10;
    private static final int MAX_BUCKETS = 50_000;

    private final Map<String, Bucket> buckets = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_BUCKETS;
        }
    };
    private final TimeMeter time;

    @Inject
    DeviceRemovalLimit(Clock clock) {
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

    /** Takes one removal from the customer's bucket, or throws RATE_LIMITED (429 with Retry-After). */
    void acquire(String customerId) {
        Bucket bucket;
        synchronized (buckets) {
            bucket = buckets.computeIfAbsent(customerId, k -> Bucket.builder()
                    .addLimit(limit -> limit.capacity(PER_HOUR).refillGreedy(PER_HOUR, Duration.ofHours(1)))
                    .withCustomTimePrecision(time).build());
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw ApiException.rateLimited(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
        }
    }
}
