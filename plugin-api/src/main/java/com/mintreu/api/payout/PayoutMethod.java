package com.mintreu.api.payout;

import com.mintreu.api.Extension;

/**
 * A way of sending a seller's money out of the marketplace (a bank transfer by hand, Stripe
 * Connect transfers, ...). The engine owns the payout: it decides the amount from the ledger, books
 * it, and moves the payout through its states from the {@link PayoutResult} this method returns.
 * A method only carries the money. It must be idempotent per {@link PayoutRequest#idempotencyKey()}:
 * the engine may call {@link #pay} again for the same payout after a crash, and the seller must be
 * paid once.
 */
public interface PayoutMethod extends Extension {

    /**
     * Sends (or prepares to send) one payout. Returns {@link PayoutResult.Status#PAID} when the
     * money left for certain, {@link PayoutResult.Status#PENDING} when it will be confirmed later (a
     * person must transfer it, a provider reports it by webhook), {@link PayoutResult.Status#FAILED}
     * when it will not be sent (the engine gives the amount back to the seller's balance).
     */
    PayoutResult pay(PayoutRequest request);
}
