package com.mintreu.plugins.payoutstripeconnect;

import com.mintreu.api.config.Setting;
import com.mintreu.api.config.Validated;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code plugins.payout-stripe-connect.config}.
 *
 * @param secretKey            the platform's secret API key ({@code sk_...}, or a restricted {@code rk_...}
 *                             key allowed to write Accounts, Account Links and Transfers)
 * @param webhookSecret        signing secret of the endpoint for events on the platform account
 *                             ({@code transfer.*}), {@code whsec_...}
 * @param connectWebhookSecret signing secret of the endpoint for events on connected accounts
 *                             ({@code account.updated}); Stripe signs those with a secret of their own.
 *                             Optional when one endpoint receives both (then the same secret)
 * @param apiBase              where the Stripe API is; Stripe's own by default, a local fake in tests
 * @param timeout              connect and read timeout of one call to Stripe
 */
public record ConnectConfig(
        @Setting(secret = true, required = true, help = "platform secret API key, sk_test_... or sk_live_... (or a restricted rk_... key)") String secretKey,
        @Setting(secret = true, required = true, help = "signing secret of the webhook endpoint for platform events (transfer.*), whsec_...") String webhookSecret,
        @Setting(secret = true, help = "signing secret of the webhook endpoint for connected-account events (account.updated), whsec_...") String connectWebhookSecret,
        @Setting(help = "Stripe API base URL; only change it for a local fake") URI apiBase,
        @Setting(help = "connect and read timeout of each call to Stripe; at most 2/5 of engine.pluginCallTimeout is used") Duration timeout)
        implements Validated {

    static final URI STRIPE_API = URI.create("https://api.stripe.com");
    /** Where Stripe hosts Connect onboarding (account links). */
    static final URI STRIPE_CONNECT = URI.create("https://connect.stripe.com");
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(4);
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    static ConnectConfig defaults() {
        return new ConnectConfig(null, null, null, STRIPE_API, DEFAULT_TIMEOUT);
    }

    /** The secrets a webhook may be signed with. */
    List<String> webhookSecrets() {
        return connectWebhookSecret == null || connectWebhookSecret.isBlank() ? List.of(webhookSecret) : List.of(webhookSecret, connectWebhookSecret);
    }

    boolean testMode() {
        return secretKey != null && secretKey.contains("_test_");
    }

    /** True when {@link #apiBase} is a local fake rather than Stripe. */
    boolean local() {
        return apiBase != null && apiBase.getHost() != null && LOOPBACK.contains(apiBase.getHost().toLowerCase(Locale.ROOT));
    }

    @Override
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        // never echo a secret's value: name the expected form only
        if (secretKey == null || secretKey.isBlank()) {
            problems.add(new Problem("secretKey", "is required: the platform's secret key from the Stripe dashboard, sk_test_... or sk_live_..."));
        } else if (!(secretKey.startsWith("sk_") || secretKey.startsWith("rk_"))) {
            problems.add(new Problem("secretKey", "must be a secret key starting with sk_ (or a restricted key, rk_)"));
        }
        if (webhookSecret == null || webhookSecret.isBlank()) {
            problems.add(new Problem("webhookSecret", "is required: the signing secret shown for the webhook endpoint, whsec_..."));
        } else if (!webhookSecret.startsWith("whsec_")) {
            problems.add(new Problem("webhookSecret", "must be a webhook signing secret starting with whsec_"));
        }
        if (connectWebhookSecret != null && !connectWebhookSecret.isBlank() && !connectWebhookSecret.startsWith("whsec_")) {
            problems.add(new Problem("connectWebhookSecret", "must be a webhook signing secret starting with whsec_"));
        }
        if (apiBase == null || !apiBase.isAbsolute() || apiBase.getHost() == null) {
            problems.add(new Problem("apiBase", "must be an absolute URL such as " + STRIPE_API + ", got " + apiBase));
        } else if (!"https".equals(apiBase.getScheme()) && !("http".equals(apiBase.getScheme()) && local())) {
            problems.add(new Problem("apiBase", "must be https (plain http only to localhost, for a local fake): the secret key travels with every call, got " + apiBase));
        }
        if (timeout == null || timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(Duration.ofSeconds(60)) > 0) {
            problems.add(new Problem("timeout", "must be between 100ms and 60s, got " + timeout));
        }
        return problems;
    }

    @Override
    public String toString() {
        return "ConnectConfig[secretKey=***, webhookSecret=***, connectWebhookSecret=***, apiBase=" + apiBase + ", timeout=" + timeout + "]";
    }
}
