package com.mintreu.engine.license;

import com.mintreu.engine.config.SecurityConfig;
import com.mintreu.engine.security.RateBuckets;
import java.time.Clock;
import java.time.Duration;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * How many unknown or forged license keys one client IP may try: each {@code NOT_FOUND} answer of
 * the license client API takes a token from the IP's bucket ({@code security.unknownKeysPerMinute},
 * refilled each minute), and an IP with none left is answered 429 {@code RATE_LIMITED} before any
 * key is looked at. It stops key guessing and makes forged keys (each costs a signature
 * verification) cheap to refuse; a real app with a real key never misses. Buckets live in this
 * node's memory ({@link RateBuckets}).
 */
@Singleton
final class KeyMissLimit {

    private final RateBuckets buckets;
    private final int perMinute;

    @Inject
    KeyMissLimit(SecurityConfig config, Clock clock) {
        this.buckets = new RateBuckets(clock);
        this.perMinute = config.unknownKeysPerMinute();
    }

    /** Throws RATE_LIMITED (429 with Retry-After) when the IP has no misses left; takes nothing. */
    void check(String ip) {
        buckets.existing(ip).filter(b -> b.getAvailableTokens() < 1)
                .ifPresent(b -> {
                    throw RateBuckets.limited(b.estimateAbilityToConsume(1).getNanosToWaitForRefill());
                });
    }

    /** Counts a miss of the IP. */
    void missed(String ip) {
        buckets.bucket(ip, perMinute, Duration.ofMinutes(1)).tryConsume(1);
    }
}
