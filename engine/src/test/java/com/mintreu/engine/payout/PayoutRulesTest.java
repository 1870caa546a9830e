package com.mintreu.engine.payout;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.api.money.Money;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules without a database: the state machine, the CSV's amounts and cells. */
class PayoutRulesTest {

    @Test
    void onlyAPendingPayoutMovesToAnEndAndOnlyAPaidOneIsReversed() {
        assertThat(PayoutStatus.PENDING.canMoveTo(PayoutStatus.PAID)).isTrue();
        assertThat(PayoutStatus.PENDING.canMoveTo(PayoutStatus.FAILED)).isTrue();
        assertThat(PayoutStatus.PENDING.canMoveTo(PayoutStatus.PENDING)).isFalse();
        assertThat(PayoutStatus.PENDING.canMoveTo(PayoutStatus.REVERSED)).isFalse();
        assertThat(PayoutStatus.PAID.canMoveTo(PayoutStatus.REVERSED)).isTrue();
        assertThat(PayoutStatus.PAID.canMoveTo(PayoutStatus.FAILED)).isFalse();
        assertThat(PayoutStatus.PAID.canMoveTo(PayoutStatus.PAID)).isFalse();
        for (PayoutStatus end : List.of(PayoutStatus.FAILED, PayoutStatus.REVERSED)) {
            for (PayoutStatus next : PayoutStatus.values()) {
                assertThat(end.canMoveTo(next)).as(end + " -> " + next).isFalse();
            }
        }
    }

    @Test
    void csvAmountsUseTheCurrencysDigitsWithoutFloatingPoint() {
        assertThat(PayoutCsv.decimal(Money.of(12345, "EUR")).toPlainString()).isEqualTo("123.45");
        assertThat(PayoutCsv.decimal(Money.of(5, "EUR")).toPlainString()).isEqualTo("0.05");
        assertThat(PayoutCsv.decimal(Money.of(5000, "JPY")).toPlainString()).isEqualTo("5000");
        assertThat(PayoutCsv.decimal(Money.of(1234, "KWD")).toPlainString()).isEqualTo("1.234");
        assertThat(PayoutCsv.decimal(Money.of(Long.MAX_VALUE, "EUR")).toPlainString()).isEqualTo("92233720368547758.07");
    }

    @Test
    void onlyPendingPayoutsGoToTheBankAndTextIsGuarded() {
        Payout pending = new Payout("pay_1", "pru_1", "usr_1", Money.of(1999, "EUR"), "payout-manual", PayoutStatus.PENDING, null, null, 0, 0, "seller:usr_1");
        Payout formula = new Payout("pay_3", "pru_1", "=cmd", Money.of(1000, "JPY"), "payout-manual", PayoutStatus.PENDING, null, null, 0, 0, "affiliate:aff_1");
        Payout paid = new Payout("pay_2", "pru_1", "usr_2", Money.of(500, "EUR"), "payout-manual", PayoutStatus.PAID, "ref", null, 0, 0, "seller:usr_2");
        assertThat(PayoutCsv.of(List.of(pending, paid, formula)).toString())
                .isEqualTo("payee,amount,currency,reference,payee_kind\r\nusr_1,19.99,EUR,pay_1,seller\r\n'=cmd,1000,JPY,pay_3,affiliate\r\n");
    }
}
