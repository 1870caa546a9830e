package com.mintreu.engine.config;

import com.mintreu.api.config.Setting;
import com.mintreu.api.config.Validated;
import com.mintreu.config.ConfigBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Subscriptions renewed by the engine: when a declined renewal is charged again. The schedule's
 * last entry is also the grace: a past-due subscription keeps its benefits that long after the
 * first failure, and is canceled when the last retry fails (or, with nothing to retry, then).
 */
public record SubscriptionsConfig(
        @Setting(help = "when a declined renewal is charged again, counted from the first failure (increasing); the last retry ends the grace: "
                + "if it fails the subscription is canceled and its licenses suspended")
        List<Duration> retrySchedule) implements Validated {

    static SubscriptionsConfig defaults() {
        return new SubscriptionsConfig(List.of(Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(5), Duration.ofDays(7)));
    }

    /** How long after the first failure a past-due subscription keeps its benefits: the last retry. */
    public Duration pastDueGrace() {
        return retrySchedule.isEmpty() ? Duration.ZERO : retrySchedule.get(retrySchedule.size() - 1);
    }

    @Override
    public List<Problem> problems() {
        List<Problem> out = new ArrayList<>();
        if (retrySchedule.isEmpty() || retrySchedule.size() > 10) {
            out.add(new Problem("retrySchedule", "expected 1 to 10 retries, got " + retrySchedule.size()));
            return out;
        }
        Duration previous = Duration.ZERO;
        for (Duration d : retrySchedule) {
            if (d.compareTo(Duration.ofMinutes(1)) < 0 || d.compareTo(previous) <= 0) {
                out.add(new Problem("retrySchedule", "expected increasing times of at least 1m, got " + text(retrySchedule)));
                return out;
            }
            previous = d;
        }
        if (pastDueGrace().compareTo(Duration.ofDays(90)) > 0) {
            out.add(new Problem("retrySchedule", "expected the last retry within 90 days, got " + ConfigBinder.formatDuration(pastDueGrace())));
        }
        return out;
    }

    private static String text(List<Duration> schedule) {
        return schedule.stream().map(ConfigBinder::formatDuration).toList().toString();
    }
}
