package com.mintreu.engine.payout;

import com.mintreu.api.money.Money;
import com.mintreu.api.payout.OnboardingRequest;
import com.mintreu.api.payout.PayeeStatus;
import com.mintreu.engine.config.PayoutsConfig;
import com.mintreu.engine.config.ServerConfig;
import com.mintreu.engine.db.Tx;
import com.mintreu.engine.ledger.Ledger;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Principal;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A payee connecting their account with a payout method that needs it (Stripe Connect). The
 * payee is a user id: sellers now, affiliates (users with an affiliate balance) as well. The
 * status the engine pays by is {@code payout_payees}, kept by the provider's webhooks and by the
 * payee's return from the provider's page.
 */
@Singleton
public final class PayeeOnboarding {

    /** Where the provider sends the payee back, and where an expired link leads. */
    public static final String SETUP_PATH = "/account/payouts/setup";
    public static final String RETURN_PATH = SETUP_PATH + "/return";
    private static final Logger LOG = LoggerFactory.getLogger(PayeeOnboarding.class);

    /** What the setup pages show. {@code status} is empty before the payee started. */
    public record View(boolean needed, String method, Optional<PayeeStatus> status) {
        public boolean payoutsEnabled() {
            return status.map(PayeeStatus::payoutsEnabled).orElse(false);
        }

        public boolean detailsSubmitted() {
            return status.map(PayeeStatus::detailsSubmitted).orElse(false);
        }

        public boolean started() {
            return status.isPresent();
        }
    }

    /** A payee's available balance that runs skip because the method cannot pay them yet, and why. */
    public record Waiting(String payeeId, Money available, String reason) {}

    private final PayoutMethods methods;
    private final PayeeStore payees;
    private final PayoutWebhooks webhooks;
    private final PayoutStore store;
    private final Ledger ledger;
    private final ServerConfig server;
    private final PayoutsConfig config;
    private final Tx tx;
    private final Clock clock;
    private final PayeeAccounts accounts;

    @Inject
    PayeeOnboarding(PayoutMethods methods, PayeeStore payees, PayoutWebhooks webhooks, PayoutStore store, Ledger ledger, ServerConfig server,
            PayoutsConfig config, Tx tx, Clock clock, PayeeAccounts accounts) {
        this.accounts = accounts;
        this.methods = methods;
        this.payees = payees;
        this.webhooks = webhooks;
        this.store = store;
        this.ledger = ledger;
        this.server = server;
        this.config = config;
        this.tx = tx;
        this.clock = clock;
    }

    /** The payee's setup as the engine knows it (no call to the provider). */
    public View view(String payeeId) {
        boolean needed = methods.onboards();
        return new View(needed, methods.id(), needed ? payees.find(methods.id(), payeeId) : Optional.empty());
    }

    /** A user may connect a payout account when someone may owe them money: a seller, or an affiliate with a balance. */
    public boolean mayOnboard(Principal user) {
        return user.has("seller") || accounts.accountsOf(user.userId()).stream().anyMatch(a -> !ledger.balances(a).isEmpty());
    }

    /**
     * Starts the payee's onboarding at the provider; returns the page to send them to.
     *
     * @throws ApiException 503 {@code PAYOUT_SETUP_UNAVAILABLE} when the method needs no setup or the provider cannot be reached
     */
    URI start(Principal payee) {
        if (!methods.onboards()) {
            throw new ApiException(PayoutError.PAYOUT_SETUP_UNAVAILABLE, "the payout method " + methods.id() + " needs no setup");
        }
        URI base = server.publicUrl();
        try {
            URI link = methods.startOnboarding(new OnboardingRequest(payee.userId(), payee.email(), base.resolve(RETURN_PATH), base.resolve(SETUP_PATH)));
            webhooks.started(methods.id(), payee.userId());
            return link;
        } catch (RuntimeException e) {
            LOG.warn("payout setup of {} with {} failed", payee.userId(), methods.id(), e);
            throw new ApiException(PayoutError.PAYOUT_SETUP_UNAVAILABLE, "Stripe could not be reached. Please try again in a few minutes.");
        }
    }

    /** The payee came back from the provider: reads their status there now and remembers it (a webhook may come later). */
    View returned(String payeeId) {
        if (methods.onboards()) {
            try {
                methods.payee(payeeId).ifPresent(s -> webhooks.remember(methods.id(), s));
            } catch (RuntimeException e) {
                LOG.warn("reading the payout status of {} from {} failed; showing the last known", payeeId, methods.id(), e);
            }
        }
        return view(payeeId);
    }

    /** Balances a run would pay but skips: the payee has not finished setting up with the method (empty for methods without setup). */
    public List<Waiting> waiting() {
        if (!methods.onboards()) {
            return List.of();
        }
        long now = clock.millis();
        return tx.inTransaction(h -> {
            Set<String> enabled = payees.enabled(h, methods.id());
            List<Waiting> waiting = new ArrayList<>();
            for (PayoutStore.Candidate c : store.candidates(h, accounts.kinds(), now)) {
                String payee = accounts.userOf(c.account()).orElse(null);
                long sum = store.openEntries(h, c.account(), c.currency(), now).stream().mapToLong(PayoutStore.OpenEntry::amountMinor).reduce(0, Math::addExact);
                if (payee != null && !enabled.contains(payee) && sum >= config.minimumMinor()) {
                    waiting.add(new Waiting(payee, Money.of(sum, c.currency()), "payout account not set up with " + methods.id()));
                }
            }
            return waiting;
        });
    }

    /** Origins the setup form may lead to (CSP form-action). */
    Set<String> origins() {
        return methods.onboardingOrigins();
    }
}
