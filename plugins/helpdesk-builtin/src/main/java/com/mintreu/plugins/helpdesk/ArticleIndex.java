package com.mintreu.plugins.helpdesk;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Full-text search over articles, one implementation per dialect (SQLite FTS5, PostgreSQL
 * tsvector), written in the transaction of every save. Both take the words from {@link PlainText#terms}
 * (letters and digits only), so what a person typed never reaches the query syntax; any one word may
 * match, and the ranking puts articles that match more of them, and in the title, first.
 */
interface ArticleIndex {

    /** Replaces what the index holds for an article. */
    void index(Handle h, String articleId, String title, String text);

    /** Forgets an article. */
    void remove(Handle h, String articleId);

    /** Published articles matching any of {@code terms}, best first: shop-wide ones and, when given, those of {@code productId}. */
    List<Row> search(Handle h, List<String> terms, String productId, int limit);

    /** A matching article with its score (higher is better). */
    record Row(String id, String productId, String title, String body, double score) {}

    static ArticleIndex of(String dialect) {
        return "postgresql".equals(dialect) ? new Postgres() : new Sqlite();
    }

    /** SQLite: {@code helpdesk_builtin_article_fts}, bm25 with the title weighted 10 times the body. */
    final class Sqlite implements ArticleIndex {

        @Override
        public void index(Handle h, String articleId, String title, String text) {
            remove(h, articleId);
            h.createUpdate("INSERT INTO helpdesk_builtin_article_fts (article_id, title, body) VALUES (:id, :title, :body)")
                    .bind("id", articleId).bind("title", title).bind("body", text).execute();
        }

        @Override
        public void remove(Handle h, String articleId) {
            h.createUpdate("DELETE FROM helpdesk_builtin_article_fts WHERE article_id = :id").bind("id", articleId).execute();
        }

        @Override
        public List<Row> search(Handle h, List<String> terms, String productId, int limit) {
            // each word quoted (FTS5 operators inside quotes are plain text) and a prefix: "word"* OR "other"*
            String query = String.join(" OR ", terms.stream().map(t -> "\"" + t + "\"*").toList());
            return h.createQuery("""
                    SELECT a.id, a.product_id, a.title, a.body, -bm25(helpdesk_builtin_article_fts, 0.0, 10.0, 1.0) AS score
                    FROM helpdesk_builtin_article_fts JOIN helpdesk_builtin_articles a ON a.id = helpdesk_builtin_article_fts.article_id
                    WHERE helpdesk_builtin_article_fts MATCH :q AND a.published = 1
                      AND (a.product_id IS NULL OR a.product_id = :product)
                    ORDER BY score DESC, a.id LIMIT :limit""")
                    .bind("q", query).bind("product", productId).bind("limit", limit)
                    .map((rs, ctx) -> new Row(rs.getString("id"), rs.getString("product_id"), rs.getString("title"), rs.getString("body"),
                            rs.getDouble("score")))
                    .list();
        }
    }

    /** PostgreSQL: the {@code search} column (title A, body B) with a GIN index, ranked by ts_rank. */
    final class Postgres implements ArticleIndex {

        @Override
        public void index(Handle h, String articleId, String title, String text) {
            h.createUpdate("""
                    UPDATE helpdesk_builtin_articles SET search = setweight(to_tsvector('simple', :title), 'A')
                                                              || setweight(to_tsvector('simple', :body), 'B')
                    WHERE id = :id""").bind("id", articleId).bind("title", title).bind("body", text).execute();
        }

        @Override
        public void remove(Handle h, String articleId) {
            // the vector lives in the article's row and goes with it
        }

        @Override
        public List<Row> search(Handle h, List<String> terms, String productId, int limit) {
            String query = String.join(" | ", terms.stream().map(t -> t + ":*").toList());
            return h.createQuery("""
                    SELECT id, product_id, title, body, CAST(ts_rank(search, to_tsquery('simple', :q)) AS DOUBLE PRECISION) AS score
                    FROM helpdesk_builtin_articles
                    WHERE search @@ to_tsquery('simple', :q) AND published = 1
                      AND (product_id IS NULL OR product_id = :product)
                    ORDER BY score DESC, id LIMIT :limit""")
                    .bind("q", query).bind("product", productId).bind("limit", limit)
                    .map((rs, ctx) -> new Row(rs.getString("id"), rs.getString("product_id"), rs.getString("title"), rs.getString("body"),
                            rs.getDouble("score")))
                    .list();
        }
    }
}
