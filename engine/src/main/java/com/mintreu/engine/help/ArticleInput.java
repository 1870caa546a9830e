package com.mintreu.engine.help;

/**
 * What a seller or the admin writes: the same fields from the page forms and the JSON API.
 *
 * @param productId the product the article is about, or null/blank for a shop-wide article (admin only)
 * @param categoryId a category id or null/blank
 * @param title     plain text, 1 to {@value HelpService#TITLE_MAX} characters
 * @param body      Markdown, 1 to {@value HelpService#BODY_MAX} characters
 * @param published whether customers see it
 */
public record ArticleInput(String productId, String categoryId, String title, String body, boolean published) {}
