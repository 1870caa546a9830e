package com.mintreu.plugins.paymentstripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mintreu.api.money.Money;
import com.mintreu.api.payment.DisputeEvent;
import com.mintreu.api.payment.GatewayEvent;
import com.mintreu.api.payment.Outcome;
import com.mintreu.api.payment.PaymentEvent;
import com.mintreu.api.payment.RefundEvent;
import com.mintreu.api.payment.WebhookRejectedException;
import com.mintreu.api.payment.WebhookRejectedException.Reason;
import com.stripe.model.Event;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a verified Stripe event into the engine's {@link GatewayEvent}s: payments, refunds, disputes,
 * and subscriptions' billing ({@link StripeSubscriptionEvents}).
 *
 * <p>The event's {@code data.object} is read from its raw JSON, not from stripe-java's typed
 * models: the library only deserializes it when the event's {@code api_version} equals the one it
 * pins ({@code EventDataObjectDeserializer#getObject()} is empty otherwise), and a Stripe account
 * sends events in the API version of its webhook endpoint. The few fields read here
 * ({@code id}, {@code amount_total}, {@code currency}, {@code payment_status}...) are the same in
 * every API version.
 */
final class StripeEvents {

    /** Metadata key carrying the engine's order id on sessions and payment intents. */
    static final String ORDER_ID = "order_id";
    /** Metadata key carrying the engine's refund id (its idempotency key) on refunds the plugin creates. */
    static final String REFUND_ID = "refund_id";

    static final String COMPLETED = "checkout.session.completed";
    static final String ASYNC_SUCCEEDED = "checkout.session.async_payment_succeeded";
    static final String ASYNC_FAILED = "checkout.session.async_payment_failed";
    static final String EXPIRED = "checkout.session.expired";
    static final String REFUNDED = "charge.refunded";
    static final String DISPUTE_CREATED = "charge.dispute.created";
    static final String DISPUTE_CLOSED = "charge.dispute.closed";
    static final String REFUND_CREATED = "refund.created";
    static final String REFUND_UPDATED = "refund.updated";
    static final String REFUND_FAILED = "refund.failed";

    /** The event types to enable on the endpoint; any other type is acknowledged and ignored. */
    static final Set<String> TYPES = Set.of(COMPLETED, ASYNC_SUCCEEDED, ASYNC_FAILED, EXPIRED, REFUNDED, DISPUTE_CREATED, DISPUTE_CLOSED,
            REFUND_CREATED, REFUND_UPDATED, REFUND_FAILED, StripeSubscriptionEvents.INVOICE_PAID, StripeSubscriptionEvents.INVOICE_FAILED,
            StripeSubscriptionEvents.UPDATED, StripeSubscriptionEvents.DELETED);

    private static final ObjectMapper JSON = new ObjectMapper();

    private StripeEvents() {
    }

    /**
     * Finds the Checkout Session that created a payment intent: disputes carry only the intent (and
     * no metadata), while the engine knows the order by its session. A read at Stripe, made only
     * after the event's signature was verified.
     */
    interface SessionLookup {
        /** The session's id and {@code client_reference_id} (the order id; may be null), or empty when none made it. */
        Optional<SessionRef> byPaymentIntent(String paymentIntentId);
    }

    /** A Checkout Session as far as event resolution needs it. */
    record SessionRef(String id, String orderId) {}

    static List<GatewayEvent> normalize(Event event, SessionLookup sessions) throws WebhookRejectedException {
        String type = event.getType();
        if (event.getId() == null || type == null || event.getCreated() == null) {
            throw new WebhookRejectedException(Reason.MALFORMED, "event without id, type or created");
        }
        if (!TYPES.contains(type)) {
            return List.of();
        }
        JsonNode object = dataObject(event);
        Instant created = Instant.ofEpochSecond(event.getCreated());
        try {
            return switch (type) {
                case REFUNDED -> chargeRefunded(event.getId(), object, created, sessions);
                case REFUND_CREATED, REFUND_UPDATED, REFUND_FAILED -> List.of(refund(event.getId(), type, object, created, sessions));
                case DISPUTE_CREATED, DISPUTE_CLOSED -> dispute(event.getId(), type, object, created, sessions);
                case COMPLETED -> {
                    // in subscription mode the session also created the subscription at Stripe
                    List<GatewayEvent> events = new ArrayList<>(List.of(session(event.getId(), type, object, created)));
                    events.addAll(StripeSubscriptionEvents.activated(event.getId(), object, created));
                    yield events;
                }
                case String t when StripeSubscriptionEvents.TYPES.contains(t) -> StripeSubscriptionEvents.normalize(event.getId(), t, object,
                        event.getData() == null ? null : event.getData().getPreviousAttributes(), created);
                default -> List.of(session(event.getId(), type, object, created));
            };
        } catch (IllegalArgumentException e) {
            // Money refused the currency, or a number did not fit
            throw new WebhookRejectedException(Reason.MALFORMED, type + " " + event.getId() + ": " + e.getMessage());
        }
    }

    private static PaymentEvent session(String eventId, String type, JsonNode session, Instant created) throws WebhookRejectedException {
        expectObject(session, "checkout.session", type);
        Outcome outcome = switch (type) {
            case COMPLETED -> switch (session.path("payment_status").asText("")) {
                case "paid" -> Outcome.SUCCEEDED;
                // an asynchronous method (bank debit, transfer): async_payment_succeeded or _failed follows
                case "unpaid" -> Outcome.PENDING;
                default -> Outcome.UNDEFINED;
            };
            case ASYNC_SUCCEEDED -> Outcome.SUCCEEDED;
            case ASYNC_FAILED -> Outcome.DECLINED;
            // the session can no longer take money and none was taken
            case EXPIRED -> Outcome.DECLINED;
            default -> throw new IllegalStateException("not a session event: " + type);
        };
        Instant at = type.equals(EXPIRED) && session.path("expires_at").isIntegralNumber()
                ? Instant.ofEpochSecond(session.get("expires_at").asLong()) : created;
        String orderId = text(session, "client_reference_id");
        return new PaymentEvent(eventId, required(session, "id", type), orderId != null ? orderId : text(session.path("metadata"), ORDER_ID),
                outcome, money(session, "amount_total", type), at, type);
    }

    /**
     * One {@link RefundEvent} per refund in the charge's {@code refunds} list (each with its own
     * amount, not the charge's running total; the engine deduplicates by refund id, so listing the
     * earlier refunds again books nothing). Endpoints on API versions since 2022-11-15 no longer
     * embed {@code refunds} in a charge: then this event reports nothing and the same refunds
     * arrive as {@code refund.*} events.
     */
    private static List<GatewayEvent> chargeRefunded(String eventId, JsonNode charge, Instant created, SessionLookup sessions)
            throws WebhookRejectedException {
        expectObject(charge, "charge", REFUNDED);
        JsonNode list = charge.path("refunds").path("data");
        if (!list.isArray() || list.isEmpty()) {
            return List.of();
        }
        Payment payment = payment(charge, text(charge.path("metadata"), ORDER_ID), REFUNDED, sessions);
        List<GatewayEvent> events = new ArrayList<>();
        for (JsonNode refund : list) {
            expectObject(refund, "refund", REFUNDED);
            events.add(refundEvent(eventId, REFUNDED, refund, payment, created));
        }
        return events;
    }

    /**
     * A {@code refund.created}, {@code .updated} or {@code .failed} event: the refund itself, in every
     * API version. One the plugin made names the order in its metadata; one made in the dashboard
     * names only the payment intent, whose session is looked up as for disputes.
     */
    private static RefundEvent refund(String eventId, String type, JsonNode refund, Instant created, SessionLookup sessions)
            throws WebhookRejectedException {
        expectObject(refund, "refund", type);
        return refundEvent(eventId, type, refund, payment(refund, text(refund.path("metadata"), ORDER_ID), type, sessions), created);
    }

    private static RefundEvent refundEvent(String eventId, String type, JsonNode refund, Payment payment, Instant created)
            throws WebhookRejectedException {
        RefundEvent.Status status = switch (refund.path("status").asText("")) {
            case "succeeded" -> RefundEvent.Status.SUCCEEDED;
            case "failed", "canceled" -> RefundEvent.Status.FAILED;
            default -> RefundEvent.Status.PENDING; // pending, requires_action: a later refund.updated settles it
        };
        return new RefundEvent(eventId, required(refund, "id", type), payment.reference(), payment.orderId(),
                text(refund.path("metadata"), REFUND_ID), money(refund, "amount", type), status, created, type);
    }

    /** A dispute opened or closed; Stripe's {@code won} / {@code lost} close it, any other closing status is left alone. */
    private static List<GatewayEvent> dispute(String eventId, String type, JsonNode dispute, Instant created, SessionLookup sessions)
            throws WebhookRejectedException {
        expectObject(dispute, "dispute", type);
        DisputeEvent.Status status;
        if (type.equals(DISPUTE_CREATED)) {
            status = DisputeEvent.Status.OPENED;
        } else {
            switch (dispute.path("status").asText("")) {
                case "won" -> status = DisputeEvent.Status.WON;
                case "lost" -> status = DisputeEvent.Status.LOST;
                // warning_closed: an inquiry closed without a chargeback; nothing was taken or held
                default -> status = DisputeEvent.Status.WON;
            }
        }
        Payment payment = payment(dispute, text(dispute.path("metadata"), ORDER_ID), type, sessions);
        return List.of(new DisputeEvent(eventId, required(dispute, "id", type), payment.reference(), payment.orderId(),
                money(dispute, "amount", type), status, text(dispute, "reason"), created, type));
    }

    private record Payment(String reference, String orderId) {}

    /**
     * The payment an object is about, named as the engine knows it: with an order id from the
     * metadata the reference is the payment intent; without one, the session that created the
     * intent is looked up (its id is the engine's reference, its client_reference_id the order).
     */
    private static Payment payment(JsonNode object, String orderId, String type, SessionLookup sessions) throws WebhookRejectedException {
        String reference = paymentReference(object, type);
        if (orderId != null || !reference.startsWith("pi_")) {
            return new Payment(reference, orderId);
        }
        return sessions.byPaymentIntent(reference).map(s -> new Payment(s.id(), s.orderId())).orElse(new Payment(reference, null));
    }

    /** The payment intent (an id, or an expanded object), else the charge itself. */
    private static String paymentReference(JsonNode object, String type) throws WebhookRejectedException {
        JsonNode intent = object.path("payment_intent");
        String id = intent.isObject() ? text(intent, "id") : text(object, "payment_intent");
        if (id != null) {
            return id;
        }
        JsonNode charge = object.path("charge");
        id = charge.isObject() ? text(charge, "id") : text(object, "charge");
        return id != null ? id : required(object, "id", type);
    }

    private static JsonNode dataObject(Event event) throws WebhookRejectedException {
        try {
            JsonNode object = JSON.readTree(event.getDataObjectDeserializer().getRawJson());
            if (object == null || !object.isObject()) {
                throw new WebhookRejectedException(Reason.MALFORMED, event.getType() + " " + event.getId() + " has no data.object");
            }
            return object;
        } catch (IOException | RuntimeException e) {
            throw new WebhookRejectedException(Reason.MALFORMED, event.getType() + " " + event.getId() + " has no readable data.object");
        }
    }

    private static void expectObject(JsonNode object, String kind, String type) throws WebhookRejectedException {
        if (!kind.equals(object.path("object").asText(""))) {
            throw new WebhookRejectedException(Reason.MALFORMED, type + " should carry a " + kind + ", got '" + object.path("object").asText("") + "'");
        }
    }

    private static Money money(JsonNode object, String field, String type) throws WebhookRejectedException {
        JsonNode amount = object.get(field);
        String currency = text(object, "currency");
        if (amount == null || !amount.isIntegralNumber() || !amount.canConvertToLong() || currency == null) {
            throw new WebhookRejectedException(Reason.MALFORMED, type + " needs a whole " + field + " and a currency");
        }
        return new Money(amount.asLong(), currency.toUpperCase(Locale.ROOT));
    }

    private static String required(JsonNode object, String field, String type) throws WebhookRejectedException {
        String value = text(object, field);
        if (value == null) {
            throw new WebhookRejectedException(Reason.MALFORMED, type + " needs '" + field + "'");
        }
        return value;
    }

    /** A non-blank text field, else null. */
    static String text(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
