package com.mintreu.plugins.payoutstripeconnect;

import com.mintreu.api.PluginContext;
import com.mintreu.api.payment.WebhookRejectedException;
import com.mintreu.api.payment.WebhookRequest;
import com.mintreu.api.payout.OnboardingRequest;
import com.mintreu.api.payout.PayeeStatus;
import com.mintreu.api.payout.PayoutEvent;
import com.mintreu.api.payout.PayoutMethod;
import com.mintreu.api.payout.PayoutRequest;
import com.mintreu.api.payout.PayoutResult;
import com.stripe.model.Account;
import com.stripe.model.AccountLink;
import com.stripe.model.Transfer;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Stripe Connect as a {@link PayoutMethod}: each payee connects an Express account through
 * Stripe's hosted onboarding (an account link), and each payout is one Transfer from the
 * platform's Stripe balance to that account, sent with the engine's idempotency key so a retried
 * call pays once. Stripe keeps the accounts' state; the plugin only remembers which account is
 * whose ({@code payout_stripe_connect_accounts}).
 */
@Extension
public final class StripeConnectPayouts implements PayoutMethod {

    /** The id {@code payouts.method} selects, and the last segment of the webhook URL. */
    public static final String ID = "payout-stripe-connect";

    private PluginContext ctx;
    private ConnectConfig config;
    private ConnectCalls stripe;
    private ConnectAccounts accounts;
    private SignatureCheck signatures;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<? extends Record> configType() {
        return ConnectConfig.class;
    }

    @Override
    public void start(PluginContext ctx) {
        this.ctx = ctx;
        this.config = ctx.config(ConnectConfig.class);
        Duration timeout = ConnectCalls.timeout(config, ctx.callTimeout());
        this.stripe = new ConnectCalls(config, timeout);
        this.accounts = new ConnectAccounts(ctx.jdbi());
        this.signatures = new SignatureCheck(config.webhookSecrets());
        ctx.logger().info("Stripe Connect payouts in {} mode via {}; register the webhook endpoint {}/webhooks/payouts/{}",
                config.testMode() ? "test" : "live", config.apiBase(), ctx.baseUrl(), ID);
    }

    /**
     * One transfer to the payee's connected account. A payee without an account is FAILED (the
     * engine normally skips them before booking a payout); a transfer Stripe refuses is FAILED with
     * Stripe's reason (the amount goes back to the payee's balance); an unknown outcome throws, so
     * the payout stays pending and is sent again with the same key.
     */
    @Override
    public PayoutResult pay(PayoutRequest request) {
        Optional<String> account = accounts.accountOf(request.sellerId());
        if (account.isEmpty()) {
            return new PayoutResult(PayoutResult.Status.FAILED, null, "the payee has not set up payouts with Stripe");
        }
        try {
            Transfer t = stripe.transfer(request.payoutId(), request.sellerId(), account.get(), request.amount().minor(),
                    request.amount().currency(), request.idempotencyKey());
            return new PayoutResult(PayoutResult.Status.PAID, t.getId(), null);
        } catch (ConnectCalls.Refused e) {
            return new PayoutResult(PayoutResult.Status.FAILED, null, e.getMessage());
        }
    }

    @Override
    public boolean onboards() {
        return true;
    }

    /**
     * Creates the payee's Express account on the first call (the idempotency key
     * {@code connect-account:<payee>} makes two clicks at once one account) and a fresh account
     * link on every call: links expire within minutes and work once.
     */
    @Override
    public URI startOnboarding(OnboardingRequest request) {
        String account = accounts.accountOf(request.payeeId()).orElseGet(() -> {
            Account created = stripe.createAccount(request.payeeId(), request.email(), "connect-account:" + request.payeeId());
            accounts.remember(request.payeeId(), created.getId(), ctx.clock().millis());
            return accounts.accountOf(request.payeeId()).orElseThrow();
        });
        AccountLink link = stripe.onboardingLink(account, request.refreshUrl().toString(), request.returnUrl().toString());
        return URI.create(link.getUrl());
    }

    @Override
    public Optional<PayeeStatus> payee(String payeeId) {
        return accounts.accountOf(payeeId).map(id -> {
            Account a = stripe.account(id);
            return new PayeeStatus(payeeId, id, Boolean.TRUE.equals(a.getDetailsSubmitted()), Boolean.TRUE.equals(a.getPayoutsEnabled()));
        });
    }

    @Override
    public Set<URI> onboardingOrigins() {
        Set<URI> origins = new LinkedHashSet<>();
        origins.add(ConnectConfig.STRIPE_CONNECT);
        if (config.local()) {
            // a local fake hosts its own onboarding page
            origins.add(URI.create(config.apiBase().getScheme() + "://" + config.apiBase().getRawAuthority()));
        }
        return origins;
    }

    @Override
    public List<PayoutEvent> parseWebhook(WebhookRequest request) throws WebhookRejectedException {
        byte[] body = request.body();
        signatures.verify(request.header(SignatureCheck.HEADER).orElse(null), body, ctx.clock());
        return ConnectEvents.parse(body, accounts::payeeOf);
    }
}
