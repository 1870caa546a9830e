package com.mintreu.api.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A price is read with the same number of decimals it is shown with: none for JPY, two for EUR, three for BHD. */
class MoneyTextTest {

    @Test
    void parsesInTheCurrencysOwnUnits() {
        assertThat(MoneyText.parse("19.99", "EUR")).isEqualTo(Money.of(1999, "EUR"));
        assertThat(MoneyText.parse(" 5 ", "EUR")).isEqualTo(Money.of(500, "EUR"));
        assertThat(MoneyText.parse("1500", "JPY")).as("not 150000").isEqualTo(Money.of(1500, "JPY"));
        assertThat(MoneyText.parse("1.25", "BHD")).isEqualTo(Money.of(1250, "BHD"));
        assertThat(MoneyText.parse("1.250", "BHD")).isEqualTo(Money.of(1250, "BHD"));
        assertThat(MoneyText.parse("0", "JPY")).isEqualTo(Money.of(0, "JPY"));
    }

    @Test
    void formatsWithTheCurrencysOwnDigits() {
        assertThat(MoneyText.format(Money.of(1999, "EUR"))).isEqualTo("19.99 EUR");
        assertThat(MoneyText.format(Money.of(1500, "JPY"))).isEqualTo("1500 JPY");
        assertThat(MoneyText.format(Money.of(1250, "BHD"))).isEqualTo("1.250 BHD");
        assertThat(MoneyText.amount(Money.of(5, "EUR"))).isEqualTo("0.05");
    }

    @Test
    void whatIsParsedFormatsBackToTheSameAmount() {
        for (String currency : new String[] {"EUR", "USD", "JPY", "KRW", "BHD", "KWD", "TND"}) {
            for (long minor : new long[] {0, 1, 9, 10, 99, 100, 1999, 123456789}) {
                Money m = Money.of(minor, currency);
                assertThat(MoneyText.parse(MoneyText.amount(m), currency)).as(currency + " " + minor).isEqualTo(m);
            }
        }
    }

    @Test
    void refusesMoreDecimalsThanTheCurrencyHasInsteadOfRounding() {
        assertThatThrownBy(() -> MoneyText.parse("12.5", "JPY")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole amount");
        assertThatThrownBy(() -> MoneyText.parse("19.999", "EUR")).hasMessageContaining("at most 2 decimals");
        assertThatThrownBy(() -> MoneyText.parse("1.2345", "BHD")).hasMessageContaining("at most 3 decimals");
        assertThatThrownBy(() -> MoneyText.parse("ten", "EUR")).hasMessageContaining("19.99");
        assertThatThrownBy(() -> MoneyText.parse("", "EUR")).isInstanceOf(IllegalArgumentException.class);
    }
}
