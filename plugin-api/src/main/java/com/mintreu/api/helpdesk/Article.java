package com.mintreu.api.helpdesk;

import java.time.Instant;

/**
 * One FAQ or knowledge base article as stored.
 *
 * @param id         the engine's id, {@code art_...}
 * @param productId  the product the article is about ({@code prd_...}), or null for a shop-wide article
 * @param categoryId its category ({@code hcat_...}) or null
 * @param authorId   the user who wrote it (the product's seller, or an admin)
 * @param title      plain text, 1 to 200 characters
 * @param body       Markdown as written; the engine renders and sanitizes it for display
 * @param published  whether customers see it and search finds it
 * @param createdAt  when it was first saved
 * @param updatedAt  when it was last saved
 */
public record Article(String id, String productId, String categoryId, String authorId, String title, String body,
        boolean published, Instant createdAt, Instant updatedAt) {

    /** True for a shop-wide article, one that is not about a single product. */
    public boolean global() {
        return productId == null;
    }
}
