package com.mintreu.api.payout;

import java.util.Objects;

/**
 * Where a payee stands with a payout method that needs them to connect an account first.
 *
 * @param payeeId          the payee (a user id; the same id {@link PayoutRequest#sellerId()} carries)
 * @param accountRef       the provider's account id (a Stripe {@code acct_...}), or null before one exists
 * @param detailsSubmitted the payee finished the provider's onboarding form
 * @param payoutsEnabled   the provider accepts money for this payee: only then does the engine pay them
 */
public record PayeeStatus(String payeeId, String accountRef, boolean detailsSubmitted, boolean payoutsEnabled) {

    public PayeeStatus {
        Objects.requireNonNull(payeeId, "payeeId");
    }

    /** A payee who has not started onboarding. */
    public static PayeeStatus none(String payeeId) {
        return new PayeeStatus(payeeId, null, false, false);
    }
}
