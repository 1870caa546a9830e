package com.mintreu.api.helpdesk;

/**
 * A search for help: what a customer typed (in the help search box or a ticket being written).
 *
 * @param text      the words to look for, as typed; never query syntax
 * @param productId a product ({@code prd_...}) whose articles count too, or null for shop-wide articles only
 * @param limit     at most this many hits, 1 to 50
 */
public record SearchRequest(String text, String productId, int limit) {

    public SearchRequest {
        if (limit < 1 || limit > 50) {
            throw new IllegalArgumentException("limit must be 1 to 50, got " + limit);
        }
    }
}
