package com.mintreu.engine.catalog;

import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/** The catalog's JSON API ({@code /media/{id}} is {@link MediaRoutes}). HTTP only: parse, call, answer. */
final class CatalogRoutes implements Routes {

    private final CatalogService catalog;
    private final CatalogFiles files;

    @Inject
    CatalogRoutes(CatalogService catalog, CatalogFiles files) {
        this.catalog = catalog;
        this.files = files;
    }

    record RejectRequest(String reason) {}

    @Override
    public void register(Router router) {
        router.get("/api/v1/products", x -> {
            ProductPage page = catalog.search(query(x));
            x.json(200, new Page<>(page.items(), page.nextCursor()));
        });
        router.get("/api/v1/products/{slug}", x -> x.json(200, view(catalog.published(x.pathParam("slug"))
                .orElseThrow(() -> new ApiException(CatalogError.PRODUCT_NOT_FOUND, "product not found")))));
        router.get("/api/v1/categories", x -> x.json(200, Page.ofAll(catalog.categories(), PageRequest.of(x), Category::slug)));
        router.get("/api/v1/product-types", x -> x.json(200, Page.ofAll(catalog.productTypes(), PageRequest.of(x), CatalogService.TypeInfo::id)));

        router.get("/api/v1/seller/products", x -> x.json(200, catalog.sellerProducts(seller(x), PageRequest.of(x))));
        router.post("/api/v1/seller/products", x -> {
            Principal seller = seller(x);
            x.json(201, catalog.create(seller, x.bodyJson(ProductInput.class)));
        });
        router.get("/api/v1/seller/products/{id}", x -> x.json(200, view(catalog.owned(seller(x), x.pathParam("id")))));
        router.put("/api/v1/seller/products/{id}", x -> {
            Principal seller = seller(x);
            x.json(200, catalog.update(seller, x.pathParam("id"), x.bodyJson(ProductInput.class)));
        });
        router.post("/api/v1/seller/products/{id}/plans", x -> {
            Principal seller = seller(x);
            x.json(201, catalog.addPlan(seller, x.pathParam("id"), x.bodyJson(PlanInput.class)));
        });
        router.delete("/api/v1/seller/products/{id}/plans/{plan}", x -> {
            catalog.deletePlan(seller(x), x.pathParam("id"), x.pathParam("plan"));
            x.noContent();
        });
        router.post("/api/v1/seller/products/{id}/submit", x -> x.json(200, catalog.submit(seller(x), x.pathParam("id"))));
        router.post("/api/v1/seller/products/{id}/withdraw", x -> x.json(200, catalog.withdraw(seller(x), x.pathParam("id"))));
        // raw body uploads: the file is the body, metadata in the query
        router.post("/api/v1/seller/products/{id}/releases", x -> {
            Principal seller = seller(x);
            InputStream in = x.uploadStream(files.maxUploadBytes());
            x.json(201, files.addRelease(seller, x.pathParam("id"), x.query("version").orElse(null),
                    x.query("notes").orElse(""), x.query("fileName").orElse(null), in));
        });
        router.post("/api/v1/seller/products/{id}/images", x -> {
            Principal seller = seller(x);
            x.json(201, files.addImage(seller, x.pathParam("id"), x.uploadStream(files.maxImageBytes())));
        });

        router.get("/api/v1/admin/products", x -> {
            x.requireRole("admin");
            x.json(200, catalog.byStatus(status(x), PageRequest.of(x)));
        });
        router.post("/api/v1/admin/products/{id}/approve", x -> x.json(200, catalog.approve(x.requireRole("admin"), x.pathParam("id"))));
        router.post("/api/v1/admin/products/{id}/reject", x -> {
            Principal admin = x.requireRole("admin");
            x.json(200, catalog.reject(admin, x.pathParam("id"), x.bodyJson(RejectRequest.class).reason()));
        });
    }

    static Principal seller(Exchange x) {
        return x.requireRole("seller");
    }

    static ProductStatus status(Exchange x) {
        String s = x.query("status").orElse("in_review");
        try {
            return ProductStatus.of(s);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("status", "must be draft, in_review, published or rejected")));
        }
    }

    /** The storefront's query parameters; bad numbers and sorts are 422s. */
    static SearchQuery query(Exchange x) {
        Long min = money(x, "min");
        Long max = money(x, "max");
        SearchQuery.Sort sort;
        try {
            sort = SearchQuery.Sort.valueOf(x.query("sort").orElse("relevance").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("sort", "must be relevance, newest, price_asc or price_desc")));
        }
        int limit;
        try {
            limit = Integer.parseInt(x.query("limit").orElse(Integer.toString(PageRequest.DEFAULT_LIMIT)));
        } catch (NumberFormatException e) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("limit", "must be a number from 1 to " + SearchQuery.MAX_LIMIT)));
        }
        if (limit < 1 || limit > SearchQuery.MAX_LIMIT) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("limit", "must be a number from 1 to " + SearchQuery.MAX_LIMIT)));
        }
        return new SearchQuery(blank(x.query("q")), blank(x.query("type")), blank(x.query("category")), min, max, sort,
                blank(x.query("cursor")), limit);
    }

    private static Long money(Exchange x, String name) {
        String value = blank(x.query(name));
        if (value == null) {
            return null;
        }
        try {
            long v = Long.parseLong(value);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.invalid(List.of(new ApiException.FieldError(name, "must be a non-negative amount in minor units")));
        }
    }

    private static String blank(Optional<String> v) {
        return v.map(String::strip).filter(s -> !s.isEmpty() && s.length() <= 200).orElse(null);
    }

    static Map<String, Object> view(CatalogService.Details d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("product", d.product());
        m.put("plans", d.plans());
        m.put("releases", d.releases().stream().map(r -> Map.of("id", r.id(), "version", r.version(), "notes", r.notes(),
                "fileName", r.fileName(), "size", r.size(), "sha256", r.sha256(), "createdAt", r.createdAt())).toList());
        m.put("images", d.images().stream().map(i -> Map.of("id", i.id(), "url", "/media/" + i.id(), "contentType", i.contentType())).toList());
        d.latestRelease().ifPresent(r -> m.put("latestVersion", r.version()));
        return m;
    }

}
