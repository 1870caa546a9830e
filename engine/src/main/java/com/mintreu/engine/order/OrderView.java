package com.mintreu.engine.order;

import com.mintreu.api.money.Money;
import java.util.List;

/** The JSON shape of an order in the API. Money is {@code {minor, currency}}; times are epoch ms. */
record OrderView(String id, String status, Money subtotal, Money discount, Money total, String gateway, String checkoutUrl,
        String holdReason, long createdAt, Long paidAt, Long fulfilledAt, List<Line> lines) {

    record Line(String id, String productId, String planId, String title, String planName, int quantity, Money unit, Money discount,
            Money total) {}

    static OrderView of(Order o) {
        return new OrderView(o.id(), o.status().id(), o.subtotal(), o.discount(), o.total(), o.gateway(), o.checkoutUrl(),
                o.holdReason(), o.createdAt(), o.paidAt(), o.fulfilledAt(), o.lines().stream()
                .map(l -> new Line(l.id(), l.productId(), l.planId(), l.title(), l.planName(), l.quantity(), l.unit(), l.discount(), l.total()))
                .toList());
    }
}
