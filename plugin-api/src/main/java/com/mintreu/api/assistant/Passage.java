package com.mintreu.api.assistant;

/**
 * A public passage of the shop's help that may answer a question.
 *
 * @param title the article's or product's title, plain text
 * @param url   where the customer reads it on the shop, a path such as {@code /help/articles/...} or {@code /products/...}
 * @param text  the passage itself, plain text (never HTML), at most a few hundred characters
 */
public record Passage(String title, String url, String text) {}
