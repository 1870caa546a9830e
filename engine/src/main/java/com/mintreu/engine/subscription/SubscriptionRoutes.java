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

    @Inject
    SubscriptionRoutes(SubscriptionService subscriptions, PlanChanges changes) {
        this.subscriptions = subscriptions;
        this.changes = changes;
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
            x.json(200, view(subscriptions.cancelNow(caller, x.pathParam("id"))));
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
