package com.mintreu.engine.subscription;

import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.CommonError;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Form;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * The customer's "Change plan" / "Change seats" page, {@code /account/subscriptions/{id}/change-plan}:
 * a GET form (works without JavaScript) picks the plan and seats and shows the preview (amount, date,
 * rule); the confirm form repeats it and carries its token. A wrong input, a stale preview, a
 * declined charge or a change made meanwhile shows the page again with the reason, never an error
 * page; another customer's id is 404.
 */
final class PlanChangePages implements Routes {

    private final PlanChanges changes;
    private final SubscriptionService subscriptions;

    @Inject
    PlanChangePages(PlanChanges changes, SubscriptionService subscriptions) {
        this.changes = changes;
        this.subscriptions = subscriptions;
    }

    @Override
    public void register(Router router) {
        router.get("/account/subscriptions/{id}/change-plan", x -> {
            Principal caller = x.requireUser();
            String id = x.pathParam("id");
            Optional<String> plan = x.query("plan").filter(v -> !v.isBlank());
            Optional<String> qty = x.query("quantity").filter(v -> !v.isBlank());
            Subscription s = subscriptions.visibleTo(caller, id);
            page(x, s, plan.orElse(s.planId()), qty.orElse(String.valueOf(s.quantity())), plan.isPresent() || qty.isPresent(), "", 200);
        });
        router.post("/account/subscriptions/{id}/change-plan/confirm", x -> {
            Form form = x.form();
            Principal caller = x.requireUser();
            String id = x.pathParam("id");
            Subscription s = subscriptions.visibleTo(caller, id);
            String plan = form.get("plan").filter(v -> !v.isBlank()).orElse(s.planId());
            String qty = form.get("quantity").orElse(String.valueOf(s.quantity()));
            try {
                Subscription after = changes.confirm(caller, id, plan, quantity(qty), form.get("token").orElse(""));
                boolean scheduled = changes.open(id).filter(c -> "scheduled".equals(c.status())).isPresent();
                boolean credited = !scheduled && changes.history(id).stream().findFirst().filter(c -> c.amount().isNegative()).isPresent();
                x.redirect("/account/subscriptions?notice=" + (scheduled ? "change-scheduled" : credited ? "change-credit" : "change-plan")
                        + "#subscription-" + after.id());
            } catch (ApiException e) {
                if (e.error() == CommonError.NOT_FOUND) {
                    throw e;
                }
                page(x, subscriptions.visibleTo(caller, id), plan, qty, true, message(e), e.error().status());
            }
        });
        router.post("/account/subscriptions/{id}/change-plan/undo", x -> {
            x.form();
            Principal caller = x.requireUser();
            String id = x.pathParam("id");
            try {
                changes.undo(caller, id);
                x.redirect("/account/subscriptions?notice=undo-change#subscription-" + id);
            } catch (ApiException e) {
                if (e.error() == CommonError.NOT_FOUND) {
                    throw e;
                }
                Subscription s = subscriptions.visibleTo(caller, id);
                page(x, s, s.planId(), String.valueOf(s.quantity()), false, "Nothing to undo: " + e.getMessage(), e.error().status());
            }
        });
    }

    /** The page: the choices, and the preview of {@code plan} × {@code qty} when asked (its errors beside the fields). */
    private void page(Exchange x, Subscription s, String plan, String qty, boolean preview, String refused, int status) throws Exception {
        Map<String, Object> model = new HashMap<>();
        Map<String, String> errors = new HashMap<>();
        model.put("subscription", s);
        model.put("choices", changes.choices(s));
        model.put("seats", changes.choices(s).stream().anyMatch(p -> p.recurrence().seats()));
        model.put("plan", plan);
        model.put("quantity", qty);
        model.put("open", changes.open(s.id()).orElse(null));
        model.put("history", changes.history(s.id()));
        model.put("creditNow", changes.downgradesCreditNow(s));
        PlanChanges.Quote quote = null;
        if (preview) {
            try {
                quote = changes.preview(x.requireUser(), s.id(), plan, quantity(qty));
            } catch (ApiException e) {
                if (e.error() == CommonError.NOT_FOUND) {
                    throw e;
                }
                e.fields().forEach(f -> errors.put(f.field(), f.message()));
                if (e.fields().isEmpty() && refused.isEmpty()) {
                    refused = message(e);
                }
                status = status == 200 ? e.error().status() : status;
            }
        }
        model.put("quote", quote);
        model.put("errors", errors);
        model.put("refused", refused);
        x.render(status, "account/subscription-change", model);
    }

    /** The quantity as typed: a whole number, else a field error. */
    private static Integer quantity(String text) {
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(java.util.List.of(new ApiException.FieldError("quantity", "must be a whole number of seats", "NOT_A_NUMBER")));
        }
    }

    private static String message(ApiException e) {
        if (!e.fields().isEmpty()) {
            return "";
        }
        if (e.error() == SubscriptionError.STALE_PREVIEW) {
            return "The price or the current period changed since you looked: nothing was charged. Here is the new preview.";
        }
        return e.error() == SubscriptionError.PAYMENT_DECLINED ? "Your plan was not changed: " + e.getMessage() + "." : e.getMessage();
    }
}
