package com.mintreu.engine.ledger;

import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.ApiException.FieldError;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The days a dashboard (the seller's, the affiliate's) covers: {@code from} to {@code to}, both inclusive, UTC calendar
 * days, grouped per day or per month. The default is the last 30 days (today included) per day.
 * A range per day is at most 366 days (so a chart stays readable), per month at most 10 years.
 */
public record DashboardRange(LocalDate from, LocalDate to, Per per) {

    static final int MAX_DAYS = 366;
    static final int MAX_MONTHS = 120;

    /** How the figures over time are grouped. */
    public enum Per {
        DAY, MONTH;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Epoch ms of the first instant of {@code from}. */
    public long startMillis() {
        return from.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** Epoch ms of the first instant after {@code to} (exclusive end). */
    public long endMillis() {
        return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** The first day of the period (day or month) that holds epoch ms {@code at}. */
    public LocalDate periodOf(long at) {
        LocalDate day = java.time.Instant.ofEpochMilli(at).atZone(ZoneOffset.UTC).toLocalDate();
        return per == Per.DAY ? day : day.withDayOfMonth(1);
    }

    /** Every period of the range in order, empty ones included, as their first days. */
    public List<LocalDate> periods() {
        List<LocalDate> out = new ArrayList<>();
        LocalDate p = per == Per.DAY ? from : from.withDayOfMonth(1);
        while (!p.isAfter(to)) {
            out.add(p);
            p = per == Per.DAY ? p.plusDays(1) : p.plusMonths(1);
        }
        return out;
    }

    /** A period as people read it: 2026-12-04 per day, 2026-12 per month. */
    public String label(LocalDate period) {
        return per == Per.DAY ? period.toString() : period.toString().substring(0, 7);
    }

    /**
     * The range from the query's {@code from}, {@code to} and {@code per} (each may be absent or
     * blank: its default), or a 422 naming every field that is wrong.
     */
    public static DashboardRange parse(Optional<String> from, Optional<String> to, Optional<String> per, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate end = date(to, "to", errors).orElse(today);
        LocalDate start = date(from, "from", errors).orElse(end.minusDays(29));
        Per grouping = Per.DAY;
        String p = per.map(String::strip).orElse("");
        if (p.equals("month")) {
            grouping = Per.MONTH;
        } else if (!p.isEmpty() && !p.equals("day")) {
            errors.add(new FieldError("per", "must be day or month"));
        }
        if (errors.isEmpty()) {
            if (start.isAfter(end)) {
                errors.add(new FieldError("from", "must be on or before the end date (" + end + ")"));
            } else if (grouping == Per.DAY && ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
                errors.add(new FieldError("from", "a range per day covers at most " + MAX_DAYS + " days; choose a later start or group per month"));
            } else if (grouping == Per.MONTH && ChronoUnit.MONTHS.between(start.withDayOfMonth(1), end.withDayOfMonth(1)) + 1 > MAX_MONTHS) {
                errors.add(new FieldError("from", "a range per month covers at most " + MAX_MONTHS + " months"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new DashboardRange(start, end, grouping);
    }

    private static Optional<LocalDate> date(Optional<String> raw, String field, List<FieldError> errors) {
        String s = raw.map(String::strip).orElse("");
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            LocalDate d = LocalDate.parse(s);
            if (d.getYear() < 2000 || d.getYear() > 2999) {
                errors.add(new FieldError(field, "must be a date between 2000 and 2999, got " + s));
                return Optional.empty();
            }
            return Optional.of(d);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be a date as YYYY-MM-DD, got " + (s.length() > 40 ? s.substring(0, 40) + "…" : s)));
            return Optional.empty();
        }
    }
}
