package com.mintreu.engine.config;

import com.mintreu.api.config.Setting;
import com.mintreu.api.config.Validated;
import com.mintreu.config.ConfigBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Subscriptions renewed by the engine: how long an unpaid one keeps its benefits, how often a declined charge is tried again. */
public record SubscriptionsConfig(
        @Setting(help = "how long a past-due subscription (a renewal not paid) keeps its benefits; after it the subscription is canceled and its licenses suspended")
        Duration pastDueGrace,
        @Setting(help = "how long after a declined renewal charge the saved payment method is charged again, while the grace lasts")
        Duration retryEvery) implements Validated {

    static SubscriptionsConfig defaults() {
        return new SubscriptionsConfig(Duration.ofDays(7), Duration.ofDays(1));
    }

    @Override
    public List<Problem> problems() {
        List<Problem> out = new ArrayList<>();
        if (pastDueGrace.isNegative() || pastDueGrace.compareTo(Duration.ofDays(90)) > 0) {
            out.add(new Problem("pastDueGrace", "expected 0 to 90 days, got " + ConfigBinder.formatDuration(pastDueGrace)));
        }
        if (retryEvery.compareTo(Duration.ofMinutes(1)) < 0) {
            out.add(new Problem("retryEvery", "expected at least 1m, got " + ConfigBinder.formatDuration(retryEvery)));
        }
        return out;
    }
}
