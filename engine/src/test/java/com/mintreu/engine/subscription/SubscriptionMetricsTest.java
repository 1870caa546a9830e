package com.mintreu.engine.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mintreu.api.money.Money;
import com.mintreu.engine.subscription.SubscriptionMetrics.Facts;
import com.mintreu.engine.subscription.SubscriptionMetrics.Figures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The figures on hand-made subscriptions, worked out on paper first. */
class SubscriptionMetricsTest {

    private static final long START = 1_000_000L;
    private static final long END = 2_000_000L;

    private static Facts paying(String status, String interval, Integer days, long minor, String currency) {
        return new Facts(status, interval, days, new Money(minor, currency), null, null, null, false);
    }

    @Test
    void mrrNormalisesEveryIntervalToAMonthAndRoundsTheSumOnce() {
        assertThat(SubscriptionMetrics.monthlyMinor(2900, "month", null)).isEqualTo(2900);
        assertThat(SubscriptionMetrics.monthlyMinor(29000, "year", null)).isEqualTo(2417); // 2416.67
        assertThat(SubscriptionMetrics.monthlyMinor(1000, "week", null)).isEqualTo(4345); // 1000 x 365/84 = 4345.24
        assertThat(SubscriptionMetrics.monthlyMinor(1000, "days", 30)).isEqualTo(1014); // 1000 x 365/360 = 1013.89
        assertThat(SubscriptionMetrics.monthlyMinor(6, "year", null)).as("0.5 rounds up").isEqualTo(1);

        // three yearly 1.00 subscriptions: 3 x 8.33... = 25 exactly, not 3 x 8 = 24
        List<Facts> thirds = List.of(paying("active", "year", null, 100, "EUR"), paying("active", "year", null, 100, "EUR"),
                paying("past_due", "year", null, 100, "EUR"));
        assertThat(SubscriptionMetrics.of(thirds, START, END).mrr()).containsExactly(Money.of(25, "EUR"));
    }

    @Test
    void mrrCountsActiveAndPastDuePerCurrencyOnly() {
        List<Facts> subs = List.of(
                paying("active", "month", null, 2900, "EUR"),
                paying("past_due", "year", null, 12000, "EUR"),   // 1000 a month
                paying("active", "week", null, 840, "USD"),       // 840 x 365/84 = 3650
                paying("trialing", "month", null, 9900, "EUR"),
                paying("paused", "month", null, 9900, "EUR"),
                paying("canceled", "month", null, 9900, "EUR"));
        Figures f = SubscriptionMetrics.of(subs, START, END);
        assertThat(f.mrr()).containsExactly(Money.of(3900, "EUR"), Money.of(3650, "USD"));
        assertThat(List.of(f.active(), f.pastDue(), f.trialing(), f.paused(), f.canceled())).containsExactly(2, 1, 1, 1, 1);
        assertThat(SubscriptionMetrics.of(List.of(), START, END).mrr()).isEmpty();
    }

    @Test
    void churnIsCanceledInTheWindowOverPayingAtItsStart() {
        Money m = Money.of(1000, "EUR");
        List<Facts> subs = List.of(
                new Facts("canceled", "month", null, m, "active", 1_500_000L, null, false),   // churned
                new Facts("canceled", "month", null, m, "past_due", START, null, false),      // churned at the very start
                new Facts("active", "month", null, m, "active", null, null, false),
                new Facts("active", "month", null, m, "past_due", null, null, false),
                new Facts("canceled", "month", null, m, "active", END, null, false),          // after the window: not churned
                new Facts("canceled", "month", null, m, null, 1_200_000L, null, false),       // started inside the window
                new Facts("canceled", "month", null, m, "trialing", 1_200_000L, null, false), // a trial at the start
                new Facts("canceled", "month", null, m, "paused", 1_300_000L, null, false),   // not paying at the start
                new Facts("canceled", "month", null, m, "canceled", 900_000L, null, false));  // gone before
        Figures f = SubscriptionMetrics.of(subs, START, END);
        assertThat(f.churn().count()).isEqualTo(2);
        assertThat(f.churn().of()).isEqualTo(5);
        assertThat(f.churn().basisPoints()).isEqualTo(4000);
        assertThat(f.churn().percent()).isEqualTo("40.00 %");
    }

    @Test
    void trialConversionIsTrialsEndedInTheWindowThatBecamePaid() {
        Money m = Money.of(1000, "EUR");
        List<Facts> subs = List.of(
                new Facts("active", "month", null, m, "trialing", null, 1_100_000L, true),     // converted
                new Facts("canceled", "month", null, m, "trialing", 1_700_000L, 1_200_000L, true), // converted, canceled later
                new Facts("past_due", "month", null, m, "trialing", null, 1_300_000L, false),  // not (yet)
                new Facts("canceled", "month", null, m, "trialing", 1_050_000L, 1_900_000L, false), // canceled early: ended at 1_050_000
                new Facts("trialing", "month", null, m, "trialing", null, END + 1, false),     // still running
                new Facts("active", "month", null, m, "active", null, START - 1, true),        // ended before the window
                new Facts("active", "month", null, m, "active", null, null, false));           // no trial
        Figures f = SubscriptionMetrics.of(subs, START, END);
        assertThat(f.trialConversion().count()).isEqualTo(2);
        assertThat(f.trialConversion().of()).isEqualTo(4);
        assertThat(f.trialConversion().basisPoints()).isEqualTo(5000);
    }

    @Test
    void ratesRoundHalfUpAndAreNullWithNothingToDivideBy() {
        assertThat(SubscriptionMetrics.Rate.of(1, 3).basisPoints()).isEqualTo(3333);
        assertThat(SubscriptionMetrics.Rate.of(2, 3).basisPoints()).isEqualTo(6667);
        assertThat(SubscriptionMetrics.Rate.of(1, 8).basisPoints()).isEqualTo(1250);
        assertThat(SubscriptionMetrics.Rate.of(0, 0).basisPoints()).isNull();
        assertThat(SubscriptionMetrics.Rate.of(0, 0).percent()).isEqualTo("–");
        assertThatThrownBy(() -> SubscriptionMetrics.monthlyMinor(100, "days", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
