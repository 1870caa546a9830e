package com.mintreu.engine.account;

import com.mintreu.engine.config.SecurityConfig;
import com.mintreu.engine.security.RateBuckets;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Attempt limits for login and password reset, per account (email) and per client IP, as Bucket4j
 * token buckets ({@link RateBuckets}, in this node's memory; a cluster shares them through the
 * Redis meter later).
 */
@Singleton
final class Throttle {

    enum Kind {
        LOGIN, RESET
    }

    /** Buckets taken by one {@link #acquire}; handed back by {@link #refund} when the attempt succeeded. */
    record Permit(List<Bucket> buckets) {}

    private final RateBuckets buckets;
    private final SecurityConfig config;

    @Inject
    Throttle(SecurityConfig config, Clock clock) {
        this.buckets = new RateBuckets(clock);
        this.config = config;
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
                throw RateBuckets.limited(probe.getNanosToWaitForRefill());
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
        return buckets.bucket(key, capacity, kind == Kind.LOGIN ? Duration.ofMinutes(15) : Duration.ofHours(1));
    }
}
