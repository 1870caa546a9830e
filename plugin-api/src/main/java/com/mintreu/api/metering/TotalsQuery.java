package com.mintreu.api.metering;

import java.time.Instant;
import java.util.Objects;

/**
 * Which total to read: the units of {@code subject} in the {@code window} holding {@code at}.
 *
 * @param subject as in {@link Consumption#subject()}
 * @param window  the period, e.g. {@link Window#MONTH} for a billing month
 * @param at      any instant inside the period
 */
public record TotalsQuery(String subject, Window window, Instant at) {

    public TotalsQuery {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(at, "at");
    }
}
