package com.mintreu.api.helpdesk;

/**
 * One published article that matched a search.
 *
 * @param articleId the article
 * @param productId its product, or null for a shop-wide article
 * @param title     its title, plain text
 * @param excerpt   plain text (no Markdown, no HTML) from the article around what matched, at most 300 characters
 * @param score     higher is better; only comparable within one answer
 */
public record ArticleHit(String articleId, String productId, String title, String excerpt, double score) {}
