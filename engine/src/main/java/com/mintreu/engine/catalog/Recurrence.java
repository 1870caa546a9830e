package com.mintreu.engine.catalog;

import com.mintreu.api.money.Money;
import com.mintreu.api.money.MoneyText;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * How a recurring plan bills: every week, month, year or {@code intervalDays} days, with an optional
 * free trial and an optional seats quantity. A plan without one is sold once.
 *
 * @param interval                   {@code week}, {@code month}, {@code year} or {@code days}
 * @param intervalDays               the period length for {@code days}; null otherwise
 * @param trialDays                  days free before the first charge; 0 for none
 * @param trialRequiresPaymentMethod the buyer must save a payment method before the trial starts
 * @param seats                      the quantity bought is a number of seats
 */
public record Recurrence(String interval, Integer intervalDays, int trialDays, boolean trialRequiresPaymentMethod, boolean seats) {

    /** The accepted interval words. */
    public static final java.util.List<String> INTERVALS = java.util.List.of("week", "month", "year", "days");

    /**
     * The end of the {@code n}-th period counted from {@code anchor} (n = 1 is the first period's
     * end). Counted from the anchor, not from the previous end, so a monthly plan started on the
     * 31st bills on the last day of short months and comes back to the 31st.
     */
    public Instant periodEnd(Instant anchor, int n) {
        ZonedDateTime a = anchor.atZone(ZoneOffset.UTC);
        ZonedDateTime end = switch (interval) {
            case "week" -> a.plusWeeks(n);
            case "month" -> a.plusMonths(n);
            case "year" -> a.plusYears(n);
            default -> a.plusDays((long) intervalDays * n);
        };
        return end.toInstant();
    }

    /** "month", "2 weeks"... as in "29.00 EUR / month". */
    public String per() {
        return switch (interval) {
            case "days" -> intervalDays + " days";
            default -> interval;
        };
    }

    /** What the storefront shows: {@code 29.00 EUR / month, 14-day free trial}. */
    public String describe(Money price) {
        String text = MoneyText.format(price) + " / " + per() + (seats ? " per seat" : "");
        return trialDays > 0 ? text + ", " + trialDays + "-day free trial" + (trialRequiresPaymentMethod ? " (card required)" : "") : text;
    }

    static String normalize(String interval) {
        return interval == null ? "" : interval.strip().toLowerCase(Locale.ROOT);
    }
}
