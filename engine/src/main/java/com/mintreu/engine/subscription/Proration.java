package com.mintreu.engine.subscription;

import com.mintreu.api.money.Money;
import java.time.Duration;

/**
 * What an upgrade costs in the middle of a period, in whole days and minor units.
 *
 * <p>The rule (subscription/README.md): the period has {@code periodDays} days (its length rounded
 * up to whole days); {@code remainingDays} are the days not started yet plus the day of the change
 * (the remaining time rounded up), so the day of the change is billed at the new price. The credit
 * for the unused part at the old price is {@code old × remaining / period}, the charge for the rest
 * of the period at the new price is {@code new × remaining / period}, each rounded half up to a
 * minor unit on its own; what is due is their difference. For an upgrade (new ≥ old) it is never
 * negative and never more than the new price, and credit + due = the new part exactly.
 *
 * <p>Example: 29.00 → 49.00 EUR a month, in a 30-day period, on day 10 (9 days used, 21 left):
 * credit 29.00 × 21/30 = 20.30, new part 49.00 × 21/30 = 34.30, due 14.00.
 */
public record Proration(long periodDays, long remainingDays, Money credit, Money newPart, Money due) {

    private static final long DAY = Duration.ofDays(1).toMillis();

    /** The proration of going from {@code oldAmount} to {@code newAmount} per period at {@code now}; an upgrade only. */
    static Proration of(Money oldAmount, Money newAmount, long periodStart, long periodEnd, long now) {
        if (!oldAmount.currency().equals(newAmount.currency())) {
            throw new IllegalArgumentException("currencies differ: " + oldAmount.currency() + " and " + newAmount.currency());
        }
        if (newAmount.compareTo(oldAmount) < 0 || oldAmount.isNegative()) {
            throw new IllegalArgumentException("an upgrade costs more per period: " + oldAmount + " -> " + newAmount);
        }
        return compute(oldAmount, newAmount, periodStart, periodEnd, now);
    }

    /**
     * A downgrade credited now (the seller's policy): the same rule, with {@code due} zero or
     * negative; what the customer is credited is {@link #creditDue()} = credit − new part.
     */
    static Proration downgrade(Money oldAmount, Money newAmount, long periodStart, long periodEnd, long now) {
        if (!oldAmount.currency().equals(newAmount.currency()) || newAmount.compareTo(oldAmount) > 0 || newAmount.isNegative()) {
            throw new IllegalArgumentException("a downgrade costs the same or less per period, in one currency: " + oldAmount + " -> " + newAmount);
        }
        return compute(oldAmount, newAmount, periodStart, periodEnd, now);
    }

    /**
     * The unused part of {@code paid} (what a period cost) at {@code now}: the credit of the same
     * rule, {@code paid × remaining / period} rounded half up (cancel now with the refund policy).
     */
    static Proration unused(Money paid, long periodStart, long periodEnd, long now) {
        return compute(paid, Money.zero(paid.currency()), periodStart, periodEnd, now);
    }

    /** What a downgrade leaves to the customer: credit − new part (never negative for a downgrade). */
    public Money creditDue() {
        return credit.minus(newPart);
    }

    private static Proration compute(Money oldAmount, Money newAmount, long periodStart, long periodEnd, long now) {
        long period = Math.max(1, ceilDiv(periodEnd - periodStart, DAY));
        long remaining = Math.clamp(ceilDiv(periodEnd - now, DAY), 0, period);
        Money credit = new Money(share(oldAmount.minor(), remaining, period), oldAmount.currency());
        Money part = new Money(share(newAmount.minor(), remaining, period), newAmount.currency());
        return new Proration(period, remaining, credit, part, part.minus(credit));
    }

    /** {@code amount × n / d} rounded half up, for amount ≥ 0 and 0 ≤ n ≤ d (exact in long arithmetic for any price below 10^14). */
    static long share(long amount, long n, long d) {
        return Math.addExact(Math.multiplyExact(Math.multiplyExact(amount, n), 2), d) / (2 * d);
    }

    private static long ceilDiv(long a, long b) {
        return a <= 0 ? 0 : Math.ceilDiv(a, b);
    }
}
