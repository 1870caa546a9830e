package com.mintreu.api.metering;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A fixed window of time in UTC that a counter belongs to. Windows are aligned to the calendar
 * (a minute starts at second 0, a month on its first day at midnight UTC), so every node and every
 * meter implementation puts an instant into the same window without talking to each other.
 */
public enum Window {
    SECOND, MINUTE, HOUR, DAY, MONTH;

    /** The first instant of the window holding {@code at}. */
    public Instant start(Instant at) {
        long ms = at.toEpochMilli();
        return switch (this) {
            case SECOND -> Instant.ofEpochMilli(Math.floorDiv(ms, 1_000L) * 1_000L);
            case MINUTE -> Instant.ofEpochMilli(Math.floorDiv(ms, 60_000L) * 60_000L);
            case HOUR -> Instant.ofEpochMilli(Math.floorDiv(ms, 3_600_000L) * 3_600_000L);
            case DAY -> Instant.ofEpochMilli(Math.floorDiv(ms, 86_400_000L) * 86_400_000L);
            case MONTH -> LocalDate.ofInstant(at, ZoneOffset.UTC).withDayOfMonth(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        };
    }

    /** The first instant after the window holding {@code at}: when its counter starts over. */
    public Instant end(Instant at) {
        Instant start = start(at);
        return switch (this) {
            case SECOND -> start.plusSeconds(1);
            case MINUTE -> start.plusSeconds(60);
            case HOUR -> start.plusSeconds(3_600);
            case DAY -> start.plusSeconds(86_400);
            case MONTH -> LocalDate.ofInstant(start, ZoneOffset.UTC).plusMonths(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        };
    }
}
