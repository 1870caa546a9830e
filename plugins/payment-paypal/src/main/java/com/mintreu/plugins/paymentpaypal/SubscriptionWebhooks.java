package com.mintreu.plugins.paymentpaypal;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.api.money.Money;
import com.mintreu.api.payment.SubscriptionEvent;
import com.mintreu.api.payment.SubscriptionEvent.Kind;
import com.mintreu.api.payment.WebhookRejectedException;
import com.mintreu.api.payment.WebhookRejectedException.Reason;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * PayPal's subscription webhooks (already verified by {@link Webhooks}) as the engine's
 * {@link SubscriptionEvent}s:
 * <ul>
 * <li>{@code BILLING.SUBSCRIPTION.ACTIVATED} → ACTIVATED;</li>
 * <li>{@code PAYMENT.SALE.COMPLETED} with a {@code billing_agreement_id} → PERIOD_PAID, the sale id
 *     as payment reference; the subscription is read for its {@code custom_id} and, when its
 *     last payment is this sale, the period: from the sale to {@code next_billing_time};</li>
 * <li>{@code BILLING.SUBSCRIPTION.PAYMENT.FAILED} → PAYMENT_FAILED, {@code last_failed_payment};</li>
 * <li>{@code BILLING.SUBSCRIPTION.CANCELLED}, {@code .EXPIRED}, {@code .SUSPENDED} → CANCELED: PayPal
 *     bills it no more (it suspends after {@link Plans#FAILURE_THRESHOLD} failed renewals).</li>
 * </ul>
 * A sale without a billing agreement (a one-time Payments v1 sale) is not about a subscription: none.
 */
final class SubscriptionWebhooks {

    static final Set<String> TYPES = Set.of("BILLING.SUBSCRIPTION.ACTIVATED", "PAYMENT.SALE.COMPLETED",
            "BILLING.SUBSCRIPTION.PAYMENT.FAILED", "BILLING.SUBSCRIPTION.CANCELLED", "BILLING.SUBSCRIPTION.EXPIRED",
            "BILLING.SUBSCRIPTION.SUSPENDED");
    /** How far apart the sale's time and the subscription's {@code last_payment.time} may be to be one payment. */
    private static final Duration SAME_PAYMENT = Duration.ofMinutes(10);

    private final PayPalApi api;

    SubscriptionWebhooks(PayPalApi api) {
        this.api = api;
    }

    Optional<SubscriptionEvent> event(JsonNode event) throws WebhookRejectedException {
        String type = text(event, "event_type");
        String eventId = text(event, "id");
        Instant at = time(event, "create_time");
        JsonNode r = event.path("resource");
        if (!r.isObject()) {
            throw new WebhookRejectedException(Reason.MALFORMED, type + " without a resource object");
        }
        return switch (type) {
            case "PAYMENT.SALE.COMPLETED" -> sale(eventId, type, at, r);
            case "BILLING.SUBSCRIPTION.ACTIVATED" -> Optional.of(new SubscriptionEvent(eventId, subscriptionId(r, type), null,
                    optional(r, "custom_id"), Kind.ACTIVATED, null, null, null, null, at, type));
            case "BILLING.SUBSCRIPTION.PAYMENT.FAILED" -> Optional.of(failed(eventId, type, at, r));
            case "BILLING.SUBSCRIPTION.CANCELLED", "BILLING.SUBSCRIPTION.EXPIRED", "BILLING.SUBSCRIPTION.SUSPENDED" ->
                    Optional.of(new SubscriptionEvent(eventId, subscriptionId(r, type), null, optional(r, "custom_id"), Kind.CANCELED,
                            null, null, null, null, at, type));
            default -> Optional.empty();
        };
    }

    /**
     * A renewal's (or the first period's) payment. Sales carry Payments v1 amounts
     * ({@code total}, {@code currency}). The subscription is read because the sale need not carry
     * the {@code custom_id}, and for the period: the sale does not name it, but when the
     * subscription's last payment is this sale (same amount, within minutes) the period runs from
     * the sale (PayPal bills a cycle as it begins) to {@code next_billing_time}; for a late or
     * replayed sale that is not known, and the period is left to the engine (null).
     */
    private Optional<SubscriptionEvent> sale(String eventId, String type, Instant at, JsonNode sale) throws WebhookRejectedException {
        String agreement = optional(sale, "billing_agreement_id");
        if (agreement == null) {
            return Optional.empty();
        }
        if (!Subscriptions.ID.matcher(agreement).matches()) {
            throw new WebhookRejectedException(Reason.MALFORMED, type + " with billing_agreement_id " + agreement + " not in PayPal's form");
        }
        String saleId = text(sale, "id");
        Money amount = money(sale.path("amount"), "currency", "total", type);
        Instant paidAt = optional(sale, "create_time") == null ? at : time(sale, "create_time");
        JsonNode subscription = api.getSubscription(agreement);
        String custom = optional(subscription, "custom_id");
        if (custom == null) {
            custom = optional(sale, "custom_id") != null ? optional(sale, "custom_id") : optional(sale, "custom");
        }
        Instant periodStart = null;
        Instant periodEnd = null;
        JsonNode billing = subscription.path("billing_info");
        JsonNode last = billing.path("last_payment");
        Instant lastPaid = instantOrNull(optional(last, "time"));
        Instant next = instantOrNull(optional(billing, "next_billing_time"));
        if (lastPaid != null && next != null && next.isAfter(paidAt) && sameAmount(last.path("amount"), amount)
                && Duration.between(lastPaid, paidAt).abs().compareTo(SAME_PAYMENT) <= 0) {
            // PayPal bills a cycle when it begins: the sale starts the period that runs to the next billing
            periodStart = paidAt;
            periodEnd = next;
        }
        return Optional.of(new SubscriptionEvent(eventId, agreement, null, custom, Kind.PERIOD_PAID, amount, periodStart, periodEnd, saleId,
                at, type));
    }

    /**
     * PayPal names no payment for a failure; the reference is the subscription and the failure's
     * time, so two events about one failure are one, and each retry that fails is its own.
     */
    private static SubscriptionEvent failed(String eventId, String type, Instant at, JsonNode r) throws WebhookRejectedException {
        String id = subscriptionId(r, type);
        JsonNode failure = r.path("billing_info").path("last_failed_payment");
        JsonNode amount = failure.path("amount").isObject() ? failure.path("amount") : r.path("billing_info").path("outstanding_balance");
        Money money = money(amount, "currency_code", "value", type);
        String when = optional(failure, "time") != null ? time(failure, "time").toString() : at.toString();
        return new SubscriptionEvent(eventId, id, null, optional(r, "custom_id"), Kind.PAYMENT_FAILED, money, null, null,
                id + ":failed:" + when, at, type);
    }

    private static String subscriptionId(JsonNode r, String type) throws WebhookRejectedException {
        String id = text(r, "id");
        if (!Subscriptions.ID.matcher(id).matches()) {
            throw new WebhookRejectedException(Reason.MALFORMED, type + " with subscription id " + id + " not in PayPal's form");
        }
        return id;
    }

    private static boolean sameAmount(JsonNode paypal, Money amount) {
        try {
            return Amounts.parse(optional(paypal, "currency_code"), optional(paypal, "value")).equals(amount);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Money money(JsonNode amount, String currencyField, String valueField, String type) throws WebhookRejectedException {
        try {
            return Amounts.parse(optional(amount, currencyField), optional(amount, valueField));
        } catch (IllegalArgumentException e) {
            throw new WebhookRejectedException(Reason.MALFORMED, type + " with an unreadable amount");
        }
    }

    private static Instant time(JsonNode node, String field) throws WebhookRejectedException {
        try {
            return parse(text(node, field));
        } catch (DateTimeParseException e) {
            throw new WebhookRejectedException(Reason.MALFORMED, field + " is not an RFC 3339 time");
        }
    }

    private static Instant instantOrNull(String time) {
        try {
            return time == null ? null : parse(time);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant parse(String time) {
        return OffsetDateTime.parse(time).toInstant();
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
