package com.mintreu.engine.catalog;

import java.util.Locale;

/**
 * A storefront search: free text, filters, a sort and an opaque cursor from the previous page.
 * Null filters are not applied. Prices compare minor units of the cheapest plan.
 */
public record SearchQuery(String text, String type, String category, Long minPrice, Long maxPrice, Sort sort,
        String cursor, int limit) {

    public static final int MAX_LIMIT = com.mintreu.engine.web.PageRequest.MAX_LIMIT;

    /** Result orders; {@code RELEVANCE} without text is {@code NEWEST}. */
    public enum Sort {
        RELEVANCE, NEWEST, PRICE_ASC, PRICE_DESC;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static SearchQuery latest(int limit) {
        return new SearchQuery(null, null, null, null, null, Sort.NEWEST, null, limit);
    }
}
