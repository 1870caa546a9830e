package com.mintreu.engine.assistant;

import com.mintreu.engine.help.HelpSearch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the passages for a question: help articles from the knowledge base's {@link HelpSearch}
 * (when one is bound) and product docs from {@link ProductDocs}, ranked together.
 *
 * <p>The knowledge base's scores are only comparable within its own answer, so every passage is
 * scored again on {@link PassageScore}'s common scale; an article also gets a bonus of up to
 * {@link #HELP_BONUS} by its place in the knowledge base's ranking, because its search (stems,
 * phrases) picked it for the question even where few words are shared. A strong title match in
 * a product's docs still ranks above a weak article.
 */
final class Retrieval {

    static final double HELP_BONUS = 0.5;

    private static final Logger LOG = LoggerFactory.getLogger(Retrieval.class);

    /** Where product passages come from: {@link ProductDocs}, or a fixed list in tests. */
    @FunctionalInterface
    interface ProductSource {
        List<Ranked> search(String question, int limit);
    }

    private final Optional<HelpSearch> help;
    private final ProductSource products;

    @Inject
    Retrieval(Optional<HelpSearch> help, ProductDocs products) {
        this(help, (ProductSource) products::search);
    }

    Retrieval(Optional<HelpSearch> help, ProductSource products) {
        this.help = help;
        this.products = products;
    }

    /** The best {@code limit} passages for {@code question}, best first, one per URL; empty when nothing matches. */
    List<Ranked> passages(String question, int limit) {
        List<Ranked> all = new ArrayList<>(articles(question, limit * 2));
        all.addAll(products.search(question, limit * 2));
        all.sort(Comparator.comparingDouble(Ranked::score).reversed());
        Map<String, Ranked> byUrl = new LinkedHashMap<>();
        for (Ranked r : all) {
            byUrl.putIfAbsent(r.url(), r);
        }
        return byUrl.values().stream().limit(limit).toList();
    }

    private List<Ranked> articles(String question, int limit) {
        if (help.isEmpty()) {
            return List.of();
        }
        List<HelpSearch.Hit> hits;
        try {
            hits = help.get().search(question, null, Math.min(limit, 20));
        } catch (RuntimeException e) {
            // the product docs can still answer; the question itself is not logged
            LOG.warn("help search failed; answering from product docs only: {}", e.toString());
            return List.of();
        }
        Set<String> terms = Terms.of(question);
        List<Ranked> out = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            HelpSearch.Hit h = hits.get(i);
            double bonus = HELP_BONUS * (hits.size() - i) / hits.size();
            out.add(new Ranked(h.title(), h.url(), h.excerpt(), PassageScore.score(terms, h.title(), "", h.excerpt()) + bonus));
        }
        return out;
    }
}
