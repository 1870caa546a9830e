package com.mintreu.engine.order;

import com.mintreu.api.money.Money;

/** One frozen line of an order: what was bought, at what price, and how the money divides. */
public record OrderLine(String id, int position, String productId, String planId, String sellerId, String productType,
        String title, String planName, int quantity, Money unit, Money discount, Money total, Money platformFee, Money sellerShare) {}
