package com.mintreu.engine.assistant;

import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.catalog.Product;
import com.mintreu.engine.catalog.ProductCard;
import com.mintreu.engine.catalog.ProductStatus;
import com.mintreu.engine.catalog.SearchQuery;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.inject.Inject;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * Passages from the documentation of published products: each product's description (its
 * Markdown as plain text), title, tags and categories, scored by {@link PassageScore}. Candidates are
 * the first {@link #SCANNED} published products plus whatever the catalog's own search finds for the
 * question, so a large catalog is still covered. Only published products: a draft is not public.
 */
final class ProductDocs {

    /** Published products scored besides the search hits (the catalog lists them oldest first). */
    static final int SCANNED = 200;
    static final int EXCERPT_CHARS = 300;

    private static final Parser MARKDOWN = Parser.builder().build();
    private static final TextContentRenderer PLAIN = TextContentRenderer.builder().build();

    private final CatalogService catalog;

    @Inject
    ProductDocs(CatalogService catalog) {
        this.catalog = catalog;
    }

    /** The best products for {@code question}, best first, each with the part of its description that matches best; only scores above zero. */
    List<Ranked> search(String question, int limit) {
        Set<String> terms = Terms.of(question);
        if (terms.isEmpty()) {
            return List.of();
        }
        Map<String, Product> candidates = new LinkedHashMap<>();
        for (Product p : catalog.byStatus(ProductStatus.PUBLISHED).stream().limit(SCANNED).toList()) {
            candidates.put(p.id(), p);
        }
        for (ProductCard card : catalog.search(new SearchQuery(question, null, null, null, null, SearchQuery.Sort.RELEVANCE, null, 10)).items()) {
            if (!candidates.containsKey(card.id())) {
                catalog.product(card.id()).filter(Product::isPublished).ifPresent(p -> candidates.put(p.id(), p));
            }
        }
        List<Ranked> out = new ArrayList<>();
        for (Product p : candidates.values()) {
            String text = plain(p.descriptionMd());
            String tags = String.join(" ", p.tags()) + " " + String.join(" ", p.categories());
            double score = PassageScore.score(terms, p.title(), tags, text);
            if (score > 0) {
                out.add(new Ranked(p.title(), "/products/" + p.slug(), excerpt(terms, text, EXCERPT_CHARS), score));
            }
        }
        out.sort(Comparator.comparingDouble(Ranked::score).reversed());
        return out.stream().limit(limit).toList();
    }

    static String plain(String markdown) {
        return markdown == null ? "" : PLAIN.render(MARKDOWN.parse(markdown)).replaceAll("\\s+", " ").trim();
    }

    /**
     * The sentence of {@code text} that holds the most question terms, with the sentences after it
     * while they fit in {@code max} characters; cut at a word with an ellipsis when one sentence is
     * already longer. The first sentences when no sentence matches (the title or tags did).
     */
    static String excerpt(Set<String> terms, String text, int max) {
        String[] sentences = text.split("(?<=[.!?])\\s+");
        int best = 0;
        int bestHits = -1;
        for (int i = 0; i < sentences.length; i++) {
            Set<String> words = Terms.of(sentences[i]);
            int hits = (int) terms.stream().filter(words::contains).count();
            if (hits > bestHits) {
                best = i;
                bestHits = hits;
            }
        }
        StringBuilder out = new StringBuilder(sentences[best]);
        for (int i = best + 1; i < sentences.length && out.length() + 1 + sentences[i].length() <= max; i++) {
            out.append(' ').append(sentences[i]);
        }
        if (out.length() <= max) {
            return out.toString();
        }
        int cut = out.lastIndexOf(" ", max - 1);
        return out.substring(0, cut > max / 2 ? cut : max - 1) + "…";
    }
}
