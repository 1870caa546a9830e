package com.mintreu.engine.subscription;

import com.mintreu.api.money.Money;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import javax.inject.Inject;

/** Plan and seat changes as JSON: preview, confirm with the preview's token, undo a scheduled one. */
final class PlanChangeRoutes implements Routes {

    /** The body of preview and confirm: {@code planId} null keeps the plan, {@code quantity} null keeps the seats. */
    record ChangeRequest(String planId, Integer quantity, String token) {}

    /** A preview as JSON. */
    record PreviewView(String kind, String planId, String planName, int quantity, Money currentAmount, Money newAmount, Money credit,
            Money newPart, Money amountDue, Long periodDays, Long remainingDays, long appliesAt, String rule, String token, Money creditNow) {

        static PreviewView of(PlanChanges.Quote q) {
            Proration p = q.proration();
            return new PreviewView(q.kind(), q.toPlan().id(), q.toPlan().name(), q.toQuantity(), q.oldAmount(), q.newAmount(),
                    p == null ? null : p.credit(), p == null ? null : p.newPart(), q.due(), p == null ? null : p.periodDays(),
                    p == null ? null : p.remainingDays(), q.appliesAt(), q.rule(), q.token(), q.creditNow());
        }
    }

    private final PlanChanges changes;

    @Inject
    PlanChangeRoutes(PlanChanges changes) {
        this.changes = changes;
    }

    @Override
    public void register(Router router) {
        router.post("/api/v1/subscriptions/{id}/change-plan/preview", x -> {
            Principal caller = x.requireUser();
            ChangeRequest r = x.bodyJson(ChangeRequest.class);
            x.json(200, PreviewView.of(changes.preview(caller, x.pathParam("id"), r.planId(), r.quantity())));
        });
        router.post("/api/v1/subscriptions/{id}/change-plan", x -> {
            Principal caller = x.requireUser();
            ChangeRequest r = x.bodyJson(ChangeRequest.class);
            Subscription s = changes.confirm(caller, x.pathParam("id"), r.planId(), r.quantity(), r.token());
            x.json(200, SubscriptionView.of(s, changes.open(s.id()).orElse(null)));
        });
        router.post("/api/v1/subscriptions/{id}/change-plan/undo", x -> {
            Principal caller = x.requireUser();
            x.json(200, SubscriptionView.of(changes.undo(caller, x.pathParam("id"))));
        });
    }
}
