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
 * refilled each minute), and an IP with none left is answered 429 {@code RATE_LIMITED} for any key
 * that was never issued here, before its signature is verified (forged keys stay cheap to refuse).
 * A key that was issued always passes: many customers share one address behind NAT or a proxy,
 * and one of them sending junk must not switch the others' software off. That an over-budget IP
 * can tell an issued key from 429 is no guessing oracle: keys carry 75+ random bits or a signature.
 * Buckets live in this node's memory ({@link RateBuckets}).
 */
@Singleton
final class KeyMissLimit {

    private final RateBuckets buckets;
    private final LicenseService licenses;
    private final int perMinute;

    @Inject
    KeyMissLimit(SecurityConfig config, Clock clock, LicenseService licenses) {
        this.buckets = new RateBuckets(clock);
        this.licenses = licenses;
        this.perMinute = config.unknownKeysPerMinute();
    }

    /** Throws RATE_LIMITED (429 with Retry-After) when the IP has no misses left and {@code key} was never issued; takes nothing. */
    void check(String ip, String key) {
        buckets.existing(ip).filter(b -> b.getAvailableTokens() < 1).filter(b -> !licenses.issued(key))
                .ifPresent(b -> {
                    throw RateBuckets.limited(b.estimateAbilityToConsume(1).getNanosToWaitForRefill());
                });
    }

    /** Counts a miss of the IP. */
    void missed(String ip) {
        buckets.bucket(ip, perMinute, Duration.ofMinutes(1)).tryConsume(1);
    }
}
