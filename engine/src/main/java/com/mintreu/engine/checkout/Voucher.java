package com.mintreu.engine.checkout;

import com.mintreu.api.money.Money;
import java.util.Set;

/**
 * A discount code. {@code percentBasisPoints} for a percentage (2500 = 25 %) or {@code amount}
 * for a fixed sum in one currency; empty {@code productIds} means every product.
 */
public record Voucher(String id, String code, Integer percentBasisPoints, Money amount, Long expiresAt, Integer maxUses, int uses,
        Integer perCustomerLimit, Set<String> productIds) {

    public Voucher {
        productIds = Set.copyOf(productIds);
    }

    public boolean appliesTo(String productId) {
        return productIds.isEmpty() || productIds.contains(productId);
    }
}
