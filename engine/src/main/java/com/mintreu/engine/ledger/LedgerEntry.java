package com.mintreu.engine.ledger;

import com.mintreu.api.money.Money;
import java.util.Objects;

/**
 * One line of a posting: what {@code account} received (positive) or gave (negative).
 *
 * @param orderLineId the order line this entry is about, or null
 * @param availableAt epoch ms from which the amount counts as available rather than pending
 */
public record LedgerEntry(String account, Money amount, String orderLineId, long availableAt) {

    public LedgerEntry {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(amount, "amount");
    }

    /** The same movement the other way round, available when the original was: undoes it exactly. */
    LedgerEntry negated() {
        return new LedgerEntry(account, amount.times(-1), orderLineId, availableAt);
    }
}
