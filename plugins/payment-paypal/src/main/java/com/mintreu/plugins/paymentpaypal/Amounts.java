package com.mintreu.plugins.paymentpaypal;

import com.mintreu.api.money.Money;
import com.mintreu.api.payment.PaymentGatewayException;
import com.mintreu.api.payment.PaymentGatewayException.Reason;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Set;

/**
 * Money in PayPal's form: a currency code and a decimal string ({@code "19.99"}). The engine
 * counts in ISO 4217 minor units; PayPal takes HUF and TWD in whole units only (its currency
 * codes page), so those amounts must be whole.
 */
final class Amounts {

    private static final Set<String> WHOLE_UNITS_ONLY = Set.of("HUF", "TWD");

    private Amounts() {
    }

    /** {@code Money(1999, "EUR")} as {@code "19.99"}; REJECTED when PayPal cannot express it. */
    static String value(Money money) {
        int digits;
        try {
            digits = isoDigits(money.currency());
        } catch (IllegalArgumentException e) {
            throw new PaymentGatewayException(Reason.REJECTED, e.getMessage());
        }
        BigDecimal amount = BigDecimal.valueOf(money.minor(), digits);
        if (WHOLE_UNITS_ONLY.contains(money.currency())) {
            try {
                return amount.setScale(0).toPlainString();
            } catch (ArithmeticException e) {
                throw new PaymentGatewayException(Reason.REJECTED, "PayPal takes " + money.currency()
                        + " in whole units only, got " + money);
            }
        }
        return amount.toPlainString();
    }

    /** PayPal's {@code {currency_code, value}} in minor units; IllegalArgumentException when unreadable. */
    static Money parse(String currency, String value) {
        if (currency == null || value == null) {
            throw new IllegalArgumentException("amount without currency_code or value");
        }
        try {
            long minor = new BigDecimal(value).movePointRight(isoDigits(currency)).longValueExact();
            return new Money(minor, currency);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount " + value + " " + currency + " has more decimals than the currency");
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("amount " + value + " is not a decimal number");
        }
    }

    private static int isoDigits(String currency) {
        try {
            return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown currency " + currency);
        }
    }
}
