package com.mintreu.engine.webhook;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * When a failed delivery is tried again: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h after the failures
 * before, then every 12 h, and a last time exactly 3 days after the message was created. After that
 * the message has failed; an endpoint whose failures have lasted 3 days is disabled.
 */
final class RetrySchedule {

    static final Duration GIVE_UP_AFTER = Duration.ofDays(3);
    static final List<Duration> WAITS = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2),
            Duration.ofHours(5), Duration.ofHours(10));
    static final Duration THEN_EVERY = Duration.ofHours(12);

    private RetrySchedule() {}

    /** The next attempt after {@code failedAttempts} failures (the last at {@code now}), or empty when the message has failed for good. */
    static OptionalLong next(long createdAt, int failedAttempts, long now) {
        long end = createdAt + GIVE_UP_AFTER.toMillis();
        if (now >= end) {
            return OptionalLong.empty();
        }
        Duration wait = failedAttempts <= WAITS.size() ? WAITS.get(Math.max(failedAttempts, 1) - 1) : THEN_EVERY;
        return OptionalLong.of(Math.min(now + wait.toMillis(), end));
    }
}
