package com.mintreu.engine.ledger;

import java.util.Optional;

/**
 * What the next payout run will pay an account: bound by the payout feature (which depends on the
 * ledger, so the ledger asks through this seam); optional, the dashboards say "no payout scheduled"
 * without it.
 */
public interface PayoutOutlook {

    /** The next scheduled run and what it would pay {@code account} (e.g. {@code seller:<id>}); empty when no run is scheduled. */
    Optional<NextPayout> next(String account);
}
