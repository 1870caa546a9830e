package com.mintreu.engine.metering;

import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.catalog.Product;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.inject.Inject;

/**
 * {@code /seller/api-keys}: the keys of the seller's API products, newest first, each with a form
 * (CSRF) to suspend it (with an optional reason) or unsuspend it. Another seller's key is the 404
 * page. The key itself is never shown here, only its prefix.
 */
final class SellerApiKeyPages implements Routes {

    private static final Map<String, String> NOTICES = Map.of("suspended", "The key is suspended: it answers SUSPENDED until you unsuspend it.",
            "unsuspended", "The key works again.", "unchanged", "Nothing changed: the key was not in a state that allows this.");

    private final ApiKeyService keys;
    private final CatalogService catalog;
    private final Clock clock;

    @Inject
    SellerApiKeyPages(ApiKeyService keys, CatalogService catalog, Clock clock) {
        this.keys = keys;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    public void register(Router router) {
        router.get("/seller/api-keys", this::page);
        router.post("/seller/api-keys/{id}/suspend", x -> {
            Principal seller = x.requireRole("seller");
            String reason = x.form().get("reason").map(String::strip).filter(r -> !r.isEmpty()).map(r -> r.length() > 200 ? r.substring(0, 200) : r)
                    .orElse(null);
            boolean moved = keys.suspend(seller, x.pathParam("id"), reason);
            x.redirect("/seller/api-keys?notice=" + (moved ? "suspended" : "unchanged"));
        });
        router.post("/seller/api-keys/{id}/unsuspend", x -> {
            Principal seller = x.requireRole("seller");
            x.form();
            x.redirect("/seller/api-keys?notice=" + (keys.unsuspend(seller, x.pathParam("id")) ? "unsuspended" : "unchanged"));
        });
    }

    private void page(Exchange x) {
        Principal seller = x.requireRole("seller");
        Page<ApiKey> page = keys.sellerKeys(seller, PageRequest.of(x));
        long now = clock.millis();
        Map<String, String> titles = new HashMap<>();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("keys", page.data().stream().map(k -> {
            Map<String, Object> v = new LinkedHashMap<>(ApiKeyPages.key(k, now));
            v.put("product", titles.computeIfAbsent(k.productId(), id -> catalog.product(id).map(Product::title).orElse(id)));
            v.put("customerId", k.customerId());
            return v;
        }).toList());
        model.put("nextCursor", page.nextCursor());
        model.put("notice", x.query("notice").map(NOTICES::get).orElse(null));
        x.render(200, "seller/api-keys", model);
    }
}
