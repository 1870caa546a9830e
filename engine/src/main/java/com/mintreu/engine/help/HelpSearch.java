package com.mintreu.engine.help;

import java.util.List;

/**
 * Finds the help articles (FAQ and knowledge base) that best answer a text: a ticket being written,
 * a question for the assistant. Bound by the knowledge base; features that only suggest help take it
 * as {@code Optional<HelpSearch>} (see {@link HelpModule}) and show nothing when it is absent.
 */
public interface HelpSearch {

    /**
     * The best articles for {@code text}, best first: the product's own articles and the shop-wide
     * ones when {@code productId} is given, else the shop-wide ones only. Never throws for odd input
     * (punctuation, operators of the search syntax): such a text simply matches less.
     *
     * @param productId a product id ({@code prd_...}) or null
     * @param limit     at most this many hits, 1 to 20
     */
    List<Hit> search(String text, String productId, int limit);

    /**
     * One article that matched.
     *
     * @param title   the article's title, plain text
     * @param url     a path on the shop that shows the article, e.g. {@code /help/articles/...}
     * @param excerpt the passage that matched, plain text (escape it when rendering), at most ~300 characters
     * @param score   higher is better; only comparable within one answer
     */
    record Hit(String title, String url, String excerpt, double score) {}
}
