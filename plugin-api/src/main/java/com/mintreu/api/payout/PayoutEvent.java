package com.mintreu.api.payout;

import com.mintreu.api.money.Money;
import java.util.Objects;

/**
 * A verified, normalized event from a payout provider's webhook ({@link PayoutMethod#parseWebhook}).
 * The engine applies each once, by {@link #providerEventId()}: a redelivery is a no-op.
 */
public sealed interface PayoutEvent {

    /** The provider's id of the event, unique per method. */
    String providerEventId();

    /**
     * The payee's account changed at the provider (onboarding finished, payouts switched on or off).
     *
     * @param status what the provider says now
     */
    record PayeeUpdated(String providerEventId, PayeeStatus status) implements PayoutEvent {
        public PayeeUpdated {
            Objects.requireNonNull(providerEventId, "providerEventId");
            Objects.requireNonNull(status, "status");
        }
    }

    /**
     * Money of a paid payout came back from the payee's account (a Stripe transfer reversal). The
     * engine gives it back to the payee's balance, so the next run pays it again.
     *
     * @param payoutId      the engine's payout id the provider kept with the transfer
     * @param reference     the provider's reference of the transfer
     * @param reversedTotal how much of the payout has come back in all, so far
     */
    record PayoutReversed(String providerEventId, String payoutId, String reference, Money reversedTotal) implements PayoutEvent {
        public PayoutReversed {
            Objects.requireNonNull(providerEventId, "providerEventId");
            Objects.requireNonNull(payoutId, "payoutId");
            Objects.requireNonNull(reversedTotal, "reversedTotal");
        }
    }
}
