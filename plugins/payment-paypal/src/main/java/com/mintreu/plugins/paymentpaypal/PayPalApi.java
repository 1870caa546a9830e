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
import com.paypal.sdk.exceptions.SubscriptionErrorException;
import com.paypal.sdk.models.BillingPlan;
import com.paypal.sdk.models.CancelSubscriptionInput;
import com.paypal.sdk.models.CancelSubscriptionRequest;
import com.paypal.sdk.models.CaptureOrderInput;
import com.paypal.sdk.models.CreateBillingPlanInput;
import com.paypal.sdk.models.CreateSubscriptionInput;
import com.paypal.sdk.models.CreateSubscriptionRequest;
import com.paypal.sdk.models.PlanRequest;
import com.paypal.sdk.models.Subscription;
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
     * {@code POST /v1/catalogs/products} (not in SDK 2.2.0, so over the same client); the same
     * {@code requestId} returns the same product (PayPal keeps request ids for 72 hours). Returns its id.
     */
    String createProduct(ObjectNode body, String requestId) {
        JsonNode product = json("create catalog product", "/v1/catalogs/products", body.toString().getBytes(StandardCharsets.UTF_8), requestId);
        String id = text(product.path("id"));
        if (id == null) {
            throw new PaymentGatewayException(Reason.UNAVAILABLE, "PayPal created a catalog product without an id");
        }
        return id;
    }

    /** {@code POST /v1/billing/plans}; the same {@code requestId} returns the same plan. */
    BillingPlan createPlan(PlanRequest body, String requestId) {
        return call("create billing plan", () -> sdk.getSubscriptionsController().createBillingPlan(new CreateBillingPlanInput.Builder()
                .body(body).paypalRequestId(requestId).prefer("return=representation").build()).getResult());
    }

    /** {@code POST /v1/billing/subscriptions}; the same {@code requestId} returns the same subscription. */
    Subscription createSubscription(CreateSubscriptionRequest body, String requestId) {
        return call("create subscription", () -> sdk.getSubscriptionsController().createSubscription(new CreateSubscriptionInput.Builder()
                .body(body).paypalRequestId(requestId).prefer("return=representation").build()).getResult());
    }

    /**
     * {@code GET /v1/billing/subscriptions/{id}} as PayPal's JSON: SDK 2.2.0's model has no
     * {@code status} and no {@code status_change_note}, which this plugin needs.
     */
    JsonNode getSubscription(String id) {
        return json("get subscription " + id, "/v1/billing/subscriptions/" + id, null, null);
    }

    /** A call outside the SDK: GET when {@code body} is null, else POST; 2xx answers as JSON, others as {@link PayPalError}. */
    private JsonNode json(String what, String path, byte[] body, String requestId) {
        return call(what, () -> {
            Request.Builder request = new Request.Builder().url(base.newBuilder().encodedPath(path).build()).header("Accept", "application/json");
            if (requestId != null) {
                request.header("PayPal-Request-Id", requestId).header("Prefer", "return=representation");
            }
            request = body == null ? request.get() : request.post(RequestBody.create(body, JSON_TYPE));
            try (Response response = http.newCall(request.build()).execute()) {
                byte[] answer = response.body().bytes();
                if (response.code() / 100 != 2) {
                    JsonNode error = readQuietly(answer);
                    throw PayPalError.of(what, response.code(), status(response.code()),
                            text(error.path("name")), text(error.path("details").path(0).path("issue")), text(error.path("debug_id")));
                }
                JsonNode node = JSON.readTree(answer);
                if (node == null || !node.isObject()) {
                    throw new PaymentGatewayException(Reason.UNAVAILABLE, "PayPal's answer cannot be read: " + what);
                }
                return node;
            }
        });
    }

    /** {@code POST /v1/billing/subscriptions/{id}/cancel} (204); PayPal refuses a second cancel with 422. */
    void cancelSubscription(String id, String reason) {
        call("cancel subscription " + id, () -> sdk.getSubscriptionsController().cancelSubscription(new CancelSubscriptionInput.Builder()
                .id(id).contentType("application/json").body(new CancelSubscriptionRequest.Builder(reason).build()).build()).getResult());
    }

    private static JsonNode readQuietly(byte[] answer) {
        try {
            JsonNode node = JSON.readTree(answer);
            return node == null ? JSON.missingNode() : node;
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
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
        } catch (SubscriptionErrorException e) {
            // the Subscriptions controller's own error type (same fields as ErrorException)
            throw PayPalError.of(what, e.getResponseCode(), status(e.getResponseCode()), e.getName(), e.getDetails() == null ? null
                    : e.getDetails().stream().map(ErrorDetails::getIssue).filter(i -> i != null && !i.isEmpty()).findFirst().orElse(null),
                    e.getDebugId());
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
