package com.mintreu.engine.order;

import com.mintreu.api.money.Money;

/** One paid order line from the seller's side: what sold, and what the seller earns from it. */
public record Sale(String orderId, String lineId, String productId, String title, String planName, int quantity,
        Money total, Money platformFee, Money sellerShare, long paidAt) {}
