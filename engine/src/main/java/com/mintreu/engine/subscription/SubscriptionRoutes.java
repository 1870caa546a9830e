package com.mintreu.engine.subscription;

import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import javax.inject.Inject;

/** A customer's subscriptions as JSON, and the actions on them. */
final class SubscriptionRoutes implements Routes {

    private final SubscriptionService subscriptions;
    private final PlanChanges changes;
    private final CancelNow cancelNow;
    private final SubscriptionPolicies policies;

    @Inject
    SubscriptionRoutes(SubscriptionService subscriptions, PlanChanges changes, CancelNow cancelNow, SubscriptionPolicies policies) {
        this.subscriptions = subscriptions;
        this.changes = changes;
        this.cancelNow = cancelNow;
        this.policies = policies;
    }

    /** The subscription with the change its next renewal applies, if any. */
    private SubscriptionView view(Subscription s) {
        return SubscriptionView.of(s, changes.open(s.id()).orElse(null));
    }

    @Override
    public void register(Router router) {
        router.get("/api/v1/subscriptions", x -> x.json(200,
                subscriptions.forCustomer(x.requireUser().userId(), PageRequest.of(x)).map(this::view)));
        router.get("/api/v1/subscriptions/{id}", x -> x.json(200, view(subscriptions.visibleTo(x.requireUser(), x.pathParam("id")))));
        router.post("/api/v1/subscriptions/{id}/cancel-at-period-end", x -> {
            Principal caller = x.requireUser();
            x.json(200, view(subscriptions.cancelAtPeriodEnd(caller, x.pathParam("id"), true)));
        });
        router.post("/api/v1/subscriptions/{id}/undo-cancel", x -> {
            Principal caller = x.requireUser();
            x.json(200, view(subscriptions.cancelAtPeriodEnd(caller, x.pathParam("id"), false)));
        });
        router.post("/api/v1/subscriptions/{id}/cancel", x -> {
            Principal caller = x.requireUser();
            x.json(200, view(cancelNow.cancel(caller, x.pathParam("id")).subscription()));
        });
        router.post("/api/v1/subscriptions/{id}/cancel/preview", x -> x.json(200, cancelNow.quote(x.requireUser(), x.pathParam("id"))));
        router.get("/api/v1/seller/products/{id}/subscription-policy", x -> x.json(200, policies.owned(x.requireRole("seller"), x.pathParam("id"))));
        router.put("/api/v1/seller/products/{id}/subscription-policy", x -> {
            Principal caller = x.requireRole("seller");
            SubscriptionPolicies.Policy body = x.bodyJson(SubscriptionPolicies.Policy.class);
            x.json(200, policies.set(caller, x.pathParam("id"), body));
        });
        router.post("/api/v1/subscriptions/{id}/pause", x -> {
            Principal caller = x.requireUser();
            x.json(200, view(subscriptions.pause(caller, x.pathParam("id"))));
        });
        router.post("/api/v1/subscriptions/{id}/resume", x -> {
            Principal caller = x.requireUser();
            x.json(200, view(subscriptions.resume(caller, x.pathParam("id"))));
        });
    }
}
