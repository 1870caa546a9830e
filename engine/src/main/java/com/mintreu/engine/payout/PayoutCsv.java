package com.mintreu.engine.payout;

import com.mintreu.api.money.Money;
import com.mintreu.engine.web.Csv;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

/**
 * A run's pending payouts as CSV for a bank's bulk transfer upload: one row per payout (quoting and
 * formula guard: {@link Csv}). {@code payee} is the paid user's id; {@code payee_kind} says whether
 * the payout pays a seller's sales or an affiliate's commissions.
 */
final class PayoutCsv {

    private PayoutCsv() {}

    static Csv of(List<Payout> payouts) {
        Csv csv = new Csv().row(List.of("payee", "amount", "currency", "reference", "payee_kind"));
        for (Payout p : payouts) {
            if (p.status() == PayoutStatus.PENDING) {
                csv.row(List.of(p.sellerId(), decimal(p.amount()), p.amount().currency(), p.id(), p.payeeKind()));
            }
        }
        return csv;
    }

    /** The amount in major units with the currency's digits (1999 EUR → 19.99, 500 JPY → 500); no floating point. */
    static BigDecimal decimal(Money m) {
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(m.currency()).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            digits = 2;
        }
        return BigDecimal.valueOf(m.minor(), digits);
    }
}
