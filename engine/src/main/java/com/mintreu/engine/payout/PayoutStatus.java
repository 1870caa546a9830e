package com.mintreu.engine.payout;

import java.util.Locale;

/**
 * The engine-owned states of a payout. A payout is booked {@code pending} (the money has left the
 * seller's balance for {@code payouts:pending}); it ends {@code paid} (the money left the
 * marketplace) or {@code failed} (the amount went back to the seller's balance). Nothing leaves an
 * end state.
 */
public enum PayoutStatus {
    PENDING, PAID, FAILED;

    public boolean canMoveTo(PayoutStatus next) {
        return this == PENDING && next != PENDING;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static PayoutStatus of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
