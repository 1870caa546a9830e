package com.mintreu.api.money;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * Money as people read and type it: {@code 19.99 EUR}, {@code 1500 JPY}, {@code 1.250 BHD}. The one
 * place that knows how many decimals a currency has, so a price is parsed with the same number of
 * digits it is shown with (a JPY amount has none, a BHD amount three).
 */
public final class MoneyText {

    private MoneyText() {}

    /**
     * The number of minor-unit digits of {@code currency} (ISO 4217): 2 for EUR, 0 for JPY, 3 for BHD.
     * A code the JDK does not know counts as 2.
     *
     * @param currency an upper-case ISO 4217 code
     * @return 0 or more digits
     */
    public static int fractionDigits(String currency) {
        try {
            return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException | NullPointerException e) {
            return 2;
        }
    }

    /**
     * {@code 19.99 EUR}: the amount with exactly the currency's number of decimals, then the code.
     *
     * @param money the amount to show
     * @return the display text; never null
     */
    public static String format(Money money) {
        return amount(money) + " " + money.currency();
    }

    /**
     * The amount alone, {@code 19.99}, as a form field shows it for editing.
     *
     * @param money the amount to show
     * @return the amount with the currency's number of decimals
     */
    public static String amount(Money money) {
        return BigDecimal.valueOf(money.minor(), fractionDigits(money.currency())).toPlainString();
    }

    /**
     * Reads an amount typed in the currency's major unit: "19.99" EUR is 1999 minor units, "1500" JPY
     * is 1500, "1.25" BHD is 1250. More decimals than the currency has is refused, never rounded.
     *
     * @param text     what was typed; surrounding spaces are ignored
     * @param currency an upper-case ISO 4217 code
     * @return the amount in minor units
     * @throws IllegalArgumentException when the text is not such an amount; its message says what is expected
     */
    public static Money parse(String text, String currency) {
        int digits = fractionDigits(currency);
        try {
            BigDecimal value = new BigDecimal(text == null ? "" : text.strip());
            return new Money(value.movePointRight(digits).longValueExact(), currency);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(digits == 0 ? "must be a whole amount such as 1500 (" + currency + " has no decimals)"
                    : "must be an amount such as " + example(digits) + " (at most " + digits + " decimals in " + currency + ")");
        }
    }

    private static String example(int digits) {
        return BigDecimal.valueOf(1999, 2).setScale(digits).toPlainString();
    }
}
