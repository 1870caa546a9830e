package com.mintreu.engine.order;

import com.mintreu.api.money.Money;
import java.util.List;

/** An order as stored: totals computed by the engine at checkout and frozen. Times are epoch ms. */
public record Order(String id, String customerId, OrderStatus status, Money subtotal, Money discount, Money total,
        String voucherId, String gateway, String providerReference, String checkoutUrl, String holdReason,
        long createdAt, Long paidAt, Long fulfilledAt, List<OrderLine> lines) {

    public Order {
        lines = List.copyOf(lines);
    }

    public String currency() {
        return total.currency();
    }
}
