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
 * Attempt limits for login and password reset, as Bucket4j token buckets ({@link RateBuckets}, in
 * this node's memory; a cluster shares them through the Redis meter later). Login failures count
 * per account <em>and client IP together</em> ({@code security.loginAttempts}), so a stranger
 * guessing at an account locks only themselves out, never its owner elsewhere; plus a per-IP cap
 * over all accounts ({@code security.loginAttemptsPerIp}, high enough for a shared office address)
 * against one client spraying many accounts. Reset requests count per account (mail flooding) and
 * per IP.
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
     * Takes one attempt from each of the kind's buckets, or throws RATE_LIMITED (429 with
     * Retry-After) without taking anything when either is empty.
     */
    Permit acquire(Kind kind, String account, String ip) {
        List<Bucket> taken = new ArrayList<>(2);
        List<Bucket> limits = kind == Kind.LOGIN
                ? List.of(bucket("LOGIN:acct+ip:" + account + "|" + ip, config.loginAttempts(), Duration.ofMinutes(15)),
                        bucket("LOGIN:ip:" + ip, config.loginAttemptsPerIp(), Duration.ofMinutes(15)))
                : List.of(bucket("RESET:acct:" + account, config.resetAttempts(), Duration.ofHours(1)),
                        bucket("RESET:ip:" + ip, config.resetAttempts(), Duration.ofHours(1)));
        for (Bucket bucket : limits) {
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

    private Bucket bucket(String key, int capacity, Duration period) {
        return buckets.bucket(key, Math.max(1, capacity), period);
    }
}
