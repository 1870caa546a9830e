package com.mintreu.engine.order;

import com.mintreu.api.money.Money;
import java.util.List;

/**
 * An order as stored: totals computed by the engine at checkout and frozen. Times are epoch ms.
 * {@code renewalOf}: the subscription ({@code sub_...}) whose later period this order pays; null for
 * an order placed at checkout. A renewal grants nothing new: what the first order granted follows
 * the subscription.
 */
public record Order(String id, String customerId, OrderStatus status, Money subtotal, Money discount, Money total,
        String voucherId, String gateway, String providerReference, String checkoutUrl, String holdReason,
        long createdAt, Long paidAt, Long fulfilledAt, List<OrderLine> lines, String renewalOf) {

    public Order {
        lines = List.copyOf(lines);
    }

    /** An order placed at checkout (not a renewal). */
    public Order(String id, String customerId, OrderStatus status, Money subtotal, Money discount, Money total,
            String voucherId, String gateway, String providerReference, String checkoutUrl, String holdReason,
            long createdAt, Long paidAt, Long fulfilledAt, List<OrderLine> lines) {
        this(id, customerId, status, subtotal, discount, total, voucherId, gateway, providerReference, checkoutUrl, holdReason,
                createdAt, paidAt, fulfilledAt, lines, null);
    }

    public String currency() {
        return total.currency();
    }
}
