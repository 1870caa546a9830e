package com.mintreu.engine.catalog;

import com.mintreu.api.money.Money;

/** One way to buy a product: a name, a price and what it grants, in the seller's words. */
public record Plan(String id, String productId, String name, Money price, String grants, long createdAt) {}
