package com.mintreu.plugins.paymentpaypal;

import com.mintreu.api.config.Setting;
import com.mintreu.api.config.Validated;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code plugins.payment-paypal.config}: the REST app's credentials from PayPal's developer
 * dashboard, the id of the webhook registered there, and where PayPal's API is.
 *
 * @param clientId     the REST app's client id
 * @param clientSecret the REST app's secret; masked in {@code config check}, never logged
 * @param webhookId    the id PayPal gave the webhook pointing at {@code <publicUrl>/api/v1/webhooks/payment-paypal};
 *                     part of every signature verification
 * @param apiBase      PayPal's API origin: {@code https://api-m.paypal.com} (live) or
 *                     {@code https://api-m.sandbox.paypal.com} (sandbox); plain http only on loopback (tests)
 * @param timeout      the longest one HTTP call to PayPal may take (connect to last byte)
 */
public record PayPalConfig(
        @Setting(required = true, help = "the REST app's client id (developer.paypal.com, Apps & Credentials)") String clientId,
        @Setting(required = true, secret = true, help = "the REST app's secret") String clientSecret,
        @Setting(required = true, help = "the id of the webhook registered for <publicUrl>/api/v1/webhooks/payment-paypal") String webhookId,
        @Setting(help = "https://api-m.paypal.com (live) or https://api-m.sandbox.paypal.com (sandbox)") URI apiBase,
        @Setting(help = "longest one call to PayPal may take, 1s to 30s; at most a quarter of engine.pluginCallTimeout is used") Duration timeout)
        implements Validated {

    /** PayPal's live API. */
    public static final URI LIVE = URI.create("https://api-m.paypal.com");
    /** PayPal's sandbox API. */
    public static final URI SANDBOX = URI.create("https://api-m.sandbox.paypal.com");

    private static final Pattern CREDENTIAL = Pattern.compile("[\\x21-\\x7e]{1,256}");
    // the pattern of webhook_id in PayPal's verify-webhook-signature description
    private static final Pattern WEBHOOK_ID = Pattern.compile("[a-zA-Z0-9]{1,50}");
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    static PayPalConfig defaults() {
        return new PayPalConfig(null, null, null, LIVE, Duration.ofSeconds(4));
    }

    @Override
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        if (clientId == null || !CREDENTIAL.matcher(clientId).matches()) {
            problems.add(new Problem("clientId", "must be the REST app's client id: 1 to 256 printable characters, no spaces"));
        }
        if (clientSecret == null || !CREDENTIAL.matcher(clientSecret).matches()) {
            // never echo the value: it is a secret, even when malformed
            problems.add(new Problem("clientSecret", "must be the REST app's secret: 1 to 256 printable characters, no spaces"));
        }
        if (webhookId == null || !WEBHOOK_ID.matcher(webhookId).matches()) {
            problems.add(new Problem("webhookId", "must be the webhook's id from PayPal's dashboard: 1 to 50 letters and digits"));
        }
        String base = apiBaseProblem(apiBase);
        if (base != null) {
            problems.add(new Problem("apiBase", base));
        }
        if (timeout == null || timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(Duration.ofSeconds(30)) > 0) {
            problems.add(new Problem("timeout", "must be between 1s and 30s"));
        }
        return problems;
    }

    private static String apiBaseProblem(URI uri) {
        if (uri == null || !uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))) {
            return "must be an origin such as " + LIVE + " or " + SANDBOX + " (no path), got " + uri;
        }
        boolean https = "https".equals(uri.getScheme());
        boolean loopbackHttp = "http".equals(uri.getScheme()) && LOOPBACK.contains(uri.getHost());
        if (!https && !loopbackHttp) {
            return "must use https (plain http only for a local test server), got " + uri;
        }
        return null;
    }

    /** True when {@link #apiBase()} is PayPal's sandbox, whose hosted pages live on www.sandbox.paypal.com. */
    boolean sandbox() {
        return apiBase != null && apiBase.getHost() != null && apiBase.getHost().endsWith("sandbox.paypal.com");
    }

    /** Keeps the secret out of logs and error messages. */
    @Override
    public String toString() {
        return "PayPalConfig[clientId=" + clientId + ", clientSecret=***, webhookId=" + webhookId
                + ", apiBase=" + apiBase + ", timeout=" + timeout + "]";
    }
}
