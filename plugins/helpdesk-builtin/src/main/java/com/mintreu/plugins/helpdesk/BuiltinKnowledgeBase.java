package com.mintreu.plugins.helpdesk;

import com.mintreu.api.PluginContext;
import com.mintreu.api.helpdesk.Article;
import com.mintreu.api.helpdesk.ArticleCategory;
import com.mintreu.api.helpdesk.ArticleHit;
import com.mintreu.api.helpdesk.ArticleQuery;
import com.mintreu.api.helpdesk.KnowledgeBase;
import com.mintreu.api.helpdesk.SearchRequest;
import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * The knowledge base in the shop's own database: articles and categories in
 * {@code helpdesk_builtin_articles} / {@code helpdesk_builtin_categories}, searched with the same
 * machinery as the catalog (FTS5 on SQLite, a weighted tsvector on PostgreSQL).
 */
@Extension
public final class BuiltinKnowledgeBase implements KnowledgeBase {

    /**
     * The extension id. Not the plugin id: the plugin's other extension (the tickets) may carry that,
     * and the ids of one plugin's extensions must differ.
     */
    public static final String ID = "helpdesk-builtin-kb";

    private ArticleStore store;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void start(PluginContext ctx) {
        store = new ArticleStore(ctx.jdbi(), ArticleIndex.of(ctx.dialect()));
    }

    @Override
    public void save(Article article) {
        store.save(article);
    }

    @Override
    public boolean delete(String id) {
        return store.delete(id);
    }

    @Override
    public Optional<Article> get(String id) {
        return store.get(id);
    }

    @Override
    public List<Article> list(ArticleQuery query) {
        return store.list(query);
    }

    @Override
    public List<ArticleHit> search(SearchRequest request) {
        List<String> terms = PlainText.terms(request.text());
        if (terms.isEmpty()) {
            return List.of();
        }
        return store.search(terms, request.productId(), request.limit()).stream()
                .map(r -> new ArticleHit(r.id(), r.productId(), r.title(), PlainText.excerpt(PlainText.of(r.body()), terms), r.score()))
                .toList();
    }

    @Override
    public List<ArticleCategory> categories() {
        return store.categories();
    }

    @Override
    public void saveCategory(ArticleCategory category) {
        store.saveCategory(category);
    }

    @Override
    public boolean deleteCategory(String id) {
        return store.deleteCategory(id);
    }
}
