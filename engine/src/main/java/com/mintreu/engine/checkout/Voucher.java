package com.mintreu.engine.checkout;

import com.mintreu.api.money.Money;
import java.util.Set;

/**
 * A discount code. {@code percentBasisPoints} for a percentage (2500 = 25 %) or {@code amount}
 * for a fixed sum in one currency; empty {@code productIds} means every product. A seller's
 * voucher ({@code sellerId} set) applies only to that seller's products; the platform's
 * ({@code sellerId} null) to any. {@code disabledAt} set: checkout refuses it.
 */
public record Voucher(String id, String code, Integer percentBasisPoints, Money amount, Long expiresAt, Integer maxUses, int uses,
        Integer perCustomerLimit, Set<String> productIds, String sellerId, Long disabledAt) {

    public Voucher {
        productIds = Set.copyOf(productIds);
    }

    /** A platform voucher, enabled. */
    public Voucher(String id, String code, Integer percentBasisPoints, Money amount, Long expiresAt, Integer maxUses, int uses,
            Integer perCustomerLimit, Set<String> productIds) {
        this(id, code, percentBasisPoints, amount, expiresAt, maxUses, uses, perCustomerLimit, productIds, null, null);
    }

    /** Whether a line of {@code productId}, sold by {@code productSeller}, is discounted. */
    public boolean appliesTo(String productId, String productSeller) {
        return (sellerId == null || sellerId.equals(productSeller)) && (productIds.isEmpty() || productIds.contains(productId));
    }
}
