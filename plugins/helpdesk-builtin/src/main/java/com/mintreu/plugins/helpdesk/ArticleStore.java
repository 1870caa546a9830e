package com.mintreu.plugins.helpdesk;

import com.mintreu.api.helpdesk.Article;
import com.mintreu.api.helpdesk.ArticleCategory;
import com.mintreu.api.helpdesk.ArticleQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/** SQL of {@code helpdesk_builtin_articles} and {@code helpdesk_builtin_categories}; the index is written in the same transaction. */
final class ArticleStore {

    private static final String COLUMNS = "id, product_id, category_id, author_id, title, body, published, created_at, updated_at";

    private final Jdbi jdbi;
    private final ArticleIndex index;

    ArticleStore(Jdbi jdbi, ArticleIndex index) {
        this.jdbi = jdbi;
        this.index = index;
    }

    void save(Article a) {
        jdbi.useTransaction(h -> {
            int updated = h.createUpdate("""
                    UPDATE helpdesk_builtin_articles SET product_id = :product, category_id = :category, author_id = :author,
                        title = :title, body = :body, published = :published, created_at = :created, updated_at = :updated
                    WHERE id = :id""").bindMap(values(a)).execute();
            if (updated == 0) {
                h.createUpdate("INSERT INTO helpdesk_builtin_articles (" + COLUMNS + ") "
                        + "VALUES (:id, :product, :category, :author, :title, :body, :published, :created, :updated)")
                        .bindMap(values(a)).execute();
            }
            index.index(h, a.id(), a.title(), PlainText.of(a.body()));
        });
    }

    private static java.util.Map<String, Object> values(Article a) {
        java.util.Map<String, Object> m = new java.util.HashMap<>();
        m.put("id", a.id());
        m.put("product", a.productId());
        m.put("category", a.categoryId());
        m.put("author", a.authorId());
        m.put("title", a.title());
        m.put("body", a.body());
        m.put("published", a.published() ? 1 : 0);
        m.put("created", a.createdAt().toEpochMilli());
        m.put("updated", a.updatedAt().toEpochMilli());
        return m;
    }

    boolean delete(String id) {
        return jdbi.inTransaction(h -> {
            index.remove(h, id);
            return h.createUpdate("DELETE FROM helpdesk_builtin_articles WHERE id = :id").bind("id", id).execute() > 0;
        });
    }

    Optional<Article> get(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM helpdesk_builtin_articles WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> article(rs)).findOne());
    }

    List<Article> list(ArticleQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM helpdesk_builtin_articles WHERE 1 = 1");
        switch (q.scope()) {
            case GLOBAL -> sql.append(" AND product_id IS NULL");
            case PRODUCTS -> sql.append(" AND product_id IS NOT NULL");
            case ANY -> { }
        }
        if (q.productIds() != null) {
            sql.append(q.productIds().isEmpty() ? " AND 1 = 0" : " AND product_id IN (<products>)");
        }
        if (q.categoryId() != null) {
            sql.append(" AND category_id = :category");
        }
        if (q.publishedOnly()) {
            sql.append(" AND published = 1");
        }
        if (q.afterId() != null) {
            sql.append(" AND id > :after");
        }
        sql.append(" ORDER BY id LIMIT :limit");
        return jdbi.withHandle(h -> {
            Query query = h.createQuery(sql.toString()).bind("limit", q.limit());
            if (q.productIds() != null && !q.productIds().isEmpty()) {
                query.bindList("products", List.copyOf(q.productIds()));
            }
            if (q.categoryId() != null) {
                query.bind("category", q.categoryId());
            }
            if (q.afterId() != null) {
                query.bind("after", q.afterId());
            }
            return query.map((rs, ctx) -> article(rs)).list();
        });
    }

    List<ArticleIndex.Row> search(List<String> terms, String productId, int limit) {
        return jdbi.withHandle(h -> index.search(h, terms, productId, limit));
    }

    List<ArticleCategory> categories() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, name, position FROM helpdesk_builtin_categories ORDER BY position, name, id")
                .map((rs, ctx) -> new ArticleCategory(rs.getString("id"), rs.getString("name"), rs.getInt("position"))).list());
    }

    void saveCategory(ArticleCategory c) {
        jdbi.useTransaction(h -> {
            int updated = h.createUpdate("UPDATE helpdesk_builtin_categories SET name = :name, position = :position WHERE id = :id")
                    .bind("id", c.id()).bind("name", c.name()).bind("position", c.position()).execute();
            if (updated == 0) {
                h.createUpdate("INSERT INTO helpdesk_builtin_categories (id, name, position) VALUES (:id, :name, :position)")
                        .bind("id", c.id()).bind("name", c.name()).bind("position", c.position()).execute();
            }
        });
    }

    boolean deleteCategory(String id) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("UPDATE helpdesk_builtin_articles SET category_id = NULL WHERE category_id = :id").bind("id", id).execute();
            return h.createUpdate("DELETE FROM helpdesk_builtin_categories WHERE id = :id").bind("id", id).execute() > 0;
        });
    }

    private static Article article(ResultSet rs) throws SQLException {
        return new Article(rs.getString("id"), rs.getString("product_id"), rs.getString("category_id"), rs.getString("author_id"),
                rs.getString("title"), rs.getString("body"), rs.getInt("published") == 1,
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
    }
}
