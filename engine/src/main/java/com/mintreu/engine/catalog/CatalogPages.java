package com.mintreu.engine.catalog;

import com.mintreu.api.money.MoneyText;
import com.mintreu.api.product.AttributeSpec;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.ApiException.FieldError;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Form;
import com.mintreu.engine.web.FormErrors;
import com.mintreu.engine.web.Multipart;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import io.undertow.util.Headers;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * The seller's product pages. HTML forms only; every write goes through the service. A form that is
 * not accepted is shown again with what was typed and a message beside each field ({@link FormErrors});
 * a form that is accepted redirects back with a notice.
 */
final class CatalogPages implements Routes {

    /** Notices after a redirect, by the {@code notice} query value: nothing else is ever echoed. */
    private static final Map<String, String> NOTICES = Map.of("created", "The draft was created.", "saved", "Your changes were saved.",
            "submitted", "Submitted for review. An administrator will look at it soon.", "withdrawn", "The product is back in draft.",
            "plan-added", "The plan was added.", "plan-deleted", "The plan was deleted.", "release-added", "The release was uploaded.",
            "image-added", "The image was uploaded.");

    private static final Map<String, String> PLAN_LABELS = Map.of("name", "Plan name", "price", "Price", "currency", "Currency",
            "interval", "Billing", "intervalDays", "Every how many days", "trialDays", "Free trial (days)",
            "grants", "What it grants");
    private static final Map<String, String> RELEASE_LABELS = Map.of("version", "Version", "notes", "Notes", "file", "File");
    private static final Map<String, String> IMAGE_LABELS = Map.of("image", "Image");

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
            x.render("seller/product-form", formModel(Map.of("values", Map.of())));
        });
        router.post("/seller/products", x -> {
            Principal seller = seller(x);
            Form f = x.form();
            try {
                Product p = catalog.create(seller, input(f));
                x.redirect("/seller/products/" + p.id() + "?notice=created");
            } catch (ApiException e) {
                FormErrors failed = detailsErrors(e, f).orElseThrow(() -> e);
                Map<String, Object> model = formModel(failed.model());
                model.put("values", f.values());
                x.render(e.error().status(), "seller/product-form", model);
            }
        });
        router.get("/seller/products/{id}", x -> productPage(x, seller(x), 200, Optional.empty()));
        router.post("/seller/products/{id}", x -> {
            Principal seller = seller(x);
            Form f = x.form();
            act(x, seller, "saved", () -> catalog.update(seller, x.pathParam("id"), input(f)), e -> detailsErrors(e, f));
        });
        router.post("/seller/products/{id}/plans", x -> {
            Principal seller = seller(x);
            Form f = x.form();
            String type = catalog.owned(seller, x.pathParam("id")).product().typeId();
            act(x, seller, "plan-added", () -> catalog.addPlan(seller, x.pathParam("id"), plan(f).withAttributes(planAttributes(f))),
                    e -> FormErrors.from(e, "plan", f.values(), planLabels(type), planRenames(type)));
        });
        router.post("/seller/products/{id}/plans/{plan}/delete", x -> {
            Principal seller = seller(x);
            x.form();
            act(x, seller, "plan-deleted", () -> catalog.deletePlan(seller, x.pathParam("id"), x.pathParam("plan")),
                    e -> FormErrors.from(e, "plans", Map.of(), Map.of(), Map.of()));
        });
        router.post("/seller/products/{id}/submit", x -> {
            Principal seller = seller(x);
            x.form();
            Product p = catalog.owned(seller, x.pathParam("id")).product();
            act(x, seller, "submitted", () -> catalog.submit(seller, x.pathParam("id")),
                    e -> FormErrors.from(e, "submit", Map.of(), detailLabels(), attributeNames(p.typeId())));
        });
        router.post("/seller/products/{id}/withdraw", x -> {
            Principal seller = seller(x);
            x.form();
            act(x, seller, "withdrawn", () -> catalog.withdraw(seller, x.pathParam("id")),
                    e -> FormErrors.from(e, "withdraw", Map.of(), Map.of(), Map.of()));
        });
        router.post("/seller/products/{id}/releases", x -> {
            Principal seller = seller(x);
            catalog.owned(seller, x.pathParam("id"));
            upload(x, seller, "release", RELEASE_LABELS, files.maxUploadBytes(), "file", "choose a file to upload", "release-added",
                    (form, in, name) -> files.addRelease(seller, x.pathParam("id"), form.text("version"), form.text("notes"), name, in));
        });
        router.post("/seller/products/{id}/images", x -> {
            Principal seller = seller(x);
            catalog.owned(seller, x.pathParam("id"));
            upload(x, seller, "image", IMAGE_LABELS, files.maxImageBytes(), "image", "choose an image to upload", "image-added",
                    (form, in, name) -> files.addImage(seller, x.pathParam("id"), in));
        });
    }

    private interface Action {
        void run() throws Exception;
    }

    private interface Store {
        void store(Form fields, InputStream in, String fileName) throws Exception;
    }

    /** Runs a write of the product page: redirect with a notice, or the page again with the form's errors. */
    private void act(Exchange x, Principal seller, String notice, Action action,
            java.util.function.Function<ApiException, Optional<FormErrors>> errors) throws Exception {
        try {
            action.run();
            x.redirect("/seller/products/" + x.pathParam("id") + "?notice=" + notice);
        } catch (ApiException e) {
            productPage(x, seller, e.error().status(), Optional.of(errors.apply(e).orElseThrow(() -> e)));
        }
    }

    /** A multipart upload form: a missing, empty, too large or unreadable file is shown on the form, never a bare error page. */
    private void upload(Exchange x, Principal seller, String formId, Map<String, String> labels, long max, String field, String missing,
            String notice, Store store) throws Exception {
        Map<String, String> typed = Map.of();
        try {
            Multipart form = x.multipart(max);
            typed = form.fields().values();
            Multipart.FilePart file = form.file(field).orElseThrow(() -> ApiException.invalid(List.of(new FieldError(field, missing))));
            try (InputStream in = file.open()) {
                store.store(form.fields(), in, file.fileName());
            }
            x.redirect("/seller/products/" + x.pathParam("id") + "?notice=" + notice);
        } catch (ApiException e) {
            if (!x.raw().isRequestComplete()) {
                // the rest of the too-large body was not read: this connection cannot carry another request
                x.raw().getResponseHeaders().put(Headers.CONNECTION, "close");
                x.raw().setPersistent(false);
            }
            // a failure without a field (the body as a whole was too large) is about the file
            FormErrors failed = FormErrors.from(e, formId, typed, labels, Map.of("", field)).orElseThrow(() -> e);
            productPage(x, seller, e.error().status(), Optional.of(failed));
        }
    }

    private void productPage(Exchange x, Principal seller, int status, Optional<FormErrors> failed) {
        CatalogService.Details d = catalog.owned(seller, x.pathParam("id"));
        Map<String, Object> model = formModel(failed.map(FormErrors::model).orElse(Map.of()));
        model.put("details", d);
        model.put("product", d.product());
        model.put("planSpecs", catalog.planAttributeSpecs(d.product().typeId()));
        model.put("values", failed.filter(f -> f.form().equals("details")).map(FormErrors::values).orElse(shown(d.product())));
        model.put("notice", failed.isPresent() ? "" : NOTICES.getOrDefault(x.query("notice").orElse(""), ""));
        x.render(status, "seller/product", model);
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

    /** The product as the details form's values: the same names the form sends. */
    private static Map<String, String> shown(Product p) {
        Map<String, String> v = new HashMap<>();
        v.put("title", p.title());
        v.put("slug", p.slug());
        v.put("description", p.descriptionMd());
        v.put("type", p.typeId());
        v.put("categories", String.join(", ", p.categories()));
        v.put("tags", String.join(", ", p.tags()));
        p.attributes().forEach((name, value) -> v.put(attributeField(p.typeId(), name), value));
        return v;
    }

    /** Each product type's attributes have their own inputs, {@code attr.<type>.<name>}: a hidden type's empty field never wins. */
    private static String attributeField(String type, String name) {
        return "attr." + type + "." + name;
    }

    private Optional<FormErrors> detailsErrors(ApiException e, Form f) {
        return FormErrors.from(e, "details", f.values(), detailLabels(), attributeNames(f.text("type")));
    }

    /** The details form's labels, every type's attributes included. */
    private Map<String, String> detailLabels() {
        Map<String, String> labels = new LinkedHashMap<>(Map.of("title", "Title", "slug", "Slug", "description", "Description",
                "type", "Product type", "categories", "Categories", "tags", "Tags"));
        for (CatalogService.TypeInfo t : catalog.productTypes()) {
            for (AttributeSpec a : t.attributes()) {
                labels.put(attributeField(t.id(), a.name()), t.displayName() + ": " + a.label());
            }
        }
        return labels;
    }

    /** The service names an attribute {@code attributes.<name>}; the form {@code attr.<type>.<name>}. */
    private Map<String, String> attributeNames(String type) {
        Map<String, String> renames = new HashMap<>();
        catalog.productTypes().stream().filter(t -> t.id().equals(type)).flatMap(t -> t.attributes().stream())
                .forEach(a -> renames.put("attributes." + a.name(), attributeField(type, a.name())));
        return renames;
    }

    /** The details form: only the chosen type's attributes are read; categories and tags are comma lists. */
    private static ProductInput input(Form f) {
        String type = f.text("type");
        String prefix = "attr." + type + ".";
        Map<String, String> attributes = new HashMap<>();
        f.values().forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                attributes.put(k.substring(prefix.length()), v);
            }
        });
        return new ProductInput(f.text("title"), f.text("slug"), f.text("description"), type, attributes,
                split(f.text("categories")), split(f.text("tags")));
    }

    private static List<String> split(String s) {
        return Arrays.stream(s.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }

    /** A plan's own attributes come from inputs named {@code pattr.<name>} (the type's plan fields). */
    private static Map<String, String> planAttributes(Form f) {
        Map<String, String> out = new HashMap<>();
        f.values().forEach((k, v) -> {
            if (k.startsWith(PLAN_ATTRIBUTE)) {
                out.put(k.substring(PLAN_ATTRIBUTE.length()), v);
            }
        });
        return out;
    }

    private static final String PLAN_ATTRIBUTE = "pattr.";

    private Map<String, String> planLabels(String type) {
        Map<String, String> labels = new HashMap<>(PLAN_LABELS);
        catalog.planAttributeSpecs(type).forEach(a -> labels.put(PLAN_ATTRIBUTE + a.name(), a.label()));
        return labels;
    }

    private Map<String, String> planRenames(String type) {
        Map<String, String> renames = new HashMap<>(Map.of("priceMinor", "price"));
        catalog.planAttributeSpecs(type).forEach(a -> renames.put("attributes." + a.name(), PLAN_ATTRIBUTE + a.name()));
        return renames;
    }

    /** The plan form: the price is typed in the currency's own units (19.99 EUR, 1500 JPY). */
    private static PlanInput plan(Form f) {
        String currency = f.text("currency").strip().toUpperCase(java.util.Locale.ROOT);
        Long price;
        try {
            // an unknown currency is the currency field's problem (the service says so); read the price as if in EUR meanwhile
            price = MoneyText.parse(f.text("price"), ProductRules.isCurrency(currency) ? currency : "EUR").minor();
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(List.of(new FieldError("price", e.getMessage())));
        }
        String interval = f.text("interval").strip();
        if (interval.isEmpty() || interval.equals("once")) {
            return new PlanInput(f.text("name"), price, currency, f.text("grants"));
        }
        return new PlanInput(f.text("name"), price, currency, f.text("grants"), interval, wholeNumber(f, "intervalDays"),
                wholeNumber(f, "trialDays"), "on".equals(f.text("trialRequiresPaymentMethod")), "on".equals(f.text("seats")));
    }

    /** A whole number typed in a form field; empty is null; anything else is that field's error. */
    private static Integer wholeNumber(Form f, String field) {
        String text = f.text(field).strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw ApiException.invalid(List.of(new FieldError(field, "must be a whole number")));
        }
    }
}
