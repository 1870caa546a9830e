package com.mintreu.engine.payout;

import java.util.Locale;

/**
 * The engine-owned states of a payout. A payout is booked {@code pending} (the money has left the
 * seller's balance for {@code payouts:pending}); it ends {@code paid} (the money left the
 * marketplace) or {@code failed} (the amount went back to the seller's balance). A paid payout
 * becomes {@code reversed} when the provider reports the money came back (a Stripe transfer
 * reversal): the amount is the seller's again. Nothing leaves {@code failed} or {@code reversed}.
 */
public enum PayoutStatus {
    PENDING, PAID, FAILED, REVERSED;

    public boolean canMoveTo(PayoutStatus next) {
        return switch (this) {
            case PENDING -> next == PAID || next == FAILED;
            case PAID -> next == REVERSED;
            case FAILED, REVERSED -> false;
        };
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static PayoutStatus of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
