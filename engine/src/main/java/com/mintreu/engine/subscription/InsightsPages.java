package com.mintreu.engine.subscription;

import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/**
 * The seller's page {@code /seller/subscriptions} (their own subscribers and figures) and the
 * admin's {@code /admin/subscriptions} (everyone's), filtered by product and status with a GET form,
 * so it works without JavaScript. An unknown status shows the message beside the filter (422).
 */
final class InsightsPages implements Routes {

    private final SubscriptionInsights insights;

    @Inject
    InsightsPages(SubscriptionInsights insights) {
        this.insights = insights;
    }

    @Override
    public void register(Router router) {
        router.get("/seller/subscriptions", x -> {
            Principal seller = x.requireRole("seller");
            page(x, seller.userId(), false);
        });
        router.get("/admin/subscriptions", x -> {
            x.requireRole("admin");
            page(x, null, true);
        });
    }

    private void page(Exchange x, String sellerId, boolean admin) {
        String product = x.query("product").orElse("");
        String status = x.query("status").orElse("");
        Map<String, Object> model = new HashMap<>();
        int code = 200;
        Page<InsightsStore.Subscriber> subscribers;
        try {
            subscribers = insights.subscribers(sellerId, product, status, PageRequest.of(x));
            model.put("statusError", "");
        } catch (ApiException e) {
            if (e.fields().isEmpty()) {
                throw e;
            }
            code = e.error().status();
            model.put("statusError", "Choose a status from the list (" + e.fields().getFirst().message() + ").");
            subscribers = new Page<>(List.of(), null);
        }
        model.put("admin", admin);
        model.put("subscribers", subscribers.data());
        model.put("nextCursor", subscribers.nextCursor() == null ? "" : subscribers.nextCursor());
        model.put("products", insights.products(sellerId));
        model.put("statuses", List.of("trialing", "active", "past_due", "paused", "canceled"));
        model.put("product", product);
        model.put("status", status);
        model.put("figures", insights.metrics(sellerId));
        model.put("windowDays", SubscriptionInsights.WINDOW.toDays());
        x.render(code, "seller/subscriptions", model);
    }
}
