package com.mintreu.engine.catalog;

import com.mintreu.api.money.Money;
import java.util.List;
import java.util.Map;

/**
 * A product as stored. {@code price} is the cheapest plan (null before the first plan);
 * {@code descriptionHtml} is the sanitized rendering of {@code descriptionMd}, safe to embed.
 */
public record Product(String id, String sellerId, String sellerName, String slug, String title, String descriptionMd,
        String descriptionHtml, String typeId, Map<String, String> attributes, ProductStatus status, String rejectReason,
        Money price, List<String> categories, List<String> tags, long createdAt, long updatedAt, Long publishedAt) {

    public Product {
        attributes = Map.copyOf(attributes);
        categories = List.copyOf(categories);
        tags = List.copyOf(tags);
    }

    public boolean isPublished() {
        return status == ProductStatus.PUBLISHED;
    }
}
