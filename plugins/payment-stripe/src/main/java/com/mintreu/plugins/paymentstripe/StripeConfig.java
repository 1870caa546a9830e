package com.mintreu.plugins.paymentstripe;

import com.mintreu.api.config.Setting;
import com.mintreu.api.config.Validated;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code plugins.payment-stripe.config}.
 *
 * @param secretKey     the account's secret API key ({@code sk_test_...}, {@code sk_live_...}) or a
 *                      restricted key ({@code rk_...}) allowed to write Checkout Sessions and Refunds
 * @param webhookSecret the signing secret of the webhook endpoint registered at Stripe ({@code whsec_...})
 * @param apiBase       where the Stripe API is; Stripe's own by default, a local fake in tests
 * @param timeout       connect and read timeout of one call to Stripe
 */
public record StripeConfig(
        @Setting(secret = true, required = true, help = "secret API key from the Stripe dashboard, sk_test_... or sk_live_... (or a restricted rk_... key)") String secretKey,
        @Setting(secret = true, required = true, help = "signing secret of the webhook endpoint, whsec_...") String webhookSecret,
        @Setting(help = "Stripe API base URL; only change it for a local fake") URI apiBase,
        @Setting(help = "connect and read timeout of each call to Stripe; at most 2/5 of engine.pluginCallTimeout is used") Duration timeout)
        implements Validated {

    /** Stripe's API; the only place a real key may be sent. */
    static final URI STRIPE_API = URI.create("https://api.stripe.com");
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(4);
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    static StripeConfig defaults() {
        return new StripeConfig(null, null, STRIPE_API, DEFAULT_TIMEOUT);
    }

    /** The key's mode, for the start log line: Stripe keys say whether they are test or live keys. */
    boolean testMode() {
        return secretKey != null && secretKey.contains("_test_");
    }

    @Override
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        // messages name the expected form only: the value itself is a secret and never echoed
        if (secretKey == null || secretKey.isBlank()) {
            problems.add(new Problem("secretKey", "is required: the secret key from the Stripe dashboard (Developers > API keys), sk_test_... or sk_live_..."));
        } else if (!(secretKey.startsWith("sk_") || secretKey.startsWith("rk_"))) {
            problems.add(new Problem("secretKey", "must be a secret key starting with sk_ (or a restricted key, rk_); "
                    + (secretKey.startsWith("pk_") ? "a publishable key (pk_) cannot create sessions" : "the value given is not one")));
        }
        if (webhookSecret == null || webhookSecret.isBlank()) {
            problems.add(new Problem("webhookSecret", "is required: the signing secret shown for the webhook endpoint, whsec_..."));
        } else if (!webhookSecret.startsWith("whsec_")) {
            problems.add(new Problem("webhookSecret", "must be a webhook signing secret starting with whsec_"));
        }
        if (apiBase == null || !apiBase.isAbsolute() || apiBase.getHost() == null) {
            problems.add(new Problem("apiBase", "must be an absolute URL such as " + STRIPE_API + ", got " + apiBase));
        } else if (!"https".equals(apiBase.getScheme()) && !("http".equals(apiBase.getScheme()) && loopback(apiBase))) {
            problems.add(new Problem("apiBase", "must be https (plain http only to localhost, for a local fake): the secret key travels with every call, got " + apiBase));
        } else if (apiBase.getRawQuery() != null || apiBase.getRawFragment() != null) {
            problems.add(new Problem("apiBase", "must not have a query or fragment, got " + apiBase));
        }
        if (timeout == null || timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(Duration.ofSeconds(60)) > 0) {
            problems.add(new Problem("timeout", "must be between 100ms and 60s, got " + timeout));
        }
        return problems;
    }

    private static boolean loopback(URI uri) {
        return LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT));
    }

    /** Keeps both secrets out of logs and error messages. */
    @Override
    public String toString() {
        return "StripeConfig[secretKey=***, webhookSecret=***, apiBase=" + apiBase + ", timeout=" + timeout + "]";
    }
}
