package com.mintreu.engine.payout;

import com.mintreu.api.money.Money;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

/** A run's pending payouts as CSV for a bank's bulk transfer upload: one row per payout. */
final class PayoutCsv {

    private PayoutCsv() {}

    static String of(List<Payout> payouts) {
        StringBuilder out = new StringBuilder("seller,amount,currency,reference\r\n");
        for (Payout p : payouts) {
            if (p.status() != PayoutStatus.PENDING) {
                continue;
            }
            out.append(cell(p.sellerId())).append(',').append(decimal(p.amount())).append(',').append(cell(p.amount().currency()))
                    .append(',').append(cell(p.id())).append("\r\n");
        }
        return out.toString();
    }

    /** The amount in major units with the currency's digits (1999 EUR → 19.99, 500 JPY → 500); no floating point. */
    static String decimal(Money m) {
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(m.currency()).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            digits = 2;
        }
        return BigDecimal.valueOf(m.minor(), digits).toPlainString();
    }

    /** Quotes a cell, doubling quotes, and defuses formulas a spreadsheet would run. */
    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }
}
