package com.mintreu.api.metering;

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
 */
public record Limit(String name, Kind kind, long max, Window window, boolean enforced) {

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
