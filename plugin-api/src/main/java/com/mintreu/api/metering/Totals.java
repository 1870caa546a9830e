package com.mintreu.api.metering;

import java.time.Instant;

/**
 * Units counted for a subject in one period: admitted consumptions plus recorded usage.
 *
 * @param units the sum
 * @param from  the period's first instant
 * @param until the first instant after it
 */
public record Totals(long units, Instant from, Instant until) {}
