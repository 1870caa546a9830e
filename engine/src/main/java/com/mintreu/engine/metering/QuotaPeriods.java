package com.mintreu.engine.metering;

import com.mintreu.api.metering.Limit;
import com.mintreu.engine.entitlement.Entitlement;
import com.mintreu.engine.subscription.SubscriptionService;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The window a purchase's quota is counted in: a subscription's current billing period for a
 * purchase of a recurring plan (so the quota resets at each renewal, as the overage is billed),
 * null for a one-time purchase (the calendar month). Verification asks on every call, so answers
 * are cached per order line for a minute of the engine's clock, and asked again at once when the
 * cached period has ended (a renewal). The trial has no paid period: the calendar month counts.
 */
@Singleton
final class QuotaPeriods {

    private static final Duration TTL = Duration.ofMinutes(1);
    /** Beyond this many cached lines the cache starts over: a bound, not an eviction policy worth a library. */
    private static final int MAX = 50_000;

    private record Cached(Optional<Limit.Period> period, long until) {}

    private final SubscriptionService subscriptions;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    @Inject
    QuotaPeriods(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    /** A cached answer of {@link #of}: {@code period} null for the calendar month. */
    record Known(Limit.Period period) {}

    /** {@link #of}'s answer when the cache holds a current one (no database); null when it would have to ask. */
    Known remembered(Entitlement purchase, long now) {
        Cached c = cache.get(purchase.lineId());
        if (c != null && now < c.until() && c.period().map(p -> now >= p.from().toEpochMilli() && now < p.until().toEpochMilli()).orElse(true)) {
            return new Known(c.period().orElse(null));
        }
        return null;
    }

    /** The billing period holding {@code now} for a subscription's purchase; null for the calendar month. */
    Limit.Period of(Entitlement purchase, long now) {
        Known known = remembered(purchase, now);
        if (known != null) {
            return known.period();
        }
        Optional<Limit.Period> fresh = subscriptions.byOriginLine(purchase.lineId()).map(s -> UsagePeriods.ofSubscriptionAt(s, now))
                .map(p -> new Limit.Period(Instant.ofEpochMilli(p.start()), Instant.ofEpochMilli(p.end())));
        if (cache.size() >= MAX) {
            cache.clear();
        }
        cache.put(purchase.lineId(), new Cached(fresh, now + TTL.toMillis()));
        return fresh.orElse(null);
    }
}
