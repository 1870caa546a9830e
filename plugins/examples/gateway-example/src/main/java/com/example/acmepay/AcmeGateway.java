package com.example.acmepay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mintreu.api.PluginContext;
import com.mintreu.api.money.Money;
import com.mintreu.api.payment.*;
import com.mintreu.api.payment.PaymentGatewayException.Reason;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.*;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.*;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.pf4j.Extension;

/**
 * Acme Pay: the buyer pays on Acme's hosted page, Acme posts signed webhooks, refunds go through
 * its API. Every money-moving call passes the engine's idempotency key on to Acme, which honours it.
 */
@Extension
public final class AcmeGateway implements PaymentGateway {

    static final URI CHECKOUT_ORIGIN = URI.create("https://pay.acme.test");
    static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final int MAX_BODY = 64 * 1024;
    private static final Pattern SIGNATURE = Pattern.compile("t=(\\d{1,12}),v1=([0-9a-f]{64})");
    private static final Map<String, Outcome> EVENTS = Map.of("checkout.paid", Outcome.SUCCEEDED, "checkout.failed", Outcome.DECLINED);
    private static final Map<String, Outcome> STATES = Map.of("paid", Outcome.SUCCEEDED, "open", Outcome.PENDING,
            "failed", Outcome.DECLINED, "succeeded", Outcome.SUCCEEDED, "pending", Outcome.PENDING);
    private static final ObjectMapper JSON = new ObjectMapper();

    private String apiBase;
    private String apiKey;
    private byte[] webhookSecret;
    private Clock clock;
    private Duration timeout;
    private HttpClient http;

    @Override public String id() { return "acme-pay"; }
    @Override public Class<? extends Record> configType() { return AcmeConfig.class; }
    @Override public Capabilities capabilities() { return new Capabilities(true, true, false, true); }
    @Override public String displayName() { return "Card (Acme Pay)"; }
    @Override public Set<URI> hostedCheckoutOrigins() { return Set.of(CHECKOUT_ORIGIN); }

    @Override
    public void start(PluginContext ctx) {
        AcmeConfig config = ctx.config(AcmeConfig.class);
        apiBase = config.apiBase().toString().replaceAll("/+$", "");
        apiKey = config.apiKey();
        webhookSecret = config.webhookSecret().getBytes(StandardCharsets.UTF_8);
        clock = ctx.clock();
        // give up well before the engine does, so the answer is ours (TIMEOUT), not an abandoned call
        timeout = ctx.callTimeout().multipliedBy(3).dividedBy(4);
        http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public CheckoutSession createCheckout(CheckoutRequest request) {
        JsonNode checkout = call("POST", "/v1/checkouts", Map.of("amount", request.amount().minor(),
                "currency", request.amount().currency(), "reference", request.orderId(),
                "success_url", request.returnUrl().toString(), "cancel_url", request.cancelUrl().toString()), request.idempotencyKey());
        return CheckoutSession.hosted(checkout.path("id").asText(), URI.create(checkout.path("url").asText()));
    }

    @Override
    public List<PaymentEvent> parseWebhook(WebhookRequest raw) throws WebhookRejectedException {
        byte[] body = raw.body();
        if (body.length > MAX_BODY) {
            throw new WebhookRejectedException(WebhookRejectedException.Reason.MALFORMED, "body over " + MAX_BODY + " bytes");
        }
        String header = raw.header("Acme-Signature").orElseThrow(() -> new WebhookRejectedException(
                WebhookRejectedException.Reason.BAD_SIGNATURE, "no Acme-Signature header"));
        Matcher m = SIGNATURE.matcher(header);
        if (!m.matches()) {
            throw new WebhookRejectedException(WebhookRejectedException.Reason.MALFORMED, "Acme-Signature is not t=<seconds>,v1=<64 hex>");
        }
        long t = Long.parseLong(m.group(1));
        if (!MessageDigest.isEqual(sign(webhookSecret, t, body), HexFormat.of().parseHex(m.group(2)))) {
            throw new WebhookRejectedException(WebhookRejectedException.Reason.BAD_SIGNATURE, "signature does not match");
        }
        if (Math.abs(clock.instant().getEpochSecond() - t) > TOLERANCE.toSeconds()) {
            throw new WebhookRejectedException(WebhookRejectedException.Reason.STALE_TIMESTAMP, "signed at t=" + t + ", outside " + TOLERANCE);
        }
        try {
            JsonNode event = JSON.readTree(body);
            Outcome outcome = EVENTS.get(event.get("type").textValue());
            if (outcome == null) {
                return List.of(); // verified, but nothing the engine needs: acknowledged and ignored
            }
            JsonNode checkout = event.get("data").get("object");
            return List.of(new PaymentEvent(event.get("id").textValue(), checkout.get("id").textValue(), checkout.path("reference").textValue(),
                    outcome, money(checkout, "amount"), Instant.ofEpochSecond(event.get("created").longValue()), event.get("type").textValue()));
        } catch (IOException | RuntimeException e) { // unreadable JSON, a missing field or a bad amount
            throw new WebhookRejectedException(WebhookRejectedException.Reason.MALFORMED, "event cannot be read: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public PaymentStatus fetch(FetchRequest request) {
        JsonNode checkout = call("GET", "/v1/checkouts/" + URLEncoder.encode(request.providerReference(), StandardCharsets.UTF_8), null, null);
        // a state we cannot map is reported as unknown, never guessed
        Outcome outcome = STATES.getOrDefault(checkout.path("status").asText(), Outcome.UNDEFINED);
        return new PaymentStatus(checkout.path("id").asText(), outcome, money(checkout, "amount"), money(checkout, "refunded"), clock.instant());
    }

    @Override
    public RefundResult refund(RefundRequest request) {
        JsonNode refund = call("POST", "/v1/refunds", Map.of("checkout", request.providerReference(),
                "amount", request.amount().minor(), "currency", request.amount().currency()), request.idempotencyKey());
        Outcome outcome = STATES.getOrDefault(refund.path("status").asText(), Outcome.UNDEFINED);
        return new RefundResult(refund.path("id").asText(), outcome, money(refund, "amount"));
    }

    /** One call to Acme's API; every failure becomes a PaymentGatewayException whose reason tells the engine what is known. */
    private JsonNode call(String method, String path, Map<String, Object> body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiBase + path)).timeout(timeout)
                .header("Authorization", "Bearer " + apiKey).header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.valueToTree(body).toString()));
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new PaymentGatewayException(Reason.TIMEOUT, method + " " + path + ": no answer from Acme within " + timeout, e);
        } catch (IOException e) {
            throw new PaymentGatewayException(Reason.UNAVAILABLE, method + " " + path + ": Acme unreachable (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PaymentGatewayException(Reason.TIMEOUT, method + " " + path + ": interrupted", e);
        }
        int status = response.statusCode();
        Reason failure = status == 401 || status == 403 ? Reason.CONFIGURATION : status == 404 ? Reason.NOT_FOUND
                : status >= 500 ? Reason.UNAVAILABLE : status >= 400 ? Reason.REJECTED : null;
        try {
            JsonNode answer = JSON.readTree(response.body());
            if (failure != null) {
                throw new PaymentGatewayException(failure, method + " " + path + ": Acme answered " + status + " " + answer.path("error").asText());
            }
            return answer;
        } catch (IOException e) {
            throw new PaymentGatewayException(failure != null ? failure : Reason.UNAVAILABLE, method + " " + path + ": unreadable answer, HTTP " + status);
        }
    }

    private static Money money(JsonNode node, String field) {
        if (!node.path(field).isIntegralNumber()) {
            throw new IllegalArgumentException(field + " is not a whole number");
        }
        return new Money(node.path(field).longValue(), node.path("currency").textValue());
    }

    /** HMAC-SHA256 over the ASCII seconds, a dot and the raw body: Acme's documented scheme. */
    static byte[] sign(byte[] secret, long t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is in every JDK", e);
        }
    }
}
