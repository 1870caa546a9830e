package com.mintreu.engine.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.help.HelpSearch;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The assistant's term scoring ({@link Terms}, {@link PassageScore}), product excerpts and the ranking of articles and product docs together. */
class ScoringTest {

    @Test
    void termsDropCommonWordsAccentsAndPluralsAndShareAStem() {
        assertThat(Terms.of("How do I activate my Licenses?")).containsExactly("activa", "licens");
        assertThat(Terms.of("Activation of a license")).containsExactly("activa", "licens");
        assertThat(Terms.of("Café übersetzen")).containsExactly("cafe", "uberse");
        assertThat(Terms.of("")).isEmpty();
        assertThat(Terms.of(null)).isEmpty();
    }

    @Test
    void aTermCountsOnceWithItsBestFieldWeight() {
        Set<String> q = Terms.of("refund policy");

        assertThat(PassageScore.score(q, "Refund policy", "", "")).isEqualTo(3.0);
        assertThat(PassageScore.score(q, "Refunds", "policy", "")).isEqualTo(2.5);
        assertThat(PassageScore.score(q, "Shop", "", "refund refund refund policy")).isEqualTo(1.0);
        assertThat(PassageScore.score(q, "Shop", "", "nothing in common")).isZero();
        assertThat(PassageScore.score(Set.of(), "Refund", "", "")).isZero();
    }

    @Test
    void theExcerptIsTheSentenceWithTheMostTermsAndWhatFollows() {
        String text = "Photo Tool edits pictures. To activate it, open Settings and paste the license key. It runs offline.";

        assertThat(ProductDocs.excerpt(Terms.of("activate license"), text, 300))
                .isEqualTo("To activate it, open Settings and paste the license key. It runs offline.");
        assertThat(ProductDocs.excerpt(Terms.of("activate license"), text, 30)).isEqualTo("To activate it, open Settings…");
        assertThat(ProductDocs.plain("# Title\n\nSome *bold* text with a [link](https://x.example).")).isEqualTo("Title Some bold text with a \"link\" (https://x.example).");
    }

    @Test
    void articlesAndProductDocsAreRankedTogetherOnOneScale() {
        HelpSearch help = (text, productId, limit) -> List.of(
                new HelpSearch.Hit("Shipping times", "/help/articles/shipping", "We deliver digitally within minutes.", -1.2),
                new HelpSearch.Hit("Activating a license", "/help/articles/activate", "Open Settings and paste the key.", -3.4));
        Retrieval.ProductSource products = (q, limit) -> List.of(
                new Ranked("License activation for Photo Tool", "/products/photo-tool", "Paste the key.", PassageScore.score(Terms.of(q), "License activation for Photo Tool", "", "Paste the key.")));

        List<Ranked> ranked = new Retrieval(Optional.of(help), products).passages("license activation", 3);

        // the product doc has both words in its title (3.0); the article both in its title plus a rank bonus (3.25);
        // the first article shares no word and has only its bonus (0.5)
        assertThat(ranked).extracting(Ranked::url).containsExactly("/help/articles/activate", "/products/photo-tool", "/help/articles/shipping");
        assertThat(new Retrieval(Optional.of(help), products).passages("license activation", 2)).hasSize(2);
    }

    @Test
    void withoutAKnowledgeBaseProductDocsAloneAnswer() {
        Retrieval.ProductSource products = (q, limit) -> List.of(new Ranked("Photo Tool", "/products/photo-tool", "Edits RAW files.", 1.0));

        assertThat(new Retrieval(Optional.empty(), products).passages("raw files", 4)).extracting(Ranked::url).containsExactly("/products/photo-tool");
    }

    @Test
    void aFailingKnowledgeBaseLeavesTheProductDocs() {
        HelpSearch broken = (text, productId, limit) -> {
            throw new IllegalStateException("index missing");
        };
        Retrieval.ProductSource products = (q, limit) -> List.of(new Ranked("Photo Tool", "/products/photo-tool", "Edits RAW files.", 1.0));

        assertThat(new Retrieval(Optional.of(broken), products).passages("raw files", 4)).hasSize(1);
    }
}
