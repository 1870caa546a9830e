package com.mintreu.api.metering;

import java.time.Instant;
import java.util.Objects;

/**
 * One limit a consumption is checked against: at most {@code max} units per {@code window}.
 *
 * @param name     stable within a subject, e.g. {@code "per-second"} or {@code "monthly"}; the counter's key
 * @param kind     a short burst guard ({@link Kind#RATE}) or an allowance for the period ({@link Kind#QUOTA});
 *                 decides which refusal a full counter gives
 * @param max      units allowed per window, at least 0
 * @param window   the window the counter resets with
 * @param enforced false for a quota with overage: units beyond {@code max} are counted (and billed
 *                 later), never refused
 * @param period   null for a calendar {@code window}; else the billing period the counter belongs to
 *                 (a subscription's, which need not start on the 1st): from its first instant to the
 *                 first after it. Meters key the counter by the period's start instead of the window's
 *                 while the use falls inside it ({@link #start}, {@link #end})
 */
public record Limit(String name, Kind kind, long max, Window window, boolean enforced, Period period) {

    /** A billing period [from, until) that replaces the calendar window. */
    public record Period(Instant from, Instant until) {

        public Period {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(until, "until");
            if (!until.isAfter(from)) {
                throw new IllegalArgumentException("a period must end after it starts: " + from + " .. " + until);
            }
        }
    }

    /** A limit counted in calendar windows. */
    public Limit(String name, Kind kind, long max, Window window, boolean enforced) {
        this(name, kind, max, window, enforced, null);
    }

    /** The first instant of the counter holding {@code at}: the period's start when {@code at} is inside it, else the window's. */
    public Instant start(Instant at) {
        return inPeriod(at) ? period.from() : window.start(at);
    }

    /** When the counter holding {@code at} starts over. */
    public Instant end(Instant at) {
        return inPeriod(at) ? period.until() : window.end(at);
    }

    private boolean inPeriod(Instant at) {
        return period != null && !at.isBefore(period.from()) && at.isBefore(period.until());
    }

    /** What a limit protects. */
    public enum Kind {
        /** Requests per second or minute; refusing says "slow down". */
        RATE,
        /** Units per billing period; refusing says "the allowance is used up". */
        QUOTA
    }

    public Limit {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(window, "window");
        if (max < 0) {
            throw new IllegalArgumentException("max must be at least 0, got " + max);
        }
    }
}
