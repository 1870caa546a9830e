package com.mintreu.engine.storefront;

import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.catalog.ProductPage;
import com.mintreu.engine.catalog.SearchQuery;
import com.mintreu.engine.help.HelpService;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.inject.Inject;

/** The shop's public pages: home, search, categories and product pages, all from the catalog service. */
final class StorefrontPages implements Routes {

    private final CatalogService catalog;
    private final HelpService help;

    @Inject
    StorefrontPages(CatalogService catalog, HelpService help) {
        this.catalog = catalog;
        this.help = help;
    }

    @Override
    public void register(Router router) {
        router.get("/", x -> x.render("home", Map.of("products", catalog.search(SearchQuery.latest(12)).items(),
                "categories", catalog.categories())));
        router.get("/search", x -> search(x, null));
        router.get("/categories/{slug}", x -> {
            String slug = x.pathParam("slug");
            var category = catalog.categories().stream().filter(c -> c.slug().equals(slug)).findFirst()
                    .orElseThrow(() -> ApiException.notFound("category"));
            search(x, category);
        });
        router.get("/products/{slug}", x -> {
            var details = catalog.visible(x.pathParam("slug"), x.principal()).orElseThrow(() -> ApiException.notFound("product"));
            var faq = help.faqOf(details.product().id());
            x.render("product", Map.of("d", details, "p", details.product(), "faq", faq,
                    "faqHtml", faq.stream().collect(java.util.stream.Collectors.toMap(a -> a.id(), help::html))));
        });
    }

    private void search(Exchange x, com.mintreu.engine.catalog.Category category) {
        String q = x.query("q").orElse("");
        SearchQuery.Sort sort;
        try {
            sort = SearchQuery.Sort.valueOf(x.query("sort").orElse("relevance").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            sort = SearchQuery.Sort.RELEVANCE;
        }
        SearchQuery query = new SearchQuery(q, x.query("type").filter(s -> !s.isBlank()).orElse(null),
                category == null ? x.query("category").filter(s -> !s.isBlank()).orElse(null) : category.slug(),
                number(x, "min"), number(x, "max"), sort, x.query("cursor").filter(s -> !s.isBlank()).orElse(null), 24);
        ProductPage page = catalog.search(query);
        Map<String, Object> model = new HashMap<>();
        model.put("products", page.items());
        model.put("next", page.nextCursor());
        model.put("q", q);
        model.put("sort", sort.name().toLowerCase(Locale.ROOT));
        model.put("categories", catalog.categories());
        model.put("types", catalog.productTypes());
        if (category != null) {
            model.put("category", category);
        }
        x.render("search", model);
    }

    private static Long number(Exchange x, String name) {
        try {
            return x.query(name).filter(s -> !s.isBlank()).map(Long::parseLong).filter(v -> v >= 0).orElse(null);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
