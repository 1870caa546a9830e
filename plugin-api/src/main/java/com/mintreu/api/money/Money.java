package com.mintreu.api.money;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An amount of money in integer minor units (cents) of an ISO 4217 currency: {@code Money(1999,
 * "EUR")} is 19.99 EUR. Never floating point; arithmetic refuses to mix currencies.
 *
 * @param minor    amount in the currency's minor unit; may be negative (refunds, adjustments)
 * @param currency upper-case ISO 4217 code, e.g. {@code EUR}
 */
public record Money(long minor, String currency) implements Comparable<Money> {

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (!CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code such as EUR, got '" + currency + "'");
        }
    }

    public static Money of(long minor, String currency) {
        return new Money(minor, currency);
    }

    public static Money zero(String currency) {
        return new Money(0, currency);
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(minor, same(other).minor), currency);
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(minor, same(other).minor), currency);
    }

    public Money times(long factor) {
        return new Money(Math.multiplyExact(minor, factor), currency);
    }

    public boolean isZero() {
        return minor == 0;
    }

    public boolean isNegative() {
        return minor < 0;
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(minor, same(other).minor);
    }

    private Money same(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot combine " + currency + " with " + other.currency);
        }
        return other;
    }

    /** Plain form for logs and tests: {@code 1999 EUR}. Display formatting belongs to the theme. */
    @Override
    public String toString() {
        return minor + " " + currency;
    }
}
