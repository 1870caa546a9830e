package com.mintreu.plugins.paymentpaypal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mintreu.api.payment.PaymentGatewayException;
import com.mintreu.api.payment.PaymentGatewayException.Reason;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * PayPal's OAuth 2.0 client-credentials token ({@code POST /v1/oauth2/token}, Basic auth with the
 * client id and secret, {@code grant_type=client_credentials}), kept until shortly before it
 * expires. PayPal's tokens live about nine hours and PayPal asks callers to reuse them; one cache
 * serves the SDK's calls and the webhook verification.
 *
 * <p>Ours rather than the SDK's own token handling because the SDK swallows a failed token call
 * and reports "Client is not authorized" for every cause: here wrong credentials are
 * CONFIGURATION, a slow PayPal is TIMEOUT and an outage is UNAVAILABLE.
 */
final class AccessTokens {

    /** Renew this long before expiry (or at half the lifetime for short-lived tokens). */
    static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");

    private final OkHttpClient http;
    private final HttpUrl tokenUrl;
    private final String basicAuth;
    private final Supplier<Clock> clock;
    private String token;
    private Instant renewAt = Instant.MIN;

    AccessTokens(OkHttpClient http, HttpUrl tokenUrl, String clientId, String clientSecret, Supplier<Clock> clock) {
        this.http = http;
        this.tokenUrl = tokenUrl;
        this.basicAuth = Credentials.basic(clientId, clientSecret, StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** A valid access token, fetched when there is none or it is about to expire. */
    synchronized String current() {
        Instant now = clock.get().instant();
        if (token == null || !now.isBefore(renewAt)) {
            fetch(now);
        }
        return token;
    }

    private void fetch(Instant now) {
        Request request = new Request.Builder().url(tokenUrl)
                .header("Authorization", basicAuth)
                .header("Accept", "application/json")
                .post(RequestBody.create("grant_type=client_credentials".getBytes(StandardCharsets.US_ASCII), FORM))
                .build();
        try (Response response = http.newCall(request).execute()) {
            byte[] body = response.body().bytes();
            if (response.code() == 401 || response.code() == 403) {
                throw new PaymentGatewayException(Reason.CONFIGURATION, "PayPal refused the client credentials (HTTP "
                        + response.code() + "): check plugins.payment-paypal.config.clientId/clientSecret and apiBase (live or sandbox)");
            }
            if (response.code() != 200) {
                throw new PaymentGatewayException(response.code() >= 500 || response.code() == 429 ? Reason.UNAVAILABLE : Reason.CONFIGURATION,
                        "PayPal's token endpoint answered HTTP " + response.code());
            }
            JsonNode answer = JSON.readTree(body);
            JsonNode accessToken = answer.path("access_token");
            JsonNode expiresIn = answer.path("expires_in");
            if (!accessToken.isTextual() || accessToken.asText().isEmpty() || !expiresIn.canConvertToLong() || expiresIn.asLong() <= 0) {
                throw new PaymentGatewayException(Reason.UNAVAILABLE, "PayPal's token answer has no access_token/expires_in");
            }
            Duration lifetime = Duration.ofSeconds(expiresIn.asLong());
            Duration margin = lifetime.compareTo(RENEW_BEFORE.multipliedBy(2)) < 0 ? lifetime.dividedBy(2) : RENEW_BEFORE;
            token = accessToken.asText();
            renewAt = now.plus(lifetime).minus(margin);
        } catch (InterruptedIOException e) {
            throw new PaymentGatewayException(Reason.TIMEOUT, "PayPal's token endpoint did not answer in time", e);
        } catch (IOException e) {
            throw new PaymentGatewayException(Reason.UNAVAILABLE, "cannot get a PayPal access token: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Never shows the token or the credentials. */
    @Override
    public String toString() {
        return "AccessTokens[" + tokenUrl + "]";
    }
}
