package com.mintreu.engine.affiliate;

import com.mintreu.engine.payout.Payees;
import java.util.Optional;
import javax.inject.Inject;

/** Lets the payout run pay {@code affiliate:<affiliate id>} balances to the affiliate's user. */
final class AffiliatePayees implements Payees {

    private final AffiliateStore store;

    @Inject
    AffiliatePayees(AffiliateStore store) {
        this.store = store;
    }

    @Override
    public String kind() {
        return "affiliate";
    }

    @Override
    public Optional<String> userOf(String affiliateId) {
        return store.byId(affiliateId).map(Affiliate::userId);
    }

    @Override
    public Optional<String> ownerOf(String userId) {
        return store.byUser(userId).map(Affiliate::id);
    }
}
