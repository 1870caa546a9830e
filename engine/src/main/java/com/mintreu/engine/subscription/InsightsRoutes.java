package com.mintreu.engine.subscription;

import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import javax.inject.Inject;

/**
 * Subscribers and figures as JSON: {@code /api/v1/seller/subscriptions[/metrics]} for the caller's
 * own products (a seller; an admin asking here sees their own too), {@code /api/v1/admin/subscriptions[/metrics]}
 * for every seller's.
 */
final class InsightsRoutes implements Routes {

    private final SubscriptionInsights insights;

    @Inject
    InsightsRoutes(SubscriptionInsights insights) {
        this.insights = insights;
    }

    @Override
    public void register(Router router) {
        router.get("/api/v1/seller/subscriptions", x -> {
            Principal seller = x.requireRole("seller");
            x.json(200, insights.subscribers(seller.userId(), x.query("product").orElse(null), x.query("status").orElse(null),
                    PageRequest.of(x)));
        });
        router.get("/api/v1/seller/subscriptions/metrics", x -> x.json(200, insights.metrics(x.requireRole("seller").userId())));
        router.get("/api/v1/admin/subscriptions", x -> {
            x.requireRole("admin");
            x.json(200, insights.subscribers(null, x.query("product").orElse(null), x.query("status").orElse(null), PageRequest.of(x)));
        });
        router.get("/api/v1/admin/subscriptions/metrics", x -> {
            x.requireRole("admin");
            x.json(200, insights.metrics(null));
        });
    }
}
