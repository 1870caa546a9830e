package com.mintreu.plugins.paymentpaypal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mintreu.api.money.Money;
import com.mintreu.api.payment.GatewayEvent;
import com.mintreu.api.payment.WebhookRejectedException;
import com.mintreu.api.payment.WebhookRejectedException.Reason;
import com.mintreu.api.payment.WebhookRequest;
import com.mintreu.plugins.paymentpaypal.WebhookNotice.Kind;
import com.paypal.sdk.models.CapturedPayment;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Reads and verifies PayPal webhooks. PayPal signs with a certificate of its own; its documented
 * check is to send the transmission headers, the webhook id and the event back to {@code POST
 * /v1/notifications/verify-webhook-signature} and accept only {@code verification_status:
 * SUCCESS}. Nothing in the event is trusted before that answer.
 *
 * <p>Order: size, the five {@code PAYPAL-*} headers (missing: BAD_SIGNATURE; not in PayPal's
 * documented form: MALFORMED), the transmission time (STALE_TIMESTAMP), the body is a JSON
 * object (MALFORMED), PayPal's verification (FAILURE: BAD_SIGNATURE; PayPal unreachable: a
 * {@link com.mintreu.api.payment.PaymentGatewayException}, so PayPal delivers again later), and
 * only then the event's fields.
 */
final class Webhooks {

    /** Larger bodies are refused unread; dispute events with messages are the largest PayPal sends. */
    static final int MAX_BYTES = 512 * 1024;
    /**
     * PayPal retries a delivery for up to 3 days, but each attempt is a new transmission (new id,
     * time and signature), so a transmission only needs to cover delivery and clock skew; an older
     * one is a recording being replayed.
     */
    static final Duration MAX_AGE = Duration.ofMinutes(15);
    static final Duration MAX_AHEAD = Duration.ofMinutes(5);

    /** Header name → field of the verify-webhook-signature request, with the shape PayPal documents. */
    private static final Map<String, Field> HEADERS = headers();

    private record Field(String name, Pattern form) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PayPalApi api;
    private final SubscriptionWebhooks subscriptions;
    private final String webhookId;
    private final Supplier<Clock> clock;

    Webhooks(PayPalApi api, String webhookId, Supplier<Clock> clock) {
        this.api = api;
        this.subscriptions = new SubscriptionWebhooks(api);
        this.webhookId = webhookId;
        this.clock = clock;
    }

    private static Map<String, Field> headers() {
        Map<String, Field> h = new LinkedHashMap<>();
        h.put("paypal-auth-algo", new Field("auth_algo", Pattern.compile("[a-zA-Z0-9]{1,100}")));
        h.put("paypal-cert-url", new Field("cert_url", Pattern.compile("https://\\S{1,492}")));
        h.put("paypal-transmission-id", new Field("transmission_id", Pattern.compile("(?!\\d+$)[\\w-]\\S{0,49}")));
        h.put("paypal-transmission-sig", new Field("transmission_sig", Pattern.compile("(?!\\d+$)\\S{1,500}")));
        h.put("paypal-transmission-time", new Field("transmission_time", Pattern.compile("\\S{1,100}")));
        return java.util.Collections.unmodifiableMap(h);
    }

    /** The verified event as the engine's, or empty for a verified event of a type this plugin does not use. */
    Optional<GatewayEvent> parse(WebhookRequest raw) throws WebhookRejectedException {
        byte[] body = raw.body();
        if (body.length > MAX_BYTES) {
            throw new WebhookRejectedException(Reason.MALFORMED, "body over " + MAX_BYTES + " bytes");
        }
        Map<String, String> transmission = new LinkedHashMap<>();
        for (Map.Entry<String, Field> h : HEADERS.entrySet()) {
            String value = raw.header(h.getKey()).orElse(null);
            if (value == null || value.isBlank()) {
                throw new WebhookRejectedException(Reason.BAD_SIGNATURE, "missing header " + h.getKey());
            }
            if (!h.getValue().form().matcher(value).matches()) {
                throw new WebhookRejectedException(Reason.MALFORMED, "header " + h.getKey() + " is not in PayPal's form");
            }
            transmission.put(h.getValue().name(), value);
        }
        checkFresh(transmission.get("transmission_time"));
        JsonNode event = readObject(body);
        if (!api.verifyWebhook(transmission, webhookId, body)) {
            throw new WebhookRejectedException(Reason.BAD_SIGNATURE, "PayPal did not verify the signature of transmission "
                    + transmission.get("transmission_id"));
        }
        if (SubscriptionWebhooks.TYPES.contains(event.path("event_type").asText())) {
            return subscriptions.event(event).map(e -> e);
        }
        Optional<WebhookNotice> notice = notice(event);
        return notice.isPresent() && notice.get().aboutCapture() ? Optional.of(withOrder(notice.get()).toEvent()) : notice.map(WebhookNotice::toEvent);
    }

    /**
     * Refund and dispute resources name the capture, not the PayPal order the engine knows the
     * payment by; the capture names its order ({@code supplementary_data.related_ids.order_id})
     * and carries the {@code custom_id} (the engine's order id) of the purchase, which refunds
     * started in PayPal's dashboard and some disputes lack. PayPal unreachable is a
     * {@link com.mintreu.api.payment.PaymentGatewayException}: PayPal delivers the event again.
     */
    private WebhookNotice withOrder(WebhookNotice notice) throws WebhookRejectedException {
        CapturedPayment capture = api.getCapture(notice.reference());
        String order = capture.getSupplementaryData() == null || capture.getSupplementaryData().getRelatedIds() == null
                ? null : capture.getSupplementaryData().getRelatedIds().getOrderId();
        if (order == null || order.isBlank()) {
            throw new WebhookRejectedException(Reason.MALFORMED, notice.type() + " names capture " + notice.reference()
                    + ", which PayPal reports without its order");
        }
        String custom = capture.getCustomId() == null || capture.getCustomId().isBlank() ? null : capture.getCustomId();
        return notice.withOrder(order, custom);
    }

    private void checkFresh(String time) throws WebhookRejectedException {
        Instant sent;
        try {
            sent = OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            throw new WebhookRejectedException(Reason.MALFORMED, "paypal-transmission-time is not an RFC 3339 time");
        }
        Instant now = clock.get().instant();
        if (sent.isBefore(now.minus(MAX_AGE)) || sent.isAfter(now.plus(MAX_AHEAD))) {
            throw new WebhookRejectedException(Reason.STALE_TIMESTAMP, "transmission time " + time + " is outside the accepted window");
        }
    }

    private static JsonNode readObject(byte[] body) throws WebhookRejectedException {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new WebhookRejectedException(Reason.MALFORMED, "body is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new WebhookRejectedException(Reason.MALFORMED, "body is not JSON: " + e.getClass().getSimpleName());
        }
    }

    /** Maps a verified event; a known type with missing fields is MALFORMED, an unknown type empty. */
    static Optional<WebhookNotice> notice(JsonNode event) throws WebhookRejectedException {
        String type = text(event, "event_type");
        Kind kind = switch (type) {
            case "PAYMENT.CAPTURE.COMPLETED" -> Kind.PAYMENT_SUCCEEDED;
            case "PAYMENT.CAPTURE.PENDING" -> Kind.PAYMENT_PENDING;
            case "PAYMENT.CAPTURE.DENIED", "PAYMENT.CAPTURE.DECLINED" -> Kind.PAYMENT_DECLINED;
            case "PAYMENT.CAPTURE.REFUNDED" -> Kind.REFUNDED;
            case "PAYMENT.CAPTURE.REVERSED" -> Kind.REVERSED;
            case "CUSTOMER.DISPUTE.CREATED" -> Kind.DISPUTE_OPENED;
            case "CUSTOMER.DISPUTE.RESOLVED" -> Kind.DISPUTE_RESOLVED;
            default -> null;
        };
        if (kind == null) {
            return Optional.empty();
        }
        String eventId = text(event, "id");
        Instant at = time(event, "create_time");
        JsonNode r = event.path("resource");
        if (!r.isObject()) {
            throw new WebhookRejectedException(Reason.MALFORMED, type + " without a resource object");
        }
        return Optional.of(switch (kind) {
            case PAYMENT_SUCCEEDED, PAYMENT_PENDING, PAYMENT_DECLINED -> {
                // a capture: its order is in supplementary_data.related_ids.order_id
                String captureId = text(r, "id");
                String paypalOrder = optional(r.path("supplementary_data").path("related_ids"), "order_id");
                yield new WebhookNotice(eventId, type, kind, paypalOrder != null ? paypalOrder : captureId,
                        optional(r, "custom_id"), captureId, amount(r.path("amount"), type), null, null, at);
            }
            case REFUNDED, REVERSED -> {
                // a refund: the capture it takes from is its "up" link (.../v2/payments/captures/{id})
                String refundId = text(r, "id");
                String status = text(r, "status");
                if (WebhookNotice.refundStatus(status) == null) {
                    throw new WebhookRejectedException(Reason.MALFORMED, type + " with refund status " + status + " this plugin does not know");
                }
                yield new WebhookNotice(eventId, type, kind, upCapture(r, type), optional(r, "custom_id"), refundId,
                        amount(r.path("amount"), type), status, optional(r, "invoice_id"), at);
            }
            case DISPUTE_OPENED, DISPUTE_RESOLVED -> {
                JsonNode transaction = r.path("disputed_transactions").path(0);
                String captureId = text(transaction, "seller_transaction_id");
                String custom = optional(transaction, "custom");
                String outcome = null;
                if (kind == Kind.DISPUTE_RESOLVED) {
                    outcome = text(r.path("dispute_outcome"), "outcome_code");
                    if (WebhookNotice.disputeStatus(outcome) == null) {
                        throw new WebhookRejectedException(Reason.MALFORMED, type + " with outcome " + outcome + " this plugin does not know");
                    }
                }
                yield new WebhookNotice(eventId, type, kind, captureId, custom, text(r, "dispute_id"),
                        amount(r.path("dispute_amount"), type), outcome, optional(r, "reason"), at);
            }
        });
    }

    private static String upCapture(JsonNode refund, String type) throws WebhookRejectedException {
        for (JsonNode link : refund.path("links")) {
            String href = link.path("href").asText("");
            int at = href.lastIndexOf("/captures/");
            if ("up".equals(link.path("rel").asText()) && at >= 0) {
                return href.substring(at + "/captures/".length());
            }
        }
        throw new WebhookRejectedException(Reason.MALFORMED, type + " without the capture it belongs to (links rel=up)");
    }

    private static Money amount(JsonNode amount, String type) throws WebhookRejectedException {
        try {
            return Amounts.parse(optional(amount, "currency_code"), optional(amount, "value"));
        } catch (IllegalArgumentException e) {
            throw new WebhookRejectedException(Reason.MALFORMED, type + " with an unreadable amount");
        }
    }

    private static Instant time(JsonNode node, String field) throws WebhookRejectedException {
        try {
            return OffsetDateTime.parse(text(node, field)).toInstant();
        } catch (DateTimeParseException e) {
            throw new WebhookRejectedException(Reason.MALFORMED, field + " is not an RFC 3339 time");
        }
    }

    private static String text(JsonNode node, String field) throws WebhookRejectedException {
        String value = optional(node, field);
        if (value == null) {
            throw new WebhookRejectedException(Reason.MALFORMED, "missing text field '" + field + "'");
        }
        return value;
    }

    private static String optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
