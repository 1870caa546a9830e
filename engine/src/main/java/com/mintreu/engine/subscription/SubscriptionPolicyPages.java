package com.mintreu.engine.subscription;

import com.mintreu.engine.catalog.CatalogService;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.CommonError;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Form;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.HashMap;
import java.util.Map;
import javax.inject.Inject;

/**
 * The seller's form for a product's subscription policies ({@code /seller/products/{id}/subscription-policy})
 * and the customer's "Cancel now" with its confirm step stating the refund
 * ({@code /account/subscriptions/{id}/cancel-now}). Both POST forms carry the CSRF token; another
 * seller's product or another customer's subscription is 404.
 */
final class SubscriptionPolicyPages implements Routes {

    private final SubscriptionPolicies policies;
    private final CancelNow cancelNow;
    private final SubscriptionService subscriptions;
    private final CatalogService catalog;

    @Inject
    SubscriptionPolicyPages(SubscriptionPolicies policies, CancelNow cancelNow, SubscriptionService subscriptions, CatalogService catalog) {
        this.policies = policies;
        this.cancelNow = cancelNow;
        this.subscriptions = subscriptions;
        this.catalog = catalog;
    }

    @Override
    public void register(Router router) {
        router.get("/seller/products/{id}/subscription-policy", x -> policyPage(x, x.requireRole("seller"), x.pathParam("id"),
                x.query("notice").filter("saved"::equals).isPresent()));
        router.post("/seller/products/{id}/subscription-policy", x -> {
            Form form = x.form();
            Principal seller = x.requireRole("seller");
            String id = x.pathParam("id");
            // an unchecked box is absent from the form: off
            policies.set(seller, id, new SubscriptionPolicies.Policy(form.get("refundUnusedOnCancel").isPresent(),
                    form.get("downgradeCreditsNow").isPresent()));
            x.redirect("/seller/products/" + id + "/subscription-policy?notice=saved");
        });
        router.get("/account/subscriptions/{id}/cancel-now", x -> {
            Principal caller = x.requireUser();
            String id = x.pathParam("id");
            Subscription s = subscriptions.visibleTo(caller, id);
            try {
                cancelPage(x, 200, s, cancelNow.quote(caller, id), "");
            } catch (ApiException e) {
                if (e.error() == CommonError.NOT_FOUND) {
                    throw e;
                }
                cancelPage(x, e.error().status(), s, null, "This subscription cannot be canceled now: it is " + SubscriptionPages.statusText(s) + ".");
            }
        });
        router.post("/account/subscriptions/{id}/cancel-now/confirm", x -> {
            x.form();
            Principal caller = x.requireUser();
            String id = x.pathParam("id");
            Subscription s = subscriptions.visibleTo(caller, id);
            try {
                CancelNow.Result r = cancelNow.cancel(caller, id);
                x.redirect("/account/subscriptions?notice=" + (r.refund() == null ? "cancel-now" : "cancel-now-refund") + "#subscription-" + id);
            } catch (ApiException e) {
                if (e.error() == CommonError.NOT_FOUND) {
                    throw e;
                }
                cancelPage(x, e.error().status(), subscriptions.visibleTo(caller, id), null, "We could not cancel it now: the subscription is "
                        + SubscriptionPages.statusText(s).toLowerCase(java.util.Locale.ROOT) + ". Its current state is on your subscriptions page.");
            }
        });
    }

    private void policyPage(Exchange x, Principal seller, String productId, boolean saved) {
        Map<String, Object> model = new HashMap<>();
        model.put("product", catalog.owned(seller, productId).product());
        model.put("policy", policies.owned(seller, productId));
        model.put("saved", saved);
        x.render(200, "seller/subscription-policy", model);
    }

    private static void cancelPage(Exchange x, int status, Subscription s, CancelNow.Quote quote, String refused) {
        Map<String, Object> model = new HashMap<>();
        model.put("subscription", s);
        model.put("quote", quote);
        model.put("refused", refused);
        x.render(status, "account/subscription-cancel", model);
    }
}
