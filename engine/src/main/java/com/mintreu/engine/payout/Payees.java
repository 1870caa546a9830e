package com.mintreu.engine.payout;

import java.util.Optional;

/**
 * A kind of ledger account a payout run pays besides sellers' ({@code seller:<user id>}, built in):
 * the feature that owns the kind contributes one with Dagger {@code @IntoSet} (the affiliate program
 * contributes {@code affiliate}), so the payout feature pays it without importing that feature.
 */
public interface Payees {

    /** The account kind, the part before the colon: {@code affiliate} pays {@code affiliate:<id>}. */
    String kind();

    /** The user who is paid for the account {@code <kind>:<ownerId>}; empty when there is no such owner. */
    Optional<String> userOf(String ownerId);

    /** The owner id of {@code userId}'s account of this kind (their affiliate id); empty when they have none. */
    Optional<String> ownerOf(String userId);
}
