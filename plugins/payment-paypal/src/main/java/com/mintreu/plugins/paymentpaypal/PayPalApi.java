package com.mintreu.plugins.paymentpaypal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mintreu.api.payment.PaymentGatewayException;
import com.mintreu.api.payment.PaymentGatewayException.Reason;
import com.paypal.sdk.Environment;
import com.paypal.sdk.PaypalServerSdkClient;
import com.paypal.sdk.authentication.ClientCredentialsAuthModel;
import com.paypal.sdk.exceptions.ApiException;
import com.paypal.sdk.exceptions.ErrorException;
import com.paypal.sdk.models.CaptureOrderInput;
import com.paypal.sdk.models.CapturedPayment;
import com.paypal.sdk.models.CreateOrderInput;
import com.paypal.sdk.models.ErrorDetails;
import com.paypal.sdk.models.GetCapturedPaymentInput;
import com.paypal.sdk.models.GetOrderInput;
import com.paypal.sdk.models.OAuthToken;
import com.paypal.sdk.models.Order;
import com.paypal.sdk.models.OrderRequest;
import com.paypal.sdk.models.Refund;
import com.paypal.sdk.models.RefundCapturedPaymentInput;
import com.paypal.sdk.models.RefundRequest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The PayPal REST calls this plugin makes: Orders v2 and refunds through PayPal's server SDK,
 * webhook verification (which the SDK does not cover) over the same HTTP client. Every failure
 * becomes a {@link PaymentGatewayException} whose reason says whether the money's state is known.
 *
 * <p>The SDK has no base-URL setting: it is built for the live environment and its OkHttp client
 * carries an interceptor that sends every request to {@code apiBase} instead (sandbox, or a local
 * fake in tests), and the access token of {@link AccessTokens}. The client has no retries and no redirects of its own; the engine retries with
 * the same idempotency key.
 */
final class PayPalApi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final String TOKEN_PATH = "/v1/oauth2/token";

    private final OkHttpClient http;
    private final HttpUrl base;
    private final PaypalServerSdkClient sdk;

    /**
     * @param timeout the longest one HTTP call may take: {@link #timeout(PayPalConfig, Duration)}
     */
    PayPalApi(PayPalConfig config, Duration timeout, Supplier<Clock> clock) {
        this.base = HttpUrl.get(config.apiBase().toString());
        long timeoutMs = timeout.toMillis();
        OkHttpClient toBase = new OkHttpClient.Builder()
                .callTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .connectTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .readTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .writeTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .addInterceptor(chain -> {
                    Request request = chain.request();
                    HttpUrl to = request.url().newBuilder().scheme(base.scheme()).host(base.host()).port(base.port()).build();
                    return chain.proceed(request.newBuilder().url(to).build());
                })
                .build();
        AccessTokens accessTokens = new AccessTokens(toBase, base.resolve(TOKEN_PATH), config.clientId(), config.clientSecret(), clock);
        this.http = toBase.newBuilder()
                .addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
                        .header("Authorization", "Bearer " + accessTokens.current()).build()))
                .build();
        // The second interceptor puts AccessTokens' token on every call (SDK or not), so one cache on
        // the engine's clock decides; the SDK's own token slot only holds a placeholder that never expires.
        ClientCredentialsAuthModel auth = new ClientCredentialsAuthModel.Builder(config.clientId(), config.clientSecret())
                .oAuthTokenProvider((old, unused) -> new OAuthToken.Builder("set-by-interceptor", "Bearer")
                        .expiry(Long.MAX_VALUE / 2).build())
                .build();
        this.sdk = new PaypalServerSdkClient.Builder()
                .environment(Environment.PRODUCTION)
                .clientCredentialsAuth(auth)
                .httpClientConfig(c -> c.httpClientInstance(http, false).numberOfRetries(0))
                .build();
    }

    /**
     * The configured timeout, but at most a quarter of the engine's call timeout: the longest
     * engine call (a refund or dispute webhook) makes up to three calls in a row (token,
     * verification, capture lookup), and all of them must fail as this plugin's TIMEOUT before
     * the engine gives up on the call (2.5 s under the default 10 s).
     */
    static Duration timeout(PayPalConfig config, Duration callTimeout) {
        Duration cap = callTimeout.dividedBy(4);
        return config.timeout().compareTo(cap) <= 0 ? config.timeout() : cap;
    }

    /** {@code POST /v2/checkout/orders}; the same {@code requestId} returns the same order. */
    Order createOrder(OrderRequest body, String requestId) {
        return call("create order", () -> sdk.getOrdersController().createOrder(new CreateOrderInput.Builder()
                .body(body).paypalRequestId(requestId).prefer("return=representation").build()).getResult());
    }

    /** {@code GET /v2/checkout/orders/{id}}. */
    Order getOrder(String orderId) {
        return call("get order " + orderId, () -> sdk.getOrdersController().getOrder(new GetOrderInput.Builder(orderId).build()).getResult());
    }

    /** {@code POST /v2/checkout/orders/{id}/capture}; the same {@code requestId} returns the first capture. */
    Order captureOrder(String orderId, String requestId) {
        return call("capture order " + orderId, () -> sdk.getOrdersController().captureOrder(new CaptureOrderInput.Builder()
                .id(orderId).contentType("application/json").paypalRequestId(requestId).prefer("return=representation").build())
                .getResult());
    }

    /** {@code GET /v2/payments/captures/{id}}: names the order it belongs to ({@code supplementary_data.related_ids.order_id}). */
    CapturedPayment getCapture(String captureId) {
        return call("get capture " + captureId, () -> sdk.getPaymentsController().getCapturedPayment(
                new GetCapturedPaymentInput.Builder(captureId).build()).getResult());
    }

    /** {@code POST /v2/payments/captures/{id}/refund}; the same {@code requestId} returns the first refund. */
    Refund refundCapture(String captureId, RefundRequest body, String requestId) {
        return call("refund capture " + captureId, () -> sdk.getPaymentsController().refundCapturedPayment(
                new RefundCapturedPaymentInput.Builder().captureId(captureId).contentType("application/json")
                        .body(body).paypalRequestId(requestId).prefer("return=representation").build()).getResult());
    }

    /**
     * {@code POST /v1/notifications/verify-webhook-signature}: true only for {@code
     * verification_status: SUCCESS}. {@code rawEvent} must already be a JSON object; it is sent
     * byte for byte, because PayPal checks its signature over the event exactly as it sent it
     * and a re-serialised event (other number or key formatting) would fail.
     */
    boolean verifyWebhook(Map<String, String> transmission, String webhookId, byte[] rawEvent) {
        ObjectNode fields = JSON.createObjectNode();
        transmission.forEach(fields::put);
        fields.put("webhook_id", webhookId);
        String head = fields.toString();
        String body = head.substring(0, head.length() - 1) + ",\"webhook_event\":" + new String(rawEvent, StandardCharsets.UTF_8) + "}";
        return call("verify webhook signature", () -> {
            Request request = new Request.Builder().url(base.resolve("/v1/notifications/verify-webhook-signature"))
                    .header("Accept", "application/json")
                    .post(RequestBody.create(body.getBytes(StandardCharsets.UTF_8), JSON_TYPE)).build();
            try (Response response = http.newCall(request).execute()) {
                byte[] answer = response.body().bytes();
                if (response.code() != 200) {
                    throw new PaymentGatewayException(status(response.code()), "PayPal answered HTTP " + response.code()
                            + " to verify-webhook-signature" + debugId(answer));
                }
                return "SUCCESS".equals(JSON.readTree(answer).path("verification_status").asText());
            }
        });
    }

    private static String debugId(byte[] answer) {
        try {
            JsonNode id = JSON.readTree(answer).path("debug_id");
            return id.isTextual() ? " (debug_id " + id.asText() + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws ApiException, IOException;
    }

    private <T> T call(String what, Call<T> call) {
        try {
            return call.run();
        } catch (PaymentGatewayException e) {
            throw e;
        } catch (ErrorException e) {
            throw PayPalError.of(what, e.getResponseCode(), status(e.getResponseCode()), e.getName(), issue(e), e.getDebugId());
        } catch (ApiException e) {
            throw PayPalError.of(what, e.getResponseCode(), status(e.getResponseCode()), null, null, null);
        } catch (InterruptedIOException e) {
            throw new PaymentGatewayException(Reason.TIMEOUT, "PayPal did not answer in time: " + what, e);
        } catch (JsonProcessingException e) {
            throw new PaymentGatewayException(Reason.UNAVAILABLE, "PayPal's answer cannot be read: " + what, e);
        } catch (IOException e) {
            throw new PaymentGatewayException(Reason.UNAVAILABLE, "PayPal cannot be reached: " + what + " (" + e.getClass().getSimpleName() + ")", e);
        } catch (RuntimeException e) {
            // the SDK's own unchecked failures (auth validation, a model it cannot build): the outcome is unknown
            throw new PaymentGatewayException(Reason.UNAVAILABLE, "PayPal SDK failed: " + what + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static String issue(ErrorException e) {
        return e.getDetails() == null ? null : e.getDetails().stream().map(ErrorDetails::getIssue)
                .filter(i -> i != null && !i.isEmpty()).findFirst().orElse(null);
    }

    private static Reason status(int code) {
        if (code == 401 || code == 403) {
            return Reason.CONFIGURATION;
        }
        if (code == 404) {
            return Reason.NOT_FOUND;
        }
        if (code == 408 || code == 429 || code >= 500) {
            return Reason.UNAVAILABLE;
        }
        return Reason.REJECTED;
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /** Never shows credentials or tokens (the SDK client's own toString would print the secret). */
    @Override
    public String toString() {
        return "PayPalApi[" + base + "]";
    }
}
