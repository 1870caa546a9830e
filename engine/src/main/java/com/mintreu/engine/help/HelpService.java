package com.mintreu.engine.help;

import com.mintreu.api.helpdesk.Article;
import com.mintreu.api.helpdesk.ArticleCategory;
import com.mintreu.api.helpdesk.ArticleHit;
import com.mintreu.api.helpdesk.ArticleQuery;
import com.mintreu.api.helpdesk.ArticleQuery.Scope;
import com.mintreu.api.helpdesk.SearchRequest;
import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.catalog.Markdown;
import com.mintreu.engine.catalog.Product;
import com.mintreu.engine.config.HelpConfig;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.ApiException.FieldError;
import com.mintreu.engine.web.CommonError;
import com.mintreu.engine.web.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The FAQ and knowledge base: who may write which article, what customers may read, and search.
 * A seller writes articles about their own products only; the admin writes the shop-wide ones and
 * manages the categories. Articles are kept by the configured {@link com.mintreu.api.helpdesk.KnowledgeBase}
 * (through {@link KnowledgeBaseClient}); their Markdown is rendered and sanitized here, with the
 * catalog's {@link Markdown}, never by the plugin.
 */
@Singleton
public final class HelpService {

    public static final int TITLE_MAX = 200;
    public static final int BODY_MAX = 20_000;
    public static final int CATEGORY_MAX = 80;
    /** The most articles a product's FAQ or a seller's list holds. */
    static final int LIST_MAX = 500;

    private final KnowledgeBaseClient kb;
    private final CatalogService catalog;
    private final HelpConfig config;
    private final Clock clock;

    @Inject
    HelpService(KnowledgeBaseClient kb, CatalogService catalog, HelpConfig config, Clock clock) {
        this.kb = kb;
        this.catalog = catalog;
        this.config = config;
        this.clock = clock;
    }

    // ---- reading

    /** The article as safe HTML: CommonMark with raw HTML escaped, then the allow-list sanitizer. */
    public String html(Article a) {
        return Markdown.toSafeHtml(a.body());
    }

    /** An article {@code viewer} may read: published (and, for a product's article, the product too), or one they manage. */
    public Optional<Article> readable(String id, Optional<Principal> viewer) {
        Optional<Article> found = find(id);
        if (found.isEmpty()) {
            return found;
        }
        Article a = found.get();
        if (a.published() && (a.global() || catalog.product(a.productId()).map(Product::isPublished).orElse(false))) {
            return found;
        }
        return viewer.filter(v -> mayManage(v, a)).map(v -> a);
    }

    /** The product an article is about, or empty for a shop-wide one. */
    public Optional<Product> productOf(Article a) {
        return a.global() ? Optional.empty() : catalog.product(a.productId());
    }

    /** Published shop-wide articles, optionally of one category, in id order after {@code afterId}. */
    public List<Article> publishedGlobal(String categoryId, String afterId, int limit) {
        return list(new ArticleQuery(Scope.GLOBAL, null, blankToNull(categoryId), true, afterId, limit));
    }

    /**
     * Published articles of both kinds (the JSON list), optionally of one product or category, in id
     * order after {@code afterId}: at most {@code limit}, leaving out those of products customers cannot see.
     */
    public List<Article> published(String productId, String categoryId, String afterId, int limit) {
        Set<String> products = blankToNull(productId) == null ? null : Set.of(productId.strip());
        List<Article> out = new ArrayList<>();
        String after = afterId;
        while (out.size() < limit) {
            List<Article> batch = list(new ArticleQuery(Scope.ANY, products, blankToNull(categoryId), true, after, limit));
            batch.stream().filter(a -> a.global() || productVisible(a.productId())).limit(limit - out.size()).forEach(out::add);
            if (batch.size() < limit) {
                break;
            }
            after = batch.getLast().id();
        }
        return out;
    }

    /** The FAQ of a product page: its published articles; empty (not an error) when the knowledge base is away. */
    public List<Article> faqOf(String productId) {
        try {
            return list(new ArticleQuery(Scope.PRODUCTS, Set.of(productId), null, true, null, LIST_MAX));
        } catch (ApiException e) {
            return List.of();
        }
    }

    /**
     * Published articles matching what a customer typed, best first: the product's and the shop-wide
     * ones when a product is given. Odd input matches less; it never fails.
     */
    public List<ArticleHit> search(String text, String productId, int limit) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String product = blankToNull(productId);
        if (product != null && !productVisible(product)) {
            product = null; // an unknown or hidden product: the shop-wide articles only
        }
        String scope = product;
        int n = Math.clamp(limit, 1, config.searchResults());
        String words = text.length() > 2_000 ? text.substring(0, 2_000) : text;
        return kb.call("search", k -> k.search(new SearchRequest(words, scope, n))).stream()
                .filter(h -> h.productId() == null || h.productId().equals(scope)).toList();
    }

    public List<ArticleCategory> categories() {
        return kb.call("categories", k -> k.categories());
    }

    // ---- managing

    /** The seller's articles (all of their products), or every product article for an admin. */
    public List<Article> ofSeller(Principal seller, String afterId, int limit) {
        Set<String> products = seller.isAdmin() ? null : catalog.sellerProducts(seller).stream().map(Product::id).collect(Collectors.toSet());
        return list(new ArticleQuery(Scope.PRODUCTS, products, null, false, afterId, limit));
    }

    /** The shop-wide articles, published or not (the admin's list). */
    public List<Article> globals(Principal admin, String afterId, int limit) {
        requireAdmin(admin);
        return list(new ArticleQuery(Scope.GLOBAL, null, null, false, afterId, limit));
    }

    /** An article {@code caller} may change: a 404 for anyone else's, as if it did not exist. */
    public Article manageable(Principal caller, String id) {
        return find(id).filter(a -> mayManage(caller, a)).orElseThrow(() -> ApiException.notFound("article " + id));
    }

    public Article create(Principal caller, ArticleInput in) {
        String product = checkScope(caller, in.productId());
        Instant now = clock.instant();
        Article a = valid(new Article(Ids.next("art"), product, blankToNull(in.categoryId()), caller.userId(), strip(in.title()),
                in.body() == null ? "" : in.body().strip(), in.published(), now, now));
        kb.call("save", k -> {
            k.save(a);
            return null;
        });
        return a;
    }

    public Article update(Principal caller, String id, ArticleInput in) {
        Article old = manageable(caller, id);
        String product = checkScope(caller, in.productId());
        Article a = valid(new Article(old.id(), product, blankToNull(in.categoryId()), old.authorId(), strip(in.title()),
                in.body() == null ? "" : in.body().strip(), in.published(), old.createdAt(), clock.instant()));
        kb.call("save", k -> {
            k.save(a);
            return null;
        });
        return a;
    }

    public void delete(Principal caller, String id) {
        Article a = manageable(caller, id);
        kb.call("delete", k -> k.delete(a.id()));
    }

    public ArticleCategory addCategory(Principal admin, String name, int position) {
        requireAdmin(admin);
        String n = strip(name);
        if (n.isEmpty() || n.length() > CATEGORY_MAX || n.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid(List.of(new FieldError("name", "the category's name, 1 to " + CATEGORY_MAX + " characters")));
        }
        ArticleCategory c = new ArticleCategory(Ids.next("hcat"), n, position);
        kb.call("saveCategory", k -> {
            k.saveCategory(c);
            return null;
        });
        return c;
    }

    public void deleteCategory(Principal admin, String id) {
        requireAdmin(admin);
        if (!kb.call("deleteCategory", k -> k.deleteCategory(id))) {
            throw ApiException.notFound("category " + id);
        }
    }

    // ---- rules

    /** The product an article may be about for {@code caller}: their own (404 otherwise); none (shop-wide) for the admin only. */
    private String checkScope(Principal caller, String productId) {
        String product = blankToNull(productId);
        if (product == null) {
            requireAdmin(caller);
            return null;
        }
        catalog.owned(caller, product); // 404 for a product that is not theirs or does not exist
        return product;
    }

    private Article valid(Article a) {
        List<FieldError> errors = new ArrayList<>();
        if (a.title().isEmpty() || a.title().length() > TITLE_MAX || a.title().chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("title", "a title of 1 to " + TITLE_MAX + " characters"));
        }
        if (a.body().isEmpty() || a.body().length() > BODY_MAX) {
            errors.add(new FieldError("body", "the answer in Markdown, 1 to " + BODY_MAX + " characters"));
        }
        if (a.categoryId() != null && categories().stream().noneMatch(c -> c.id().equals(a.categoryId()))) {
            errors.add(new FieldError("categoryId", "choose one of the categories, or none"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return a;
    }

    private boolean mayManage(Principal caller, Article a) {
        if (caller.isAdmin()) {
            return true;
        }
        return !a.global() && caller.has("seller")
                && catalog.product(a.productId()).map(p -> p.sellerId().equals(caller.userId())).orElse(false);
    }

    private static void requireAdmin(Principal caller) {
        if (!caller.isAdmin()) {
            throw new ApiException(CommonError.FORBIDDEN, "only an administrator writes shop-wide articles and categories");
        }
    }

    private boolean productVisible(String productId) {
        return catalog.product(productId).map(Product::isPublished).orElse(false);
    }

    private Optional<Article> find(String id) {
        if (id == null || id.isBlank() || id.length() > 64) {
            return Optional.empty();
        }
        return kb.call("get", k -> k.get(id));
    }

    private List<Article> list(ArticleQuery q) {
        return kb.call("list", k -> k.list(q));
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
