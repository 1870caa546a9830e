package com.mintreu.engine.catalog;

import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Page;
import com.mintreu.api.product.AttributeSpec;
import com.mintreu.api.product.ProductDraft;
import com.mintreu.api.product.ProductType;
import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.audit.AuditLog.Actor;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.plugin.PluginCallException;
import com.mintreu.engine.plugin.PluginHost;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.ApiException.FieldError;
import com.mintreu.engine.web.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The catalog's rules: who may see and change a product, the review flow, and what a valid
 * listing is. Other features call these methods, never the stores. A product that is not
 * published is "not found" for everyone but its seller and admins, and so is another seller's
 * product for a seller: existence is not leaked.
 */
@Singleton
public final class CatalogService {

    private final Jdbi jdbi;
    private final ProductStore store;
    private final ProductListing listing;
    private final SearchIndex index;
    private final PluginHost plugins;
    private final AuditLog audit;
    private final Clock clock;
    private final CatalogCache cache;

    @Inject
    CatalogService(Jdbi jdbi, ProductStore store, ProductListing listing, SearchIndex index, PluginHost plugins, AuditLog audit, Clock clock,
            CatalogCache cache) {
        this.audit = audit;
        this.cache = cache;
        this.jdbi = jdbi;
        this.store = store;
        this.listing = listing;
        this.index = index;
        this.plugins = plugins;
        this.clock = clock;
    }

    /** A product type offered by a started plugin, as the seller's form shows it. */
    public record TypeInfo(String id, String displayName, List<AttributeSpec> attributes) {}

    /** A product with everything its pages show. */
    public record Details(Product product, List<Plan> plans, List<Release> releases, List<ProductImage> images) {

        public Optional<Release> latestRelease() {
            return releases.stream().findFirst();
        }
    }

    // ---- reading ---------------------------------------------------------------------------

    /** A published product by slug, for anyone. */
    public Optional<Details> published(String slug) {
        return bySlug(slug).filter(d -> d.product().isPublished());
    }

    /** A product by slug as {@code viewer} may see it: published, or their own, or any for admins. */
    public Optional<Details> visible(String slug, Optional<Principal> viewer) {
        return bySlug(slug).filter(d -> d.product().isPublished() || mayManage(viewer, d.product()));
    }

    /** From the cache: the storefront's product page reads this on every view. */
    private Optional<Details> bySlug(String slug) {
        return cache.get(new SlugKey(slug), () -> jdbi.withHandle(h -> store.bySlug(h, slug).map(p -> details(h, p))));
    }

    private record SlugKey(String slug) {}

    private record CategoriesKey() {}

    private record TypesKey() {}

    /** A product its seller (or an admin) manages; 404 for anyone else. */
    public Details owned(Principal caller, String productId) {
        return jdbi.withHandle(h -> details(h, ownedProduct(h, caller, productId)));
    }

    /** Any product by id regardless of status (checkout, entitlements). */
    public Optional<Product> product(String productId) {
        return jdbi.withHandle(h -> store.byId(h, productId));
    }

    /** A plan by id (checkout prices lines from it). */
    public Optional<Plan> plan(String planId) {
        return jdbi.withHandle(h -> store.plan(h, planId));
    }

    /** Every plan of a product, whatever its status (a subscription's plan change offers its product's other plans). */
    public List<Plan> plans(String productId) {
        return jdbi.withHandle(h -> store.plans(h, productId));
    }

    /** The newest release of a product, if it has one (download fulfilment). */
    public Optional<Release> latestRelease(String productId) {
        return jdbi.withHandle(h -> store.releases(h, productId).stream().findFirst());
    }

    /** Every release of a product, newest first (a subscription's download picks the newest it covers). */
    public List<Release> releases(String productId) {
        return jdbi.withHandle(h -> store.releases(h, productId));
    }

    /** The release of a product with exactly this version, if any (license version scopes). */
    public Optional<Release> release(String productId, String version) {
        return jdbi.withHandle(h -> store.releases(h, productId).stream().filter(r -> r.version().equals(version)).findFirst());
    }

    public List<Product> sellerProducts(Principal seller) {
        return jdbi.withHandle(h -> store.bySeller(h, seller.userId()));
    }

    /** The seller's products, newest first. */
    public Page<Product> sellerProducts(Principal seller, PageRequest page) {
        return jdbi.withHandle(h -> store.page(h, "p.seller_id = :v", seller.userId(), true, page));
    }

    /** Products in {@code status}, oldest first. */
    public Page<Product> byStatus(ProductStatus status, PageRequest page) {
        return jdbi.withHandle(h -> store.page(h, "p.status = :v", status.id(), false, page));
    }

    public List<Product> byStatus(ProductStatus status) {
        return jdbi.withHandle(h -> store.byStatus(h, status, 200));
    }

    public ProductPage search(SearchQuery query) {
        int limit = Math.clamp(query.limit(), 1, SearchQuery.MAX_LIMIT);
        SearchQuery q = new SearchQuery(query.text(), query.type(), query.category(), query.minPrice(), query.maxPrice(),
                query.sort() == null ? SearchQuery.Sort.RELEVANCE : query.sort(), query.cursor(), limit);
        return cache.get(q, () -> jdbi.withHandle(h -> listing.find(h, q)));
    }

    public List<Category> categories() {
        return cache.get(new CategoriesKey(), () -> List.copyOf(jdbi.withHandle(store::categories)));
    }

    /** Adds a category (admins). */
    public Category addCategory(String name) {
        String clean = name == null ? "" : name.strip();
        String slug = ProductRules.slugOf(clean);
        if (clean.isEmpty() || clean.length() > 60 || slug.isEmpty()) {
            throw ApiException.invalid(List.of(new FieldError("name", "is required, at most 60 characters")));
        }
        return jdbi.inTransaction(h -> {
            if (store.categories(h).stream().anyMatch(c -> c.slug().equals(slug))) {
                throw new ApiException(CatalogError.SLUG_TAKEN, "a category '" + slug + "' exists");
            }
            Category c = new Category(Ids.next("cat"), slug, clean, store.categories(h).size() + 1);
            store.insertCategory(h, c, clock.millis());
            cache.changed(h);
            return c;
        });
    }

    /** Cached too (each is two plugin calls); a plugin started or stopped shows within the cache's maximum age. */
    public List<TypeInfo> productTypes() {
        return cache.get(new TypesKey(), this::loadProductTypes);
    }

    private List<TypeInfo> loadProductTypes() {
        return plugins.extensions(ProductType.class).stream().map(t -> {
            String pluginId = plugins.pluginIdOf(t).orElse(t.id());
            return new TypeInfo(t.id(), call(pluginId, "displayName", t::displayName), call(pluginId, "attributes", t::attributes));
        }).toList();
    }

    // ---- writing ---------------------------------------------------------------------------

    public Product create(Principal seller, ProductInput input) {
        ProductRules.Clean clean = ProductRules.product(input);
        TypeInfo type = checkType(clean, null, 0, false, false);
        String id = Ids.next("prd");
        return jdbi.inTransaction(h -> {
            List<String> categoryIds = categoryIds(h, clean.categories());
            if (store.slugTaken(h, clean.slug(), null)) {
                throw slugTaken(clean.slug());
            }
            store.insert(h, id, seller.userId(), clean, Markdown.toSafeHtml(clean.description()), clock.millis());
            save(h, id, clean, categoryIds, type);
            cache.changed(h);
            return store.byId(h, id).orElseThrow();
        });
    }

    /** Replaces a draft's or rejected product's fields. */
    public Product update(Principal caller, String productId, ProductInput input) {
        ProductRules.Clean clean = ProductRules.product(input);
        Details current = owned(caller, productId);
        editable(current.product());
        TypeInfo type = checkType(clean, productId, current.plans().size(), !current.releases().isEmpty(), false);
        return jdbi.inTransaction(h -> {
            Product p = ownedProduct(h, caller, productId);
            editable(p);
            List<String> categoryIds = categoryIds(h, clean.categories());
            if (store.slugTaken(h, clean.slug(), productId)) {
                throw slugTaken(clean.slug());
            }
            store.update(h, productId, clean, Markdown.toSafeHtml(clean.description()), clock.millis());
            save(h, productId, clean, categoryIds, type);
            cache.changed(h);
            return store.byId(h, productId).orElseThrow();
        });
    }

    public Plan addPlan(Principal caller, String productId, PlanInput input) {
        Map<String, String> attributes = PlanAttributes.clean(input.attributes());
        PlanInput clean;
        try {
            clean = ProductRules.plan(input);
        } catch (ApiException e) {
            // the plan's own fields and its attributes' problems in one answer
            List<FieldError> all = new ArrayList<>(e.fields());
            all.addAll(planAttributeProblems(owned(caller, productId).product(), attributes));
            throw ApiException.invalid(all);
        }
        List<FieldError> problems = planAttributeProblems(owned(caller, productId).product(), attributes);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return jdbi.inTransaction(h -> {
            editable(ownedProduct(h, caller, productId));
            Plan plan = new Plan(Ids.next("pln"), productId, clean.name(),
                    new com.mintreu.api.money.Money(clean.priceMinor(), clean.currency()), clean.grants(), clock.millis(),
                    ProductRules.recurrence(clean), attributes);
            store.insertPlan(h, plan);
            cache.changed(h);
            return plan;
        });
    }

    public void deletePlan(Principal caller, String productId, String planId) {
        jdbi.useTransaction(h -> {
            editable(ownedProduct(h, caller, productId));
            if (!store.deletePlan(h, productId, planId)) {
                throw ApiException.notFound("plan " + planId);
            }
            cache.changed(h);
        });
    }

    /** Seller: draft or rejected to in_review, when the type accepts the listing and it has a plan. */
    public Product submit(Principal caller, String productId) {
        Details d = owned(caller, productId);
        Product p = d.product();
        if (!p.status().editable()) {
            throw illegal(p, "submit");
        }
        List<FieldError> problems = new ArrayList<>();
        ProductRules.Clean clean = new ProductRules.Clean(p.title(), p.slug(), p.descriptionMd(), p.typeId(), p.attributes(),
                p.categories(), p.tags());
        try {
            checkType(clean, productId, d.plans().size(), !d.releases().isEmpty(), true);
        } catch (ApiException e) {
            problems.addAll(e.fields().isEmpty() ? List.of(new FieldError("type", e.getMessage())) : e.fields());
        }
        // every listing needs a plan; said once, whether or not the product type says it too
        if (d.plans().isEmpty() && problems.stream().noneMatch(f -> f.field().equals("plans"))) {
            problems.add(new FieldError("plans", "add at least one plan"));
        }
        if (!problems.isEmpty()) {
            throw new ApiException(CatalogError.NOT_READY_FOR_REVIEW, problems.size() + " thing(s) to fix before review", problems, null);
        }
        return move(p, p.status(), ProductStatus.IN_REVIEW, null, "submit", caller);
    }

    /** Seller: back to draft from review or from the shop (to edit a published listing). */
    public Product withdraw(Principal caller, String productId) {
        Product p = owned(caller, productId).product();
        if (p.status() != ProductStatus.IN_REVIEW && p.status() != ProductStatus.PUBLISHED) {
            throw illegal(p, "withdraw");
        }
        return move(p, p.status(), ProductStatus.DRAFT, null, "withdraw", caller);
    }

    /** Admin: in_review to published. */
    public Product approve(Principal admin, String productId) {
        Product p = owned(admin, productId).product();
        return move(p, ProductStatus.IN_REVIEW, ProductStatus.PUBLISHED, null, "approve", admin);
    }

    /** Admin: in_review to rejected, with a reason the seller sees. */
    public Product reject(Principal admin, String productId, String reason) {
        String clean = ProductRules.reason(reason);
        Product p = owned(admin, productId).product();
        return move(p, ProductStatus.IN_REVIEW, ProductStatus.REJECTED, clean, "reject", admin);
    }

    // ---- helpers for CatalogFiles and this class ---------------------------------------------

    /** Every catalog write calls this in its transaction: the cached pages of every node are then stale. */
    void changed(Handle h) {
        cache.changed(h);
    }

    Product ownedProduct(Handle h, Principal caller, String productId) {
        return store.byId(h, productId).filter(p -> mayManage(Optional.of(caller), p))
                .orElseThrow(() -> new ApiException(CatalogError.PRODUCT_NOT_FOUND, "product " + productId + " not found"));
    }

    static boolean mayManage(Optional<Principal> viewer, Product p) {
        return viewer.map(v -> v.isAdmin() || v.userId().equals(p.sellerId())).orElse(false);
    }

    <T> T call(String pluginId, String operation, java.util.concurrent.Callable<T> call) {
        try {
            return plugins.dispatcher().call(pluginId, operation, call);
        } catch (PluginCallException e) {
            throw new ApiException(CatalogError.PLUGIN_FAILED, "plugin " + pluginId + " failed on " + operation + " (" + e.code() + ")");
        }
    }

    private Product move(Product p, ProductStatus from, ProductStatus to, String reason, String action, Principal caller) {
        return jdbi.inTransaction(h -> {
            if (!store.transition(h, p.id(), from, to, reason, clock.millis())) {
                throw illegal(store.byId(h, p.id()).orElse(p), action);
            }
            Map<String, Object> detail = new java.util.LinkedHashMap<>();
            detail.put("before", from.id());
            detail.put("after", to.id());
            if (reason != null) {
                detail.put("reason", reason);
            }
            audit.record(h, Actor.of(caller, "seller"), "product." + action, "product", p.id(), detail);
            cache.changed(h);
            return store.byId(h, p.id()).orElseThrow();
        });
    }

    private static ApiException slugTaken(String slug) {
        return new ApiException(CatalogError.SLUG_TAKEN, "the slug '" + slug + "' is taken; choose another",
                List.of(new FieldError("slug", "another product already uses '" + slug + "'; choose another")), null);
    }

    private static ApiException illegal(Product p, String action) {
        return new ApiException(CatalogError.ILLEGAL_TRANSITION, "cannot " + action + " a product that is " + p.status().id());
    }

    private static void editable(Product p) {
        if (!p.status().editable()) {
            throw new ApiException(CatalogError.ILLEGAL_TRANSITION, "a product that is " + p.status().id()
                    + " cannot be changed; withdraw it to draft first");
        }
    }

    private void save(Handle h, String id, ProductRules.Clean clean, List<String> categoryIds, TypeInfo type) {
        store.replaceCategories(h, id, categoryIds);
        store.replaceTags(h, id, clean.tags());
        index.index(h, id, clean.title(), clean.description() + "\n" + String.join(" ", clean.tags()));
    }

    private List<String> categoryIds(Handle h, List<String> slugs) {
        Map<String, String> bySlug = new java.util.HashMap<>();
        store.categories(h).forEach(c -> bySlug.put(c.slug(), c.id()));
        List<String> ids = new ArrayList<>();
        for (String slug : slugs) {
            String id = bySlug.get(slug);
            if (id == null) {
                throw new ApiException(CatalogError.UNKNOWN_CATEGORY, "no category '" + slug + "'",
                        List.of(new FieldError("categories", "unknown category " + slug)), null);
            }
            ids.add(id);
        }
        return ids;
    }

    /** The plan fields of a product's type, in form order; empty when the type has none or is not running. */
    public List<AttributeSpec> planAttributeSpecs(String typeId) {
        return plugins.extension(ProductType.class, typeId)
                .map(t -> call(plugins.pluginIdOf(t).orElse(t.id()), "planAttributes", t::planAttributes)).orElse(List.of());
    }

    /** Problems with a plan's attributes as {@code attributes.<name>}: names the type does not know, kinds, then the type's own rules. */
    private List<FieldError> planAttributeProblems(Product product, Map<String, String> attributes) {
        Optional<ProductType> type = plugins.extension(ProductType.class, product.typeId());
        if (type.isEmpty()) {
            return attributes.isEmpty() ? List.of() : List.of(new FieldError("attributes", "the product type is not running; plans cannot have attributes now"));
        }
        String pluginId = plugins.pluginIdOf(type.get()).orElse(type.get().id());
        List<AttributeSpec> specs = call(pluginId, "planAttributes", type.get()::planAttributes);
        List<FieldError> errors = new ArrayList<>(ProductRules.attributes(specs, attributes, true));
        if (errors.isEmpty()) {
            for (ProductType.Problem p : call(pluginId, "validatePlan", () -> type.get().validatePlan(attributes))) {
                errors.add(new FieldError("attributes." + p.field(), p.message()));
            }
        }
        return errors;
    }

    /** Checks the type exists and accepts the attributes; on save only attribute and title problems count. */
    private TypeInfo checkType(ProductRules.Clean clean, String productId, int planCount, boolean hasRelease, boolean forSubmit) {
        ProductType type = plugins.extension(ProductType.class, clean.type()).orElseThrow(() -> new ApiException(
                CatalogError.UNKNOWN_PRODUCT_TYPE, "no started plugin provides the product type '" + clean.type() + "'",
                List.of(new FieldError("type", "unknown product type")), null));
        String pluginId = plugins.pluginIdOf(type).orElse(type.id());
        List<AttributeSpec> specs = call(pluginId, "attributes", type::attributes);
        List<FieldError> errors = new ArrayList<>(ProductRules.attributes(specs, clean.attributes(), forSubmit));
        ProductDraft draft = new ProductDraft(productId, clean.title(), clean.attributes(), planCount, hasRelease);
        Supplier<List<ProductType.Problem>> validate = () -> call(pluginId, "validate", () -> type.validate(draft));
        for (ProductType.Problem problem : validate.get()) {
            boolean attribute = specs.stream().anyMatch(s -> s.name().equals(problem.field()));
            if (forSubmit || attribute || "title".equals(problem.field())) {
                errors.add(new FieldError(attribute ? "attributes." + problem.field() : problem.field(), problem.message()));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new TypeInfo(type.id(), call(pluginId, "displayName", type::displayName), specs);
    }

    private Details details(Handle h, Product p) {
        return new Details(p, store.plans(h, p.id()), store.releases(h, p.id()), store.images(h, p.id()));
    }
}
