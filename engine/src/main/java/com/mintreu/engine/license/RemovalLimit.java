package com.mintreu.engine.license;

import com.mintreu.engine.security.RateBuckets;
import java.time.Clock;
import java.time.Duration;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * How often a customer may remove devices, and release seats, from their licenses, on the account
 * pages and through the API alike (one bucket per kind for both): {@link #PER_HOUR} an hour of
 * each kind, per customer across all their licenses. Without it,
 * removing and re-adding would rotate one key across any number of machines or users (the
 * activation limit is per license and per hour, so removals are the slot that frees up). Buckets
 * live in this node's memory ({@link RateBuckets}).
 */
@Singleton
final class RemovalLimit {

    static final int PER_HOUR = 10;

    /** What is removed; each kind has its own bucket, so releasing seats never blocks removing a device. */
    enum Kind { DEVICE, SEAT }

    private final RateBuckets buckets;

    @Inject
    RemovalLimit(Clock clock) {
        this.buckets = new RateBuckets(clock);
    }

    /** Takes one removal from the customer's bucket of that kind, or throws RATE_LIMITED (429 with Retry-After). */
    void acquire(Kind kind, String customerId) {
        RateBuckets.take(buckets.bucket(kind + ":" + customerId, PER_HOUR, Duration.ofHours(1)));
    }
}
