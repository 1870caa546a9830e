package com.mintreu.api.affiliate;

import com.mintreu.api.Extension;
import com.mintreu.api.money.Money;

/**
 * How much an affiliate earns on one paid order line they referred. The engine calls it once per
 * line when the order is paid, books the result in its ledger (out of the seller's share) and
 * reverses it in proportion on a refund. A scheme only decides the rate; rounding, holding and
 * reversing are the engine's. A plugin provides one as an {@code @Extension}; the engine's own
 * {@code affiliate-percent} is built in. {@code affiliates.scheme} names the one in use.
 */
public interface AffiliateScheme extends Extension {

    /**
     * The commission on {@code line} in basis points of what the customer paid for it (0..10000;
     * 1000 = 10 %). Zero pays nothing for that line.
     */
    int commissionBasisPoints(CommissionLine line);

    /**
     * One paid line referred by an affiliate.
     *
     * @param productId   the product bought
     * @param sellerId    who sells it
     * @param total       what the customer paid for the line (after discounts)
     * @param sellerShare the seller's part of it after the platform fee: the commission never exceeds it
     * @param sellerRateBasisPoints the commission the seller set for this product, or null when they set none
     */
    record CommissionLine(String productId, String sellerId, Money total, Money sellerShare, Integer sellerRateBasisPoints) {}
}
