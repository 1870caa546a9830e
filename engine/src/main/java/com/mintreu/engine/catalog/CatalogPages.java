package com.mintreu.engine.catalog;

import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Form;
import com.mintreu.engine.web.Multipart;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/** Seller dashboard and admin review pages. HTML forms only; every write goes through the service. */
final class CatalogPages implements Routes {

    private final CatalogService catalog;
    private final CatalogFiles files;

    @Inject
    CatalogPages(CatalogService catalog, CatalogFiles files) {
        this.catalog = catalog;
        this.files = files;
    }

    @Override
    public void register(Router router) {
        router.get("/seller/products", x -> x.render("seller/products", Map.of("products", catalog.sellerProducts(seller(x)))));
        router.get("/seller/products/new", x -> {
            seller(x);
            x.render("seller/product-form", formModel(Map.of()));
        });
        router.post("/seller/products", x -> {
            Principal seller = seller(x);
            ProductInput in = input(x.form());
            try {
                Product p = catalog.create(seller, in);
                x.redirect("/seller/products/" + p.id());
            } catch (ApiException e) {
                if (e.fields().isEmpty()) {
                    throw e;
                }
                // re-show the form with what the seller typed and what is wrong, instead of losing it
                x.render(422, "seller/product-form", formModel(Map.of("product", typed(in), "errors", e.fields())));
            }
        });
        router.get("/seller/products/{id}", x -> {
            CatalogService.Details d = catalog.owned(seller(x), x.pathParam("id"));
            Map<String, Object> model = formModel(Map.of("details", d, "product", d.product()));
            x.render("seller/product", model);
        });
        router.post("/seller/products/{id}", x -> {
            Principal seller = seller(x);
            ProductInput in = input(x.form());
            try {
                catalog.update(seller, x.pathParam("id"), in);
                x.redirect("/seller/products/" + x.pathParam("id"));
            } catch (ApiException e) {
                if (e.fields().isEmpty()) {
                    throw e;
                }
                CatalogService.Details d = catalog.owned(seller, x.pathParam("id"));
                Map<String, Object> model = formModel(Map.of("details", d, "product", d.product(), "edited", typed(in), "errors", e.fields()));
                x.render(422, "seller/product", model);
            }
        });
        router.post("/seller/products/{id}/plans", x -> {
            Principal seller = seller(x);
            Form f = x.form();
            Long price = parsePrice(f.text("price"));
            catalog.addPlan(seller, x.pathParam("id"), new PlanInput(f.text("name"), price, f.text("currency"), f.text("grants")));
            x.redirect("/seller/products/" + x.pathParam("id"));
        });
        router.post("/seller/products/{id}/plans/{plan}/delete", x -> {
            Principal seller = seller(x);
            x.form();
            catalog.deletePlan(seller, x.pathParam("id"), x.pathParam("plan"));
            x.redirect("/seller/products/" + x.pathParam("id"));
        });
        router.post("/seller/products/{id}/submit", x -> {
            Principal seller = seller(x);
            x.form();
            catalog.submit(seller, x.pathParam("id"));
            x.redirect("/seller/products/" + x.pathParam("id"));
        });
        router.post("/seller/products/{id}/withdraw", x -> {
            Principal seller = seller(x);
            x.form();
            catalog.withdraw(seller, x.pathParam("id"));
            x.redirect("/seller/products/" + x.pathParam("id"));
        });
        router.post("/seller/products/{id}/releases", x -> {
            Principal seller = seller(x);
            catalog.owned(seller, x.pathParam("id"));
            Multipart form = x.multipart(files.maxUploadBytes());
            Multipart.FilePart file = form.file("file").orElseThrow(() -> com.mintreu.engine.web.ApiException.invalid(
                    List.of(new com.mintreu.engine.web.ApiException.FieldError("file", "choose a file"))));
            try (InputStream in = Files.newInputStream(file.path())) {
                files.addRelease(seller, x.pathParam("id"), form.fields().text("version"), form.fields().text("notes"), file.fileName(), in);
            }
            x.redirect("/seller/products/" + x.pathParam("id"));
        });
        router.post("/seller/products/{id}/images", x -> {
            Principal seller = seller(x);
            catalog.owned(seller, x.pathParam("id"));
            Multipart form = x.multipart(files.maxImageBytes());
            Multipart.FilePart file = form.file("image").orElseThrow(() -> com.mintreu.engine.web.ApiException.invalid(
                    List.of(new com.mintreu.engine.web.ApiException.FieldError("image", "choose an image"))));
            try (InputStream in = Files.newInputStream(file.path())) {
                files.addImage(seller, x.pathParam("id"), in);
            }
            x.redirect("/seller/products/" + x.pathParam("id"));
        });

        router.get("/admin/products", x -> {
            x.requireRole("admin");
            ProductStatus status = CatalogRoutes.status(x);
            x.render("admin/products", Map.of("products", catalog.byStatus(status), "status", status.id()));
        });
        router.post("/admin/products/{id}/approve", x -> {
            Principal admin = x.requireRole("admin");
            x.form();
            catalog.approve(admin, x.pathParam("id"));
            x.redirect("/admin/products?status=in_review");
        });
        router.post("/admin/products/{id}/reject", x -> {
            Principal admin = x.requireRole("admin");
            catalog.reject(admin, x.pathParam("id"), x.form().text("reason"));
            x.redirect("/admin/products?status=in_review");
        });
    }

    private static Principal seller(Exchange x) {
        return x.requireRole("seller");
    }

    private Map<String, Object> formModel(Map<String, Object> extra) {
        Map<String, Object> model = new HashMap<>(extra);
        model.put("types", catalog.productTypes());
        model.put("categories", catalog.categories());
        return model;
    }

    /** What the seller typed, shaped like a product for the form template. */
    private static Map<String, Object> typed(ProductInput in) {
        Map<String, Object> m = new HashMap<>();
        m.put("title", in.title());
        m.put("slug", in.slug());
        m.put("descriptionMd", in.description());
        m.put("typeId", in.type());
        m.put("attributes", in.attributes());
        m.put("categories", in.categories());
        m.put("tags", in.tags());
        return m;
    }

    /** Form fields: attributes arrive as {@code attr.<name>}, categories as a comma list, tags as a comma list. */
    private static ProductInput input(Form f) {
        Map<String, String> attributes = new HashMap<>();
        f.values().forEach((k, v) -> {
            if (k.startsWith("attr.")) {
                attributes.put(k.substring(5), v);
            }
        });
        return new ProductInput(f.text("title"), f.text("slug"), f.text("description"), f.text("type"), attributes,
                split(f.text("categories")), split(f.text("tags")));
    }

    private static List<String> split(String s) {
        return Arrays.stream(s.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }

    /** "19.99" or "1999"? Forms take the major unit with up to two decimals: 19.99 is 1999. */
    private static Long parsePrice(String s) {
        try {
            java.math.BigDecimal value = new java.math.BigDecimal(s.strip());
            return value.movePointRight(2).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw com.mintreu.engine.web.ApiException.invalid(List.of(new com.mintreu.engine.web.ApiException.FieldError("price",
                    "must be an amount such as 19.99")));
        }
    }
}
