package com.mintreu.api.metering;

import java.time.Instant;

/**
 * The answer to a {@link Consumption}.
 *
 * @param verdict   admitted or which kind of limit refused
 * @param limitName the limit reported: the one that refused, or (when admitted) the one closest to
 *                  refusing; null when the consumption named no limit
 * @param limit     that limit's max per window (0 without a limit)
 * @param remaining units that limit still admits in its window after this decision (never negative)
 * @param reset     when that limit's window starts over; null without a limit
 * @param replayed  true when this is the stored decision of an event id seen before (nothing consumed now)
 */
public record Decision(Verdict verdict, String limitName, long limit, long remaining, Instant reset, boolean replayed) {

    /** Whether the units were taken, and if not, why. */
    public enum Verdict {
        /** The cost was consumed from every counter. */
        ALLOWED,
        /** A {@link Limit.Kind#RATE} limit is full for its window; nothing was consumed. */
        RATE_LIMITED,
        /** An enforced {@link Limit.Kind#QUOTA} is used up for its period; nothing was consumed. */
        QUOTA_EXCEEDED
    }

    /** The same decision, marked as a replay. */
    public Decision asReplay() {
        return new Decision(verdict, limitName, limit, remaining, reset, true);
    }
}
