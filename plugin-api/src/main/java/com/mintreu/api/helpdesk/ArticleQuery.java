package com.mintreu.api.helpdesk;

import java.util.Set;

/**
 * Which articles {@link KnowledgeBase#list} answers. Null criteria are not applied.
 *
 * @param scope         {@link Scope#GLOBAL} for shop-wide articles only, {@link Scope#PRODUCTS} for
 *                      product articles only, {@link Scope#ANY} for both
 * @param productIds    only articles about one of these products (with {@code PRODUCTS} or {@code ANY}), or null
 * @param categoryId    only articles of this category, or null
 * @param publishedOnly true to leave out unpublished articles
 * @param afterId       the last id of the previous page, or null for the first page
 * @param limit         at most this many, 1 to 500
 */
public record ArticleQuery(Scope scope, Set<String> productIds, String categoryId, boolean publishedOnly, String afterId, int limit) {

    /** Shop-wide, product or both kinds of article. */
    public enum Scope { GLOBAL, PRODUCTS, ANY }

    public ArticleQuery {
        productIds = productIds == null ? null : Set.copyOf(productIds);
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("limit must be 1 to 500, got " + limit);
        }
    }
}
