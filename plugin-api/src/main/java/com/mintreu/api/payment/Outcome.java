package com.mintreu.api.payment;

/**
 * What a payment provider says about a payment, normalised. The engine's order state machine
 * decides what to do with it; a gateway never moves an order itself.
 */
public enum Outcome {
    /** The money is captured (or authorised to be captured with certainty): the order may be paid. */
    SUCCEEDED,
    /** The provider accepted the payment but has not settled it yet (bank transfer, review, "pay later"). */
    PENDING,
    /** The provider or the buyer refused the payment; nothing was taken. */
    DECLINED,
    /**
     * Nobody knows yet: the call timed out, the answer was unreadable, or the provider reports a
     * state the gateway cannot map. The engine reconciles it later with
     * {@link PaymentGateway#fetch(FetchRequest)}; a gateway must report UNDEFINED rather than guess.
     */
    UNDEFINED
}
