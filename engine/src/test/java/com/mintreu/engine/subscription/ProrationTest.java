package com.mintreu.engine.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.api.money.Money;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The proration rule: whole days, each part rounded half up on its own, the difference due. */
class ProrationTest {

    private static final long DAY = Duration.ofDays(1).toMillis();

    @Example
    void theReadmeFigures() {
        // 29.00 -> 49.00 EUR a month, 30-day period, on day 10: 9 days and a half used, 21 days billed at the new price
        long start = Instant.parse("2027-04-04T10:00:00Z").toEpochMilli();
        long end = Instant.parse("2027-05-04T10:00:00Z").toEpochMilli();
        Proration p = Proration.of(eur(2900), eur(4900), start, end, start + 9 * DAY + DAY / 2);
        assertThat(p.periodDays()).isEqualTo(30);
        assertThat(p.remainingDays()).isEqualTo(21);
        assertThat(p.credit()).isEqualTo(eur(2030));
        assertThat(p.newPart()).isEqualTo(eur(3430));
        assertThat(p.due()).isEqualTo(eur(1400));
    }

    @Example
    void halfACentRoundsUpOnEachPart() {
        long start = 0;
        Proration p = Proration.of(eur(1001), eur(1003), start, 2 * DAY, DAY); // 1 of 2 days: 500.5 -> 501, 501.5 -> 502
        assertThat(p.credit()).isEqualTo(eur(501));
        assertThat(p.newPart()).isEqualTo(eur(502));
        assertThat(p.due()).isEqualTo(eur(1));
    }

    @Property
    void neverNegativeNeverMoreThanTheNewPriceAndExact(@ForAll @LongRange(min = 0, max = 10_000_000_00L) long oldMinor,
            @ForAll @LongRange(min = 0, max = 10_000_000_00L) long extra, @ForAll @IntRange(min = 1, max = 3650) int periodDays,
            @ForAll @LongRange(min = 0, max = 3650L * 86_400_000) long elapsed) {
        long start = 1_700_000_000_000L;
        long end = start + periodDays * DAY;
        long now = start + Math.min(elapsed, end - start - 1);
        Money old = eur(oldMinor);
        Money neu = eur(oldMinor + extra);
        Proration p = Proration.of(old, neu, start, end, now);
        assertThat(p.due().minor()).isBetween(0L, neu.minor());
        assertThat(p.credit().plus(p.due())).isEqualTo(p.newPart());
        assertThat(p.credit().minor()).isBetween(0L, old.minor());
        assertThat(p.remainingDays()).isBetween(1L, p.periodDays());
        assertThat(p.periodDays()).isEqualTo(periodDays);
        // exact against the rule computed another way: nearest minor unit, halves up
        java.math.BigDecimal ratio = java.math.BigDecimal.valueOf(p.remainingDays());
        long expectedNew = java.math.BigDecimal.valueOf(neu.minor()).multiply(ratio)
                .divide(java.math.BigDecimal.valueOf(p.periodDays()), 0, java.math.RoundingMode.HALF_UP).longValueExact();
        assertThat(p.newPart().minor()).isEqualTo(expectedNew);
    }

    @Property
    void aWholePeriodLeftCostsTheDifferenceOfThePrices(@ForAll @LongRange(min = 0, max = 1_000_000) long oldMinor,
            @ForAll @LongRange(min = 0, max = 1_000_000) long extra) {
        Proration p = Proration.of(eur(oldMinor), eur(oldMinor + extra), 0, 30 * DAY, 0);
        assertThat(p.due()).isEqualTo(eur(extra));
    }

    @Property
    void aDowngradeCreditIsNeverNegativeNorMoreThanTheDifference(@ForAll @LongRange(min = 0, max = 10_000_000_00L) long newMinor,
            @ForAll @LongRange(min = 0, max = 10_000_000_00L) long less, @ForAll @IntRange(min = 1, max = 3650) int periodDays,
            @ForAll @LongRange(min = 0, max = 3650L * 86_400_000) long elapsed) {
        long start = 1_700_000_000_000L;
        long end = start + periodDays * DAY;
        long now = start + Math.min(elapsed, end - start - 1);
        Proration p = Proration.downgrade(eur(newMinor + less), eur(newMinor), start, end, now);
        assertThat(p.creditDue().minor()).isBetween(0L, less);
        assertThat(p.creditDue()).isEqualTo(p.credit().minus(p.newPart()));
        assertThat(p.due().isZero() || p.due().isNegative()).as("nothing is charged").isTrue();
    }

    @Example
    void theDowngradeAndCancelFiguresOfTheReadme() {
        long start = Instant.parse("2027-04-04T10:00:00Z").toEpochMilli();
        long end = Instant.parse("2027-05-04T10:00:00Z").toEpochMilli();
        long day10 = start + 9 * DAY + DAY / 2;
        assertThat(Proration.downgrade(eur(4900), eur(2900), start, end, day10).creditDue()).isEqualTo(eur(1400));
        assertThat(Proration.unused(eur(2900), start, end, day10).credit()).isEqualTo(eur(2030));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Proration.downgrade(eur(2900), eur(4900), start, end, day10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void theUnusedPartIsNeverMoreThanWhatWasPaid(@ForAll @LongRange(min = 0, max = 10_000_000_00L) long paid,
            @ForAll @IntRange(min = 1, max = 3650) int periodDays, @ForAll @LongRange(min = 0, max = 3650L * 86_400_000) long elapsed) {
        long end = periodDays * DAY;
        Proration p = Proration.unused(eur(paid), 0, end, Math.min(elapsed, end));
        assertThat(p.credit().minor()).isBetween(0L, paid);
        assertThat(p.remainingDays()).isBetween(0L, p.periodDays());
    }

    private static Money eur(long minor) {
        return new Money(minor, "EUR");
    }
}
