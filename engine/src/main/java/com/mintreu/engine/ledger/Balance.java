package com.mintreu.engine.ledger;

import com.mintreu.api.money.Money;

/**
 * An account's balance in one currency, derived from its entries: {@code pending} is still inside
 * the refund hold, {@code available} may be paid out. Either may be negative (a refund after payout).
 */
public record Balance(Money pending, Money available) {

    public Money total() {
        return pending.plus(available);
    }
}
