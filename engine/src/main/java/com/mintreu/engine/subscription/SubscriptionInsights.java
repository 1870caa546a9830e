package com.mintreu.engine.subscription;

import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.web.PageRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * What sellers (their own subscribers only) and admins (everyone's) see of subscriptions: the
 * subscribers, filtered by product and status, and {@link SubscriptionMetrics} over the last 30
 * days up to now. {@code sellerId} null means every seller (the admin's view); the routes decide
 * who may ask for that.
 */
@Singleton
final class SubscriptionInsights {

    /** The window of churn and trial conversion. */
    static final Duration WINDOW = Duration.ofDays(30);
    static final Set<String> STATUSES = Set.of("trialing", "active", "past_due", "paused", "canceled");

    private final InsightsStore store;
    private final Clock clock;

    @Inject
    SubscriptionInsights(InsightsStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Subscribers newest first; a blank filter is no filter; an unknown status is a 400 naming the field. */
    Page<InsightsStore.Subscriber> subscribers(String sellerId, String productId, String status, PageRequest page) {
        return store.subscribers(sellerId, blankToNull(productId), checkedStatus(status), page);
    }

    List<InsightsStore.Product> products(String sellerId) {
        return store.products(sellerId);
    }

    SubscriptionMetrics.Figures metrics(String sellerId) {
        long end = clock.millis();
        long start = end - WINDOW.toMillis();
        return SubscriptionMetrics.of(store.facts(sellerId, start), start, end);
    }

    static String checkedStatus(String status) {
        String s = blankToNull(status);
        if (s != null && !STATUSES.contains(s)) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("status",
                    "must be one of trialing, active, past_due, paused, canceled")));
        }
        return s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
