package com.mintreu.plugins.paymentstripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.api.money.Money;
import com.mintreu.api.payment.GatewayEvent;
import com.mintreu.api.payment.SubscriptionEvent;
import com.mintreu.api.payment.SubscriptionEvent.Kind;
import com.mintreu.api.payment.WebhookRejectedException;
import com.mintreu.api.payment.WebhookRejectedException.Reason;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Stripe's billing events as the engine's {@link SubscriptionEvent}s: {@code invoice.paid} (a period
 * paid, the invoice {@code in_...} as payment reference, the period of its subscription line),
 * {@code invoice.payment_failed}, {@code customer.subscription.updated} (only a flip of the
 * scheduled cancelation is news), {@code customer.subscription.deleted}, and the subscription a
 * completed Checkout Session in subscription mode created. Read from the raw JSON like
 * {@link StripeEvents}, in both invoice shapes: the subscription at the top ({@code subscription},
 * {@code subscription_details}) before API 2025-03-31, under {@code parent.subscription_details} since.
 */
final class StripeSubscriptionEvents {

    static final String INVOICE_PAID = "invoice.paid";
    static final String INVOICE_FAILED = "invoice.payment_failed";
    static final String UPDATED = "customer.subscription.updated";
    static final String DELETED = "customer.subscription.deleted";

    static final Set<String> TYPES = Set.of(INVOICE_PAID, INVOICE_FAILED, UPDATED, DELETED);

    private StripeSubscriptionEvents() {
    }

    static List<GatewayEvent> normalize(String eventId, String type, JsonNode object, Map<String, Object> previous, Instant created)
            throws WebhookRejectedException {
        return switch (type) {
            case INVOICE_PAID, INVOICE_FAILED -> invoice(eventId, type, object, created);
            case UPDATED -> updated(eventId, object, previous, created);
            case DELETED -> List.of(subscriptionEvent(eventId, type, object, Kind.CANCELED, created));
            default -> List.of();
        };
    }

    /** A Checkout Session in subscription mode that completed: the subscription exists at Stripe now. */
    static List<GatewayEvent> activated(String eventId, JsonNode session, Instant created) {
        String sub = idOf(session.path("subscription"));
        if (!"subscription".equals(session.path("mode").asText("")) || sub == null) {
            return List.of();
        }
        return List.of(new SubscriptionEvent(eventId + ":subscription", sub, StripeEvents.text(session, "client_reference_id"),
                StripeEvents.text(session.path("metadata"), SubscriptionParams.SUBSCRIPTION_ID), Kind.ACTIVATED, null, null, null, null,
                created, StripeEvents.COMPLETED));
    }

    private static List<GatewayEvent> invoice(String eventId, String type, JsonNode invoice, Instant created) throws WebhookRejectedException {
        expect(invoice, "invoice", type);
        JsonNode parent = invoice.path("parent").path("subscription_details");
        String sub = idOf(parent.path("subscription"));
        if (sub == null) {
            sub = idOf(invoice.path("subscription"));
        }
        JsonNode line = subscriptionLine(invoice);
        if (sub == null && line != null) {
            sub = idOf(line.path("parent").path("subscription_item_details").path("subscription"));
        }
        if (sub == null) {
            return List.of(); // a one-off invoice: not a subscription's
        }
        String engineId = StripeEvents.text(parent.path("metadata"), SubscriptionParams.SUBSCRIPTION_ID);
        if (engineId == null) {
            engineId = StripeEvents.text(invoice.path("subscription_details").path("metadata"), SubscriptionParams.SUBSCRIPTION_ID);
        }
        if (engineId == null && line != null) {
            engineId = StripeEvents.text(line.path("metadata"), SubscriptionParams.SUBSCRIPTION_ID);
        }
        String invoiceId = required(invoice, "id", type);
        boolean paid = type.equals(INVOICE_PAID);
        Money amount = money(invoice, paid ? "amount_paid" : "amount_due", type);
        if (paid && amount.isZero()) {
            // a trial's first invoice: nothing was paid, the subscription just exists
            return List.of(new SubscriptionEvent(eventId, sub, null, engineId, Kind.ACTIVATED, null, null, null, null, created, type));
        }
        Instant start = line == null ? null : seconds(line.path("period").path("start"));
        Instant end = line == null ? null : seconds(line.path("period").path("end"));
        return List.of(new SubscriptionEvent(eventId, sub, null, engineId, paid ? Kind.PERIOD_PAID : Kind.PAYMENT_FAILED, amount,
                paid ? start : null, paid ? end : null, invoiceId, created, type));
    }

    /** The first line that bills the subscription (it carries the period), else the first line, else null. */
    private static JsonNode subscriptionLine(JsonNode invoice) {
        JsonNode lines = invoice.path("lines").path("data");
        if (!lines.isArray() || lines.isEmpty()) {
            return null;
        }
        for (JsonNode line : lines) {
            if (line.path("parent").path("subscription_item_details").isObject() || line.path("subscription").isTextual()) {
                return line;
            }
        }
        return lines.get(0);
    }

    /** Only a change of the scheduled cancelation ({@code cancel_at_period_end}, or {@code cancel_at}) is reported. */
    private static List<GatewayEvent> updated(String eventId, JsonNode sub, Map<String, Object> previous, Instant created)
            throws WebhookRejectedException {
        expect(sub, "subscription", UPDATED);
        if (previous == null) {
            return List.of();
        }
        Boolean scheduled = null;
        if (previous.containsKey("cancel_at_period_end")) {
            scheduled = sub.path("cancel_at_period_end").asBoolean(false);
            if (scheduled.equals(previous.get("cancel_at_period_end"))) {
                scheduled = null;
            }
        } else if (previous.containsKey("cancel_at")) {
            boolean now = sub.path("cancel_at").isIntegralNumber();
            boolean before = previous.get("cancel_at") != null;
            scheduled = now == before ? null : now;
        }
        if (scheduled == null) {
            return List.of();
        }
        return List.of(subscriptionEvent(eventId, UPDATED, sub, scheduled ? Kind.CANCEL_SCHEDULED : Kind.CANCEL_UNDONE, created));
    }

    private static SubscriptionEvent subscriptionEvent(String eventId, String type, JsonNode sub, Kind kind, Instant created)
            throws WebhookRejectedException {
        expect(sub, "subscription", type);
        return new SubscriptionEvent(eventId, required(sub, "id", type), StripeEvents.text(sub.path("metadata"), StripeEvents.ORDER_ID),
                StripeEvents.text(sub.path("metadata"), SubscriptionParams.SUBSCRIPTION_ID), kind, null, null, null, null, created, type);
    }

    /** An id given as a string or as an expanded object. */
    private static String idOf(JsonNode node) {
        if (node.isTextual() && !node.asText().isBlank()) {
            return node.asText();
        }
        return node.isObject() ? StripeEvents.text(node, "id") : null;
    }

    private static Instant seconds(JsonNode node) {
        return node.isIntegralNumber() ? Instant.ofEpochSecond(node.asLong()) : null;
    }

    private static void expect(JsonNode object, String kind, String type) throws WebhookRejectedException {
        if (!kind.equals(object.path("object").asText(""))) {
            throw new WebhookRejectedException(Reason.MALFORMED, type + " should carry a " + kind + ", got '" + object.path("object").asText("") + "'");
        }
    }

    private static Money money(JsonNode object, String field, String type) throws WebhookRejectedException {
        JsonNode amount = object.get(field);
        String currency = StripeEvents.text(object, "currency");
        if (amount == null || !amount.isIntegralNumber() || !amount.canConvertToLong() || currency == null) {
            throw new WebhookRejectedException(Reason.MALFORMED, type + " needs a whole " + field + " and a currency");
        }
        return new Money(amount.asLong(), currency.toUpperCase(Locale.ROOT));
    }

    private static String required(JsonNode object, String field, String type) throws WebhookRejectedException {
        String value = StripeEvents.text(object, field);
        if (value == null) {
            throw new WebhookRejectedException(Reason.MALFORMED, type + " needs '" + field + "'");
        }
        return value;
    }
}
