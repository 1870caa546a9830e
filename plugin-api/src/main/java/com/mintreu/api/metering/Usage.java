package com.mintreu.api.metering;

import java.time.Instant;
import java.util.Objects;

/**
 * Units used, reported after the fact (no limit is checked): counted into the subject's totals.
 *
 * @param subject as in {@link Consumption#subject()}
 * @param eventId the reporter's id of this use, required: a second report with the same id for the
 *                same subject adds nothing
 * @param units   units used, at least 0
 * @param at      when they were used
 */
public record Usage(String subject, String eventId, long units, Instant at) {

    public Usage {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(at, "at");
        if (units < 0) {
            throw new IllegalArgumentException("units must be at least 0, got " + units);
        }
    }
}
