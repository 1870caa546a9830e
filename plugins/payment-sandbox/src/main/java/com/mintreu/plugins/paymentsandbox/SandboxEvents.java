package com.mintreu.plugins.paymentsandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mintreu.api.money.Money;
import com.mintreu.api.payment.DisputeEvent;
import com.mintreu.api.payment.GatewayEvent;
import com.mintreu.api.payment.Outcome;
import com.mintreu.api.payment.PaymentEvent;
import com.mintreu.api.payment.RefundEvent;
import com.mintreu.api.payment.WebhookRejectedException;
import com.mintreu.api.payment.WebhookRejectedException.Reason;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox's webhook body: {@code {"id":"evt_...","type":"payment.succeeded","created":<unix s>,
 * "data":{"reference":"cs_...","orderId":"ord_...","amount":1999,"currency":"EUR"}}}. Refunds
 * ({@code refund.succeeded|pending|failed}) add {@code data.refundId} and optionally
 * {@code data.engineRefundId}; disputes ({@code dispute.opened|won|lost}) add {@code data.disputeId}
 * and optionally {@code data.reason}. The amount of a refund or dispute is its own, not a total.
 */
final class SandboxEvents {

    static final Map<SessionState, String> TYPES = Map.of(
            SessionState.SUCCEEDED, "payment.succeeded",
            SessionState.DECLINED, "payment.declined",
            SessionState.PENDING, "payment.pending");

    private static final Map<String, Outcome> OUTCOMES = Map.of(
            "payment.succeeded", Outcome.SUCCEEDED,
            "payment.declined", Outcome.DECLINED,
            "payment.pending", Outcome.PENDING);

    private static final Map<String, RefundEvent.Status> REFUNDS = Map.of(
            "refund.succeeded", RefundEvent.Status.SUCCEEDED,
            "refund.pending", RefundEvent.Status.PENDING,
            "refund.failed", RefundEvent.Status.FAILED);

    private static final Map<String, DisputeEvent.Status> DISPUTES = Map.of(
            "dispute.opened", DisputeEvent.Status.OPENED,
            "dispute.won", DisputeEvent.Status.WON,
            "dispute.lost", DisputeEvent.Status.LOST);

    private static final ObjectMapper JSON = new ObjectMapper();

    private SandboxEvents() {
    }

    /** The JSON body of the event telling that {@code session} moved to {@code state}. */
    static String body(String eventId, SessionState state, Session session, Instant created) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", eventId);
        root.put("type", TYPES.get(state));
        root.put("created", created.getEpochSecond());
        ObjectNode data = root.putObject("data");
        data.put("reference", session.id());
        data.put("orderId", session.orderId());
        data.put("amount", session.amount().minor());
        data.put("currency", session.amount().currency());
        return root.toString();
    }

    /** The event in an already verified body; unknown types give none (acknowledged and ignored). */
    static List<GatewayEvent> parse(byte[] body) throws WebhookRejectedException {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                throw new WebhookRejectedException(Reason.MALFORMED, "body is not a JSON object");
            }
            String type = text(root, "type");
            Outcome outcome = OUTCOMES.get(type);
            if (outcome == null && !REFUNDS.containsKey(type) && !DISPUTES.containsKey(type)) {
                return List.of();
            }
            JsonNode data = root.path("data");
            JsonNode amount = data.path("amount");
            JsonNode created = root.path("created");
            if (!amount.canConvertToLong() || !amount.isIntegralNumber() || !created.isIntegralNumber()) {
                throw new WebhookRejectedException(Reason.MALFORMED, "amount and created must be whole numbers");
            }
            String orderId = optional(data, "orderId");
            Money money = new Money(amount.asLong(), text(data, "currency"));
            Instant at = Instant.ofEpochSecond(created.asLong());
            if (REFUNDS.containsKey(type)) {
                return List.of(new RefundEvent(text(root, "id"), text(data, "refundId"), text(data, "reference"), orderId,
                        optional(data, "engineRefundId"), money, REFUNDS.get(type), at, type));
            }
            if (DISPUTES.containsKey(type)) {
                return List.of(new DisputeEvent(text(root, "id"), text(data, "disputeId"), text(data, "reference"), orderId, money,
                        DISPUTES.get(type), optional(data, "reason"), at, type));
            }
            return List.of(new PaymentEvent(text(root, "id"), text(data, "reference"), orderId, outcome, money, at, type));
        } catch (IOException | IllegalArgumentException e) {
            throw new WebhookRejectedException(Reason.MALFORMED, "body cannot be read: " + e.getClass().getSimpleName());
        }
    }

    private static String optional(JsonNode node, String field) {
        return Optional.ofNullable(node.get(field)).filter(JsonNode::isTextual).map(JsonNode::asText).orElse(null);
    }

    private static String text(JsonNode node, String field) throws WebhookRejectedException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new WebhookRejectedException(Reason.MALFORMED, "missing text field '" + field + "'");
        }
        return value.asText();
    }
}
