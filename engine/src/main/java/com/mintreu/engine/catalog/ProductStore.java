package com.mintreu.engine.catalog;

import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.web.Cursor;
import com.fasterxml.jackson.core.type.TypeReference;
import com.mintreu.api.money.Money;
import com.mintreu.engine.web.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;

/** SQL for products, their categories, tags, plans, images and releases. Bound parameters only; no rules. */
@Singleton
final class ProductStore {

    private static final String PRODUCT_COLUMNS = """
            p.id, p.seller_id, u.display_name, p.slug, p.title, p.description_md, p.description_html, p.type_id,
            p.attributes, p.status, p.reject_reason, p.price_minor, p.currency, p.created_at, p.updated_at, p.published_at""";

    @Inject
    ProductStore() {}

    // ---- products ------------------------------------------------------------------------

    void insert(Handle h, String id, String sellerId, ProductRules.Clean c, String html, long now) {
        h.createUpdate("""
                INSERT INTO products (id, seller_id, slug, title, description_md, description_html, type_id, attributes,
                                      status, created_at, updated_at)
                VALUES (:id, :seller, :slug, :title, :md, :html, :type, :attrs, 'draft', :now, :now)""")
                .bind("id", id).bind("seller", sellerId).bind("slug", c.slug()).bind("title", c.title())
                .bind("md", c.description()).bind("html", html).bind("type", c.type())
                .bind("attrs", json(c.attributes())).bind("now", now).execute();
    }

    void update(Handle h, String id, ProductRules.Clean c, String html, long now) {
        h.createUpdate("""
                UPDATE products SET slug = :slug, title = :title, description_md = :md, description_html = :html,
                       type_id = :type, attributes = :attrs, updated_at = :now WHERE id = :id""")
                .bind("id", id).bind("slug", c.slug()).bind("title", c.title()).bind("md", c.description())
                .bind("html", html).bind("type", c.type()).bind("attrs", json(c.attributes())).bind("now", now).execute();
    }

    boolean slugTaken(Handle h, String slug, String exceptId) {
        return h.createQuery("SELECT COUNT(*) FROM products WHERE slug = :slug AND id <> :id")
                .bind("slug", slug).bind("id", exceptId == null ? "" : exceptId).mapTo(Integer.class).one() > 0;
    }

    /** Moves {@code id} from {@code from} to {@code to}; false when it was not in {@code from} (a conditional update). */
    boolean transition(Handle h, String id, ProductStatus from, ProductStatus to, String reason, long now) {
        return h.createUpdate("""
                UPDATE products SET status = :to, reject_reason = :reason, updated_at = :now,
                       submitted_at = CASE WHEN :to = 'in_review' THEN :now ELSE submitted_at END,
                       published_at = CASE WHEN :to = 'published' THEN :now ELSE published_at END
                WHERE id = :id AND status = :from""")
                .bind("id", id).bind("from", from.id()).bind("to", to.id()).bind("reason", reason).bind("now", now)
                .execute() == 1;
    }

    Optional<Product> byId(Handle h, String id) {
        return one(h, "p.id = :v", id);
    }

    Optional<Product> bySlug(Handle h, String slug) {
        return one(h, "p.slug = :v", slug);
    }

    List<Product> bySeller(Handle h, String sellerId) {
        return h.createQuery("SELECT " + PRODUCT_COLUMNS + " FROM products p JOIN users u ON u.id = p.seller_id "
                        + "WHERE p.seller_id = :v ORDER BY p.updated_at DESC, p.id DESC")
                .bind("v", sellerId).map((rs, ctx) -> product(h, rs)).list();
    }

    List<Product> byStatus(Handle h, ProductStatus status, int limit) {
        return h.createQuery("SELECT " + PRODUCT_COLUMNS + " FROM products p JOIN users u ON u.id = p.seller_id "
                        + "WHERE p.status = :v ORDER BY p.submitted_at, p.id LIMIT :limit")
                .bind("v", status.id()).bind("limit", limit).map((rs, ctx) -> product(h, rs)).list();
    }

    /** A page of the products in {@code where} (binding :v), newest first or oldest first. */
    Page<Product> page(Handle h, String where, String value, boolean newestFirst, PageRequest page) {
        String dir = newestFirst ? " DESC" : "";
        List<Product> rows = page.bind(h.createQuery("SELECT " + PRODUCT_COLUMNS + " FROM products p JOIN users u ON u.id = p.seller_id WHERE "
                        + where + " AND " + page.after("p.created_at", "p.id", newestFirst)
                        + " ORDER BY p.created_at" + dir + ", p.id" + dir + " LIMIT :limit"))
                .bind("v", value).map((rs, ctx) -> product(h, rs)).list();
        return Page.of(rows, page, p -> Cursor.of(p.createdAt(), p.id()));
    }

    private Optional<Product> one(Handle h, String where, String value) {
        return h.createQuery("SELECT " + PRODUCT_COLUMNS + " FROM products p JOIN users u ON u.id = p.seller_id WHERE " + where)
                .bind("v", value).map((rs, ctx) -> product(h, rs)).findOne();
    }

    private Product product(Handle h, ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        long price = rs.getLong(12);
        Money money = rs.wasNull() ? null : new Money(price, rs.getString(13));
        long published = rs.getLong(16);
        Long publishedAt = rs.wasNull() ? null : published;
        List<String> categories = h.createQuery("""
                SELECT c.slug FROM product_categories pc JOIN categories c ON c.id = pc.category_id
                WHERE pc.product_id = :id ORDER BY c.position""").bind("id", id).mapTo(String.class).list();
        List<String> tags = h.createQuery("SELECT tag FROM product_tags WHERE product_id = :id ORDER BY tag")
                .bind("id", id).mapTo(String.class).list();
        return new Product(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), attributes(rs.getString(9)), ProductStatus.of(rs.getString(10)),
                rs.getString(11), money, categories, tags, rs.getLong(14), rs.getLong(15), publishedAt);
    }

    // ---- categories and tags ---------------------------------------------------------------

    List<Category> categories(Handle h) {
        return h.createQuery("SELECT id, slug, name, position FROM categories ORDER BY position, name")
                .map((rs, ctx) -> new Category(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4))).list();
    }

    void insertCategory(Handle h, Category c, long now) {
        h.createUpdate("INSERT INTO categories (id, slug, name, position, created_at) VALUES (:id, :slug, :name, :pos, :now)")
                .bind("id", c.id()).bind("slug", c.slug()).bind("name", c.name()).bind("pos", c.position()).bind("now", now).execute();
    }

    void replaceCategories(Handle h, String productId, List<String> categoryIds) {
        h.createUpdate("DELETE FROM product_categories WHERE product_id = :id").bind("id", productId).execute();
        for (String c : categoryIds) {
            h.createUpdate("INSERT INTO product_categories (product_id, category_id) VALUES (:p, :c)")
                    .bind("p", productId).bind("c", c).execute();
        }
    }

    void replaceTags(Handle h, String productId, List<String> tags) {
        h.createUpdate("DELETE FROM product_tags WHERE product_id = :id").bind("id", productId).execute();
        for (String t : tags) {
            h.createUpdate("INSERT INTO product_tags (product_id, tag) VALUES (:p, :t)").bind("p", productId).bind("t", t).execute();
        }
    }

    // ---- plans ------------------------------------------------------------------------------

    void insertPlan(Handle h, Plan plan) {
        Recurrence r = plan.recurrence();
        h.createUpdate("""
                INSERT INTO plans (id, product_id, name, price_minor, currency, grants, created_at,
                    billing_interval, interval_days, trial_days, trial_requires_payment_method, seats, attributes)
                VALUES (:id, :product, :name, :price, :currency, :grants, :now, :interval, :days, :trial, :trialCard, :seats, :attributes)""")
                .bind("id", plan.id()).bind("product", plan.productId()).bind("name", plan.name())
                .bind("price", plan.price().minor()).bind("currency", plan.price().currency())
                .bind("grants", plan.grants()).bind("now", plan.createdAt())
                .bind("interval", r == null ? null : r.interval()).bind("days", r == null ? null : r.intervalDays())
                .bind("trial", r == null ? 0 : r.trialDays()).bind("trialCard", r != null && r.trialRequiresPaymentMethod() ? 1 : 0)
                .bind("seats", r != null && r.seats() ? 1 : 0)
                .bind("attributes", plan.attributes().isEmpty() ? null : PlanAttributes.toJson(plan.attributes())).execute();
        refreshPrice(h, plan.productId());
    }

    boolean deletePlan(Handle h, String productId, String planId) {
        boolean deleted = h.createUpdate("DELETE FROM plans WHERE id = :id AND product_id = :p")
                .bind("id", planId).bind("p", productId).execute() == 1;
        refreshPrice(h, productId);
        return deleted;
    }

    List<Plan> plans(Handle h, String productId) {
        return h.createQuery("SELECT " + PLAN_COLUMNS + " FROM plans "
                        + "WHERE product_id = :p ORDER BY price_minor, id")
                .bind("p", productId).map((rs, ctx) -> plan(rs)).list();
    }

    Optional<Plan> plan(Handle h, String planId) {
        return h.createQuery("SELECT " + PLAN_COLUMNS + " FROM plans WHERE id = :id")
                .bind("id", planId).map((rs, ctx) -> plan(rs)).findOne();
    }

    private static final String PLAN_COLUMNS = "id, product_id, name, price_minor, currency, grants, created_at, "
            + "billing_interval, interval_days, trial_days, trial_requires_payment_method, seats, attributes";

    private static Plan plan(ResultSet rs) throws SQLException {
        String interval = rs.getString(8);
        int days = rs.getInt(9);
        Recurrence recurrence = interval == null ? null
                : new Recurrence(interval, rs.wasNull() ? null : days, rs.getInt(10), rs.getInt(11) == 1, rs.getInt(12) == 1);
        return new Plan(rs.getString(1), rs.getString(2), rs.getString(3), new Money(rs.getLong(4), rs.getString(5)),
                rs.getString(6), rs.getLong(7), recurrence, PlanAttributes.fromJson(rs.getString(13)));
    }

    /** The listing price is the cheapest plan's. */
    private void refreshPrice(Handle h, String productId) {
        Optional<Plan> cheapest = plans(h, productId).stream().findFirst();
        h.createUpdate("UPDATE products SET price_minor = :price, currency = :currency WHERE id = :id")
                .bind("id", productId).bind("price", cheapest.map(p -> p.price().minor()).orElse(null))
                .bind("currency", cheapest.map(p -> p.price().currency()).orElse(null)).execute();
    }

    // ---- images and releases ------------------------------------------------------------------

    void insertImage(Handle h, ProductImage i) {
        h.createUpdate("""
                INSERT INTO product_images (id, product_id, storage_key, content_type, size_bytes, sha256, created_at)
                VALUES (:id, :p, :key, :type, :size, :sha, :now)""")
                .bind("id", i.id()).bind("p", i.productId()).bind("key", i.storageKey()).bind("type", i.contentType())
                .bind("size", i.size()).bind("sha", i.sha256()).bind("now", i.createdAt()).execute();
    }

    List<ProductImage> images(Handle h, String productId) {
        return h.createQuery("SELECT id, product_id, storage_key, content_type, size_bytes, sha256, created_at "
                        + "FROM product_images WHERE product_id = :p ORDER BY id")
                .bind("p", productId).map((rs, ctx) -> image(rs)).list();
    }

    Optional<ProductImage> image(Handle h, String imageId) {
        return h.createQuery("SELECT id, product_id, storage_key, content_type, size_bytes, sha256, created_at "
                        + "FROM product_images WHERE id = :id")
                .bind("id", imageId).map((rs, ctx) -> image(rs)).findOne();
    }

    private static ProductImage image(ResultSet rs) throws SQLException {
        return new ProductImage(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                rs.getString(6), rs.getLong(7));
    }

    boolean versionExists(Handle h, String productId, String version) {
        return h.createQuery("SELECT COUNT(*) FROM releases WHERE product_id = :p AND version = :v")
                .bind("p", productId).bind("v", version).mapTo(Integer.class).one() > 0;
    }

    void insertRelease(Handle h, Release r) {
        h.createUpdate("""
                INSERT INTO releases (id, product_id, version, notes, file_name, storage_key, size_bytes, sha256, created_at)
                VALUES (:id, :p, :version, :notes, :file, :key, :size, :sha, :now)""")
                .bind("id", r.id()).bind("p", r.productId()).bind("version", r.version()).bind("notes", r.notes())
                .bind("file", r.fileName()).bind("key", r.storageKey()).bind("size", r.size()).bind("sha", r.sha256())
                .bind("now", r.createdAt()).execute();
    }

    /** Newest first. */
    List<Release> releases(Handle h, String productId) {
        return h.createQuery("SELECT id, product_id, version, notes, file_name, storage_key, size_bytes, sha256, created_at "
                        + "FROM releases WHERE product_id = :p ORDER BY created_at DESC, id DESC")
                .bind("p", productId).map((rs, ctx) -> new Release(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8), rs.getLong(9)))
                .list();
    }

    // ---- json ---------------------------------------------------------------------------------

    private static String json(Map<String, String> map) {
        try {
            return Json.MAPPER.writeValueAsString(map);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> attributes(String json) {
        try {
            return Json.MAPPER.readValue(json, new TypeReference<Map<String, String>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
