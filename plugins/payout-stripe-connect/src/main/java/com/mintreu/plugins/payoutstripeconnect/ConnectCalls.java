package com.mintreu.plugins.payoutstripeconnect;

import com.stripe.StripeClient;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Account;
import com.stripe.model.AccountLink;
import com.stripe.model.Transfer;
import com.stripe.net.RequestOptions;
import com.stripe.param.AccountCreateParams;
import com.stripe.param.AccountLinkCreateParams;
import com.stripe.param.TransferCreateParams;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The four Stripe calls of this plugin. A failure becomes {@link Refused} when Stripe answered that
 * it will not do it (4xx: the request itself is wrong, so a retry with the same key cannot succeed),
 * or {@link Unknown} when the outcome is not known (timeout, 5xx, authentication, rate limit): a
 * transfer may then have happened, and only a retry with the same Idempotency-Key may tell.
 * Messages are built here and never contain a secret.
 */
final class ConnectCalls {

    /** Stripe refused the request; nothing happened. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** The outcome is unknown, or the plugin is misconfigured: retry later with the same key. */
    static final class Unknown extends RuntimeException {
        Unknown(String message) {
            super(message);
        }
    }

    private final StripeClient client;
    private final List<String> secrets;

    ConnectCalls(ConnectConfig config, Duration timeout) {
        this.secrets = List.of(config.secretKey(), config.webhookSecret(), String.valueOf(config.connectWebhookSecret()));
        int millis = Math.toIntExact(timeout.toMillis());
        String base = config.apiBase().toString();
        this.client = StripeClient.builder()
                .setApiKey(config.secretKey())
                .setApiBase(base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                .setConnectTimeout(millis)
                .setReadTimeout(millis)
                // no silent retries: each call fits the engine's plugin-call timeout; the engine
                // retries an unsent payout with the same idempotency key on its next run
                .setMaxNetworkRetries(0)
                .build();
    }

    /** The configured timeout, at most 2/5 of the engine's call timeout (connect and read must end before the engine gives up). */
    static Duration timeout(ConnectConfig config, Duration callTimeout) {
        Duration cap = callTimeout.multipliedBy(2).dividedBy(5);
        return config.timeout().compareTo(cap) <= 0 ? config.timeout() : cap;
    }

    /** {@code POST /v1/accounts}: an Express account that may receive transfers, tagged with the payee's id. */
    Account createAccount(String payeeId, String email, String idempotencyKey) {
        AccountCreateParams.Builder params = AccountCreateParams.builder()
                .setType(AccountCreateParams.Type.EXPRESS)
                .setCapabilities(AccountCreateParams.Capabilities.builder()
                        .setTransfers(AccountCreateParams.Capabilities.Transfers.builder().setRequested(true).build()).build())
                .putMetadata("payee_id", payeeId);
        if (email != null) {
            params.setEmail(email);
        }
        return call("create account for payee " + payeeId, () -> client.v1().accounts().create(params.build(), key(idempotencyKey)));
    }

    /** {@code GET /v1/accounts/{id}}. */
    Account account(String accountId) {
        return call("read account " + accountId, () -> client.v1().accounts().retrieve(accountId));
    }

    /** {@code POST /v1/account_links} of type {@code account_onboarding}: a short-lived link to Stripe's form. */
    AccountLink onboardingLink(String accountId, String refreshUrl, String returnUrl) {
        AccountLinkCreateParams params = AccountLinkCreateParams.builder().setAccount(accountId)
                .setType(AccountLinkCreateParams.Type.ACCOUNT_ONBOARDING).setRefreshUrl(refreshUrl).setReturnUrl(returnUrl).build();
        return call("create account link for " + accountId, () -> client.v1().accountLinks().create(params));
    }

    /**
     * {@code POST /v1/transfers} from the platform's balance to the payee's account, with
     * {@code Idempotency-Key: idempotencyKey}: Stripe answers a repeat with the first transfer.
     */
    Transfer transfer(String payoutId, String payeeId, String accountId, long amountMinor, String currency, String idempotencyKey) {
        TransferCreateParams params = TransferCreateParams.builder()
                .setAmount(amountMinor).setCurrency(currency.toLowerCase(Locale.ROOT)).setDestination(accountId)
                .setTransferGroup(payoutId).putMetadata("payout_id", payoutId).putMetadata("payee_id", payeeId)
                .setDescription("payout " + payoutId).build();
        return call("transfer for payout " + payoutId, () -> client.v1().transfers().create(params, key(idempotencyKey)));
    }

    private static RequestOptions key(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }

    private interface Call<T> {
        T run() throws StripeException;
    }

    private <T> T call(String what, Call<T> call) {
        try {
            return call.run();
        } catch (StripeException e) {
            String message = message(what, e);
            boolean refused = e instanceof InvalidRequestException && !(e instanceof IdempotencyException)
                    && e.getStatusCode() != null && e.getStatusCode() >= 400 && e.getStatusCode() < 500;
            if (refused) {
                throw new Refused(message);
            }
            throw new Unknown(message);
        }
    }

    private String message(String what, StripeException e) {
        StringBuilder m = new StringBuilder("Stripe ").append(what).append(" failed: ").append(e.getClass().getSimpleName());
        if (e.getStatusCode() != null && e.getStatusCode() > 0) {
            m.append(" HTTP ").append(e.getStatusCode());
        }
        if (e.getCode() != null) {
            m.append(" code ").append(e.getCode());
        }
        if (e.getStripeError() != null && e.getStripeError().getMessage() != null) {
            String text = e.getStripeError().getMessage();
            for (String secret : secrets) {
                if (secret != null && !secret.isEmpty()) {
                    text = text.replace(secret, "***"); // Stripe masks keys itself; a proxy or fake might not
                }
            }
            m.append(": ").append(text);
        }
        return m.toString();
    }
}
