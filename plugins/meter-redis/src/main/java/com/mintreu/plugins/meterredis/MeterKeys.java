package com.mintreu.plugins.meterredis;

import com.mintreu.api.metering.Limit;
import com.mintreu.api.metering.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The Redis keys of one subject. All carry the subject as a hash tag ({@code {subject}}), so one
 * script touches one slot, as Redis Cluster requires; windows are in the key, so a new window is a
 * new counter and old ones expire on their own.
 */
final class MeterKeys {

    /** How long a subject's totals of each window size are kept, as the in-process meter does. */
    private static final Map<Window, Integer> HISTORY = Map.of(Window.SECOND, 2, Window.MINUTE, 120, Window.HOUR, 72, Window.DAY, 62,
            Window.MONTH, 24);

    private final String prefix;

    MeterKeys(String prefix) {
        this.prefix = prefix;
    }

    private String base(String subject) {
        return prefix + "{" + subject + "}:";
    }

    String event(String subject, String eventId) {
        return base(subject) + "e:" + eventId;
    }

    /** A limit's counter: keyed by its window (or billing period) start, so a new window or period is a new key. */
    String counter(String subject, Limit limit, Instant at) {
        return base(subject) + "c:" + limit.window() + ":" + limit.start(at).toEpochMilli() + ":" + limit.name();
    }

    String totals(String subject, Window window, Instant at) {
        return base(subject) + "t:" + window + ":" + window.start(at).toEpochMilli();
    }

    /** A counter lives one window past its start (plus slack for clocks), then Redis drops it. */
    static long counterTtl(Limit limit, Instant at) {
        return Duration.between(limit.start(at), limit.end(at)).toMillis() + 60_000L;
    }

    static long totalsTtl(Window window, Instant at) {
        return length(window, at) * HISTORY.get(window) + 60_000L;
    }

    private static long length(Window window, Instant at) {
        return Duration.between(window.start(at), window.end(at)).toMillis();
    }
}
