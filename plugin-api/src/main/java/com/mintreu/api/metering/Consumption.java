package com.mintreu.api.metering;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A request to check and consume {@code cost} units against every limit of a subject at once.
 *
 * @param subject what the counters belong to (the engine passes an API key's entitlement id, so all
 *                keys of one purchase share them)
 * @param eventId the caller's id of this use, unique per subject; a second consumption with the same
 *                id consumes nothing and answers the first decision. Null: not deduplicated
 * @param cost    units to take, at least 0 (0 checks without consuming)
 * @param limits  the limits to check; all must admit the cost, or none is charged
 * @param at      when the use happened (the engine's clock)
 */
public record Consumption(String subject, String eventId, long cost, List<Limit> limits, Instant at) {

    public Consumption {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(at, "at");
        limits = List.copyOf(limits);
        if (cost < 0) {
            throw new IllegalArgumentException("cost must be at least 0, got " + cost);
        }
    }
}
