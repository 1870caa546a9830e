package com.mintreu.engine.payout;

import com.mintreu.api.payout.PayoutMethod;
import com.mintreu.api.payout.PayoutRequest;
import com.mintreu.api.payout.PayoutResult;
import javax.inject.Inject;

/**
 * {@code payout-manual}: the marketplace's staff transfer the money themselves. Every payout stays
 * pending; the admin downloads a run's CSV for the bank, then marks each payout paid with the
 * bank's reference ({@code /admin/payouts}).
 */
final class ManualPayoutMethod implements PayoutMethod {

    @Inject
    ManualPayoutMethod() {}

    @Override
    public String id() {
        return "payout-manual";
    }

    @Override
    public PayoutResult pay(PayoutRequest request) {
        return new PayoutResult(PayoutResult.Status.PENDING, null, "transfer by hand, then mark as paid");
    }
}
