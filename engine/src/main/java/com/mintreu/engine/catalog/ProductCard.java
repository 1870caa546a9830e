package com.mintreu.engine.catalog;

import com.mintreu.api.money.Money;

/** A published product as listings show it. {@code imageId} is null when it has no picture. */
public record ProductCard(String id, String slug, String title, String typeId, Money price, String sellerName,
        String imageId, long publishedAt) {}
