package com.mintreu.engine.affiliate;

import com.mintreu.api.affiliate.AffiliateScheme;
import com.mintreu.engine.config.AffiliatesConfig;
import javax.inject.Inject;

/**
 * The built-in scheme {@code affiliate-percent}: the rate the seller set for the product, else the
 * global {@code affiliates.rateBasisPoints}.
 */
final class PercentScheme implements AffiliateScheme {

    static final String ID = "affiliate-percent";

    private final AffiliatesConfig config;

    @Inject
    PercentScheme(AffiliatesConfig config) {
        this.config = config;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int commissionBasisPoints(CommissionLine line) {
        return line.sellerRateBasisPoints() != null ? line.sellerRateBasisPoints() : config.rateBasisPoints();
    }
}
