package com.mintreu.engine.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * Full-text search over products, one implementation per database dialect (SQLite FTS5,
 * PostgreSQL tsvector). The store writes the index in the transaction of every product save, and
 * splices a {@link Match} into its listing query, so filters, sorts and keyset pagination are
 * the same SQL on both databases; only matching and scoring differ.
 */
interface SearchIndex {

    /** Replaces what the index holds for a product: its title (ranked higher) and body text. */
    void index(Handle handle, String productId, String title, String body);

    /** The SQL that restricts products {@code p} to those matching {@code terms} and scores them (higher is better). */
    Match match(List<String> terms);

    /**
     * Pieces of SQL over products aliased {@code p}: an extra join (may be empty), a condition and a
     * score expression; {@code query} is bound as {@code :q}.
     */
    record Match(String join, String condition, String score, String query) {}

    /** The words of a user's query: letters and digits only, lower case, at most 8; never SQL or FTS syntax. */
    static List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        if (text == null) {
            return terms;
        }
        Matcher m = Pattern.compile("[\\p{L}\\p{N}]+").matcher(text.toLowerCase(Locale.ROOT));
        while (m.find() && terms.size() < 8) {
            if (m.group().length() <= 40) {
                terms.add(m.group());
            }
        }
        return terms;
    }

    /** SQLite: an FTS5 table; bm25 with the title column weighted 10 times the body. */
    final class Sqlite implements SearchIndex {

        @Override
        public void index(Handle handle, String productId, String title, String body) {
            handle.createUpdate("DELETE FROM product_fts WHERE product_id = :id").bind("id", productId).execute();
            handle.createUpdate("INSERT INTO product_fts (product_id, title, body) VALUES (:id, :title, :body)")
                    .bind("id", productId).bind("title", title).bind("body", body).execute();
        }

        @Override
        public Match match(List<String> terms) {
            // every term as a quoted prefix query: "word"* ; the quotes make FTS5 operators inert
            String query = String.join(" ", terms.stream().map(t -> "\"" + t + "\"*").toList());
            return new Match("JOIN product_fts ON product_fts.product_id = p.id", "product_fts MATCH :q",
                    "-bm25(product_fts, 0.0, 10.0, 1.0)", query);
        }
    }

    /** PostgreSQL: a weighted tsvector column with a GIN index, ranked by ts_rank (A = title, B = body). */
    final class Postgres implements SearchIndex {

        @Override
        public void index(Handle handle, String productId, String title, String body) {
            handle.createUpdate("""
                    UPDATE products SET search = setweight(to_tsvector('simple', :title), 'A')
                                              || setweight(to_tsvector('simple', :body), 'B')
                    WHERE id = :id""").bind("id", productId).bind("title", title).bind("body", body).execute();
        }

        @Override
        public Match match(List<String> terms) {
            String query = String.join(" & ", terms.stream().map(t -> t + ":*").toList());
            return new Match("", "p.search @@ to_tsquery('simple', :q)",
                    "CAST(ts_rank(p.search, to_tsquery('simple', :q)) AS DOUBLE PRECISION)", query);
        }
    }
}
