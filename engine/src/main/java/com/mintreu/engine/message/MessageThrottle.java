package com.mintreu.engine.message;

import com.mintreu.engine.config.MessagesConfig;
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
 * Hourly message limits as token buckets ({@link RateBuckets}, this node's memory): every message
 * counts against its writer ({@code messages.perUserPerHour}); a customer's message also counts
 * against the seller's inbox ({@code messages.perInboxPerHour}), so many accounts together cannot
 * flood one seller either.
 */
@Singleton
final class MessageThrottle {

    private static final Duration HOUR = Duration.ofHours(1);

    private final RateBuckets buckets;
    private final MessagesConfig config;

    @Inject
    MessageThrottle(MessagesConfig config, Clock clock) {
        this.buckets = new RateBuckets(clock);
        this.config = config;
    }

    /** Takes one message from each bucket that applies, or throws RATE_LIMITED (429) without taking any. */
    void take(String writerId, Side side, String sellerId) {
        List<Bucket> limits = new ArrayList<>(2);
        limits.add(buckets.bucket("user:" + writerId, config.perUserPerHour(), HOUR));
        if (side == Side.CUSTOMER) {
            limits.add(buckets.bucket("inbox:" + sellerId, config.perInboxPerHour(), HOUR));
        }
        List<Bucket> taken = new ArrayList<>(2);
        for (Bucket bucket : limits) {
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                taken.forEach(b -> b.addTokens(1));
                throw RateBuckets.limited(probe.getNanosToWaitForRefill());
            }
            taken.add(bucket);
        }
    }
}
