package com.mintreu.engine.payout;

import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.util.HashMap;
import java.util.Map;
import javax.inject.Inject;

/**
 * {@code /account/payouts/setup}: a payee (seller or affiliate) connects the account the payout
 * method pays to. The button posts here; the engine asks the method for the provider's page and
 * sends the payee there (303); the provider sends them back to {@code /account/payouts/setup/return},
 * which shows what the provider says now.
 */
final class PayeeSetupPages implements Routes {

    private final PayeeOnboarding onboarding;

    @Inject
    PayeeSetupPages(PayeeOnboarding onboarding) {
        this.onboarding = onboarding;
    }

    @Override
    public void register(Router router) {
        router.get(PayeeOnboarding.SETUP_PATH, x -> page(x, 200, x.requireUser(), onboarding.view(x.requireUser().userId()), ""));
        router.get(PayeeOnboarding.RETURN_PATH, x -> {
            Principal user = x.requireUser();
            PayeeOnboarding.View view = onboarding.returned(user.userId());
            page(x, 200, user, view, view.payoutsEnabled() ? "Payouts are set up: the next payout run pays you."
                    : "Thanks. Stripe has not enabled payouts for your account yet; this page shows it as soon as it does.");
        });
        router.post(PayeeOnboarding.SETUP_PATH, x -> {
            x.form();
            Principal user = x.requireUser();
            if (!onboarding.mayOnboard(user)) {
                throw ApiException.notFound("payout setup"); // nothing to pay this user: no account at the provider for them
            }
            try {
                x.redirect(onboarding.start(user).toString());
            } catch (ApiException e) {
                page(x, e.error().status(), user, onboarding.view(user.userId()), "");
                // the message is on the page, next to the button
            }
        });
    }

    private void page(Exchange x, int status, Principal user, PayeeOnboarding.View view, String notice) {
        Map<String, Object> model = new HashMap<>();
        model.put("setup", view);
        model.put("mayOnboard", onboarding.mayOnboard(user));
        model.put("notice", notice);
        model.put("problem", status >= 400 ? "Stripe could not be reached. Please try again in a few minutes." : "");
        if (view.needed()) {
            x.allowFormActions(onboarding.origins());
        }
        x.render(status, "account/payout-setup", model);
    }
}
