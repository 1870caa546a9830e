package com.mintreu.api.helpdesk;

/**
 * A heading the articles are grouped under on the help pages.
 *
 * @param id       the engine's id, {@code hcat_...}
 * @param name     plain text, 1 to 80 characters
 * @param position lower comes first
 */
public record ArticleCategory(String id, String name, int position) {}
