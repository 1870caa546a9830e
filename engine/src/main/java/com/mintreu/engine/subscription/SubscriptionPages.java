package com.mintreu.engine.subscription;

import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.CommonError;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.inject.Inject;

/**
 * The customer's page {@code /account/subscriptions}: every subscription with its status in words,
 * next charge, payment method and periods (each with the order that paid it), and a POST form for
 * each action legal in its state. The actions are the API's ({@link SubscriptionService}); a move
 * that is no longer legal (another tab, the renewal job) shows the page again with a notice and
 * 409, never an error page. Another customer's id is 404, as in the API.
 */
final class SubscriptionPages implements Routes {

    /** A subscription as the page shows it, with the actions offered in its state. */
    public record Row(Subscription subscription, String statusText, List<SubscriptionStore.Period> periods, PlanChange scheduled, boolean seats,
            com.mintreu.api.money.Money credit) {

        /** "Change plan" and "Change seats" are offered to an active subscription that renews and has no change open. */
        public boolean canChangePlan() {
            return subscription.status() == SubscriptionStatus.ACTIVE && !subscription.cancelAtPeriodEnd() && scheduled == null
                    && !subscription.providerManaged(); // the provider bills its own price: no change here yet
        }

        public boolean canCancelAtPeriodEnd() {
            return running() && !subscription.cancelAtPeriodEnd();
        }

        public boolean canUndoCancel() {
            return running() && subscription.cancelAtPeriodEnd();
        }

        public boolean canPause() {
            // a provider-managed subscription is renewed by the provider: no pause here
            return subscription.status() == SubscriptionStatus.ACTIVE && !subscription.cancelAtPeriodEnd() && !subscription.providerManaged();
        }

        /** A provider-managed subscription still billed: its card is changed at the provider. */
        public boolean canUpdatePaymentMethod() {
            return subscription.providerManaged() && subscription.providerReference() != null
                    && subscription.status() != SubscriptionStatus.CANCELED;
        }

        public boolean canResume() {
            return subscription.status() == SubscriptionStatus.PAUSED;
        }

        private boolean running() {
            return subscription.status() == SubscriptionStatus.ACTIVE || subscription.status() == SubscriptionStatus.TRIALING;
        }
    }

    private static final Set<String> ACTIONS = Set.of("cancel-at-period-end", "undo-cancel", "pause", "resume");
    private static final Set<String> NOTICES = Set.of("cancel-at-period-end", "undo-cancel", "pause", "resume", "change-plan",
            "change-scheduled", "undo-change", "cancel-now", "cancel-now-refund", "change-credit");

    private final SubscriptionService subscriptions;
    private final PlanChanges changes;
    private final ProviderSubscriptions providerSubscriptions;
    private final SubscriptionPolicies policies;

    @Inject
    SubscriptionPages(SubscriptionService subscriptions, PlanChanges changes, ProviderSubscriptions providerSubscriptions,
            SubscriptionPolicies policies) {
        this.subscriptions = subscriptions;
        this.changes = changes;
        this.providerSubscriptions = providerSubscriptions;
        this.policies = policies;
    }

    @Override
    public void register(Router router) {
        router.get("/account/subscriptions", x -> page(x, 200, x.query("notice").filter(NOTICES::contains).orElse(""), ""));
        // a link, not a form: the provider's page is another origin, and a navigation is not a form submission
        router.get("/account/subscriptions/{id}/payment-method", x -> {
            Principal caller = x.requireUser();
            try {
                x.redirect(providerSubscriptions.paymentMethodPage(caller, x.pathParam("id")).toString());
            } catch (ApiException e) {
                if (e.error() != SubscriptionError.PROVIDER_FAILED && e.error() != SubscriptionError.ILLEGAL_TRANSITION) {
                    throw e;
                }
                page(x, e.error().status(), "", "We could not open the payment provider's page: " + e.getMessage() + ".");
            }
        });
        router.post("/account/subscriptions/{id}/{action}", x -> {
            x.form();
            Principal caller = x.requireUser();
            String id = x.pathParam("id");
            String action = x.pathParam("action");
            if (!ACTIONS.contains(action)) {
                throw ApiException.notFound("subscription action " + action);
            }
            try {
                switch (action) {
                    case "cancel-at-period-end" -> subscriptions.cancelAtPeriodEnd(caller, id, true);
                    case "undo-cancel" -> subscriptions.cancelAtPeriodEnd(caller, id, false);
                    case "pause" -> subscriptions.pause(caller, id);
                    default -> subscriptions.resume(caller, id);
                }
                x.redirect("/account/subscriptions?notice=" + action + "#subscription-" + id);
            } catch (ApiException e) {
                if (e.error() == SubscriptionError.PROVIDER_FAILED) {
                    page(x, e.error().status(), "", "We could not change it at the payment provider: " + e.getMessage() + ".");
                    return;
                }
                if (e.error() != SubscriptionError.ILLEGAL_TRANSITION && e.error() != CommonError.CONFLICT) {
                    throw e;
                }
                page(x, e.error().status(), "", refusal(action));
            }
        });
    }

    private void page(Exchange x, int status, String notice, String refused) {
        Page<Subscription> page = subscriptions.forCustomer(x.requireUser().userId(), PageRequest.of(x));
        Map<String, Object> model = new HashMap<>();
        model.put("subscriptions", page.data().stream().map(s -> new Row(s, statusText(s), subscriptions.periods(s.id()),
                changes.open(s.id()).orElse(null), changes.soldBySeats(s), policies.credit(s))).toList());
        model.put("nextCursor", page.nextCursor() == null ? "" : page.nextCursor());
        model.put("notice", notice);
        model.put("refused", refused);
        x.render(status, "account/subscriptions", model);
    }

    /** Why the action was not taken, in words: the state changed since the page was shown. */
    private static String refusal(String action) {
        String what = switch (action) {
            case "cancel-at-period-end" -> "cancel it at the end of the period";
            case "undo-cancel" -> "keep it running";
            case "pause" -> "pause it";
            default -> "resume it";
        };
        return "We could not " + what + ": the subscription is no longer in a state that allows this. Its current state is shown below.";
    }

    static String statusText(Subscription s) {
        return switch (s.status()) {
            case TRIALING -> s.cancelAtPeriodEnd() ? "Free trial, ends when the trial ends" : "Free trial";
            case ACTIVE -> s.cancelAtPeriodEnd() ? "Active, ends at the end of this period" : "Active";
            case PAST_DUE -> "Payment overdue: we will try your payment method again";
            case PAUSED -> "Paused: no renewals until you resume";
            case CANCELED -> "Canceled";
        };
    }
}
