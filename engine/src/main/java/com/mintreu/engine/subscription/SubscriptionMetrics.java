package com.mintreu.engine.subscription;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.mintreu.api.money.Money;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The seller's and admin's subscription figures, as pure functions of a few facts per subscription
 * (so they are tested on hand-made figures; {@link InsightsStore} reads the facts).
 *
 * <ul>
 *   <li><b>MRR</b>, per currency: the sum over every {@code active} and {@code past_due} subscription
 *   of its renewal amount (unit price × quantity) normalised to a month, where a month is a twelfth
 *   of a 365-day year: month × 1, year × 1/12, week × 365/84 (7 days of 365/12), N days × 365/(12·N).
 *   The sum is kept as an exact fraction and rounded once, half up, to minor units.</li>
 *   <li><b>Churn</b> over the window [start, end): of the subscriptions that were paying
 *   ({@code active} or {@code past_due}) at start, those canceled within the window, divided by
 *   how many were paying at start. Trials, paused ones and ones started during the window count
 *   neither way.</li>
 *   <li><b>Trial conversion</b> over the window: of the trials that ended within it (at the
 *   trial's end, or when canceled earlier), those whose first paid period was paid, divided by
 *   all of them. A trial still past due is not converted (yet).</li>
 * </ul>
 * Rates are basis points (1/100 of a percent) rounded half up; null when there is nothing to
 * divide by.
 */
public final class SubscriptionMetrics {

    private static final BigInteger DAYS_PER_YEAR = BigInteger.valueOf(365);
    private static final BigInteger MONTHS_PER_YEAR = BigInteger.valueOf(12);

    /**
     * What the figures need to know about one subscription. {@code statusAtStart}: its status at
     * the window's start (null when it did not exist yet). {@code trialEndedAt}: when its trial
     * ended or ends (null without a trial). {@code trialConverted}: its first paid period was paid.
     */
    public record Facts(String status, String interval, Integer intervalDays, Money amount, String statusAtStart, Long canceledAt,
            Long trialEndedAt, boolean trialConverted) {}

    /** A count and its share of a whole, in basis points (null when the whole is zero). */
    public record Rate(int count, int of, @JsonInclude(JsonInclude.Include.ALWAYS) Integer basisPoints) {

        static Rate of(int count, int of) {
            return new Rate(count, of, of == 0 ? null : (int) ((count * 20_000L + of) / (2L * of)));
        }

        /** "5.00 %", or "–" when there is nothing to divide by. */
        public String percent() {
            return basisPoints == null ? "–" : String.format(java.util.Locale.ROOT, "%d.%02d %%", basisPoints / 100, basisPoints % 100);
        }
    }

    /** The figures. {@code mrr}: one amount per currency, sorted by currency. */
    public record Figures(List<Money> mrr, int active, int pastDue, int trialing, int paused, int canceled, long windowStartAt, long windowEndAt,
            Rate churn, Rate trialConversion) {}

    private SubscriptionMetrics() {}

    /** The figures of {@code subscriptions} for the window [{@code start}, {@code end}). */
    public static Figures of(List<Facts> subscriptions, long start, long end) {
        Map<String, BigInteger[]> mrr = new TreeMap<>(); // currency -> {numerator, denominator}
        int active = 0;
        int pastDue = 0;
        int trialing = 0;
        int paused = 0;
        int canceled = 0;
        int payingAtStart = 0;
        int churned = 0;
        int trialsEnded = 0;
        int converted = 0;
        for (Facts f : subscriptions) {
            switch (f.status()) {
                case "active" -> active++;
                case "past_due" -> pastDue++;
                case "trialing" -> trialing++;
                case "paused" -> paused++;
                default -> canceled++;
            }
            if ("active".equals(f.status()) || "past_due".equals(f.status())) {
                BigInteger[] part = monthly(f.amount().minor(), f.interval(), f.intervalDays());
                mrr.merge(f.amount().currency(), part, SubscriptionMetrics::add);
            }
            if ("active".equals(f.statusAtStart()) || "past_due".equals(f.statusAtStart())) {
                payingAtStart++;
                if (f.canceledAt() != null && f.canceledAt() >= start && f.canceledAt() < end) {
                    churned++;
                }
            }
            if (f.trialEndedAt() != null) {
                long ended = f.canceledAt() != null && !f.trialConverted() ? Math.min(f.trialEndedAt(), f.canceledAt()) : f.trialEndedAt();
                if (ended >= start && ended < end) {
                    trialsEnded++;
                    if (f.trialConverted()) {
                        converted++;
                    }
                }
            }
        }
        List<Money> amounts = new ArrayList<>();
        mrr.forEach((currency, q) -> amounts.add(new Money(roundHalfUp(q[0], q[1]), currency)));
        return new Figures(List.copyOf(amounts), active, pastDue, trialing, paused, canceled, start, end, Rate.of(churned, payingAtStart),
                Rate.of(converted, trialsEnded));
    }

    /** MRR of one subscription alone, rounded half up: the normalisation above, for tests and the page's rows. */
    public static long monthlyMinor(long amountMinor, String interval, Integer intervalDays) {
        BigInteger[] q = monthly(amountMinor, interval, intervalDays);
        return roundHalfUp(q[0], q[1]);
    }

    /** The amount per month as an exact fraction {numerator, denominator}. */
    private static BigInteger[] monthly(long amountMinor, String interval, Integer intervalDays) {
        BigInteger a = BigInteger.valueOf(amountMinor);
        return switch (interval) {
            case "month" -> new BigInteger[] {a, BigInteger.ONE};
            case "year" -> new BigInteger[] {a, MONTHS_PER_YEAR};
            case "week" -> new BigInteger[] {a.multiply(DAYS_PER_YEAR), MONTHS_PER_YEAR.multiply(BigInteger.valueOf(7))};
            case "days" -> {
                if (intervalDays == null || intervalDays <= 0) {
                    throw new IllegalArgumentException("a 'days' interval needs a positive number of days");
                }
                yield new BigInteger[] {a.multiply(DAYS_PER_YEAR), MONTHS_PER_YEAR.multiply(BigInteger.valueOf(intervalDays))};
            }
            default -> throw new IllegalArgumentException("unknown interval " + interval);
        };
    }

    private static BigInteger[] add(BigInteger[] x, BigInteger[] y) {
        BigInteger num = x[0].multiply(y[1]).add(y[0].multiply(x[1]));
        BigInteger den = x[1].multiply(y[1]);
        BigInteger g = num.gcd(den);
        return g.signum() == 0 ? new BigInteger[] {BigInteger.ZERO, BigInteger.ONE} : new BigInteger[] {num.divide(g), den.divide(g)};
    }

    /** num/den rounded half up (amounts are never negative). */
    private static long roundHalfUp(BigInteger num, BigInteger den) {
        return num.multiply(BigInteger.TWO).add(den).divide(den.multiply(BigInteger.TWO)).longValueExact();
    }
}
