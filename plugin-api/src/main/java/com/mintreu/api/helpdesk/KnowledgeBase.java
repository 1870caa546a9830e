package com.mintreu.api.helpdesk;

import com.mintreu.api.Extension;
import java.util.List;
import java.util.Optional;

/**
 * Where the FAQ and knowledge base articles are kept and searched. The engine decides who may write
 * what (a seller only for their own products, the admin the shop-wide articles and the categories),
 * makes the ids and times, renders and sanitizes the Markdown and enforces the {@code support} kill
 * switch; an implementation only stores, lists and finds. Every call comes through the engine's
 * plugin dispatcher with its timeout, so each must answer in bounded time. {@code help.knowledgeBase}
 * names the one in use ({@code helpdesk-builtin} by default).
 */
public interface KnowledgeBase extends Extension {

    /**
     * Stores {@code article}, replacing the one with the same id, and makes it findable by
     * {@link #search} at once. Called when a seller or the admin saves an article; the engine has
     * checked the fields (title 1..200, body up to 20,000 characters, an existing category or null).
     * Must not change the id or the times it was given.
     */
    void save(Article article);

    /** Removes the article with {@code id} from the store and the search; false when there was none. */
    boolean delete(String id);

    /** The article with {@code id}, published or not; the engine decides who may see it. */
    Optional<Article> get(String id);

    /**
     * The articles {@code query} selects, ordered by id (oldest first: ids sort by creation time),
     * at most {@code query.limit()}, starting after {@code query.afterId()} when given.
     */
    List<Article> list(ArticleQuery query);

    /**
     * The published articles that best match {@code request.text()}, best first, at most
     * {@code request.limit()}: the product's own and the shop-wide ones when a product is given,
     * else the shop-wide ones only. The text is what a person typed: it must never be passed on as
     * query syntax, and odd input (quotes, {@code *}, {@code AND}, {@code -}, any script) must not
     * fail; it simply matches less. A text without a word to look for finds nothing.
     */
    List<ArticleHit> search(SearchRequest request);

    /** Every category, by position then name. */
    List<ArticleCategory> categories();

    /** Stores {@code category}, replacing the one with the same id. */
    void saveCategory(ArticleCategory category);

    /**
     * Removes the category with {@code id}; its articles stay, without a category. False when there
     * was none.
     */
    boolean deleteCategory(String id);
}
