package com.mintreu.plugins.paymentpaypal;

import com.mintreu.api.money.Money;
import com.mintreu.api.payment.DisputeEvent;
import com.mintreu.api.payment.GatewayEvent;
import com.mintreu.api.payment.Outcome;
import com.mintreu.api.payment.PaymentEvent;
import com.mintreu.api.payment.RefundEvent;
import java.time.Instant;

/**
 * One verified PayPal webhook event in this plugin's terms, before it becomes the engine's
 * {@link GatewayEvent}.
 *
 * @param eventId   PayPal's event id ({@code WH-...}), the engine's deduplication key
 * @param type      PayPal's event type, e.g. {@code PAYMENT.CAPTURE.COMPLETED}
 * @param kind      what happened
 * @param reference the PayPal order id (the engine's provider reference); for refunds, reversals
 *                  and disputes looked up from the capture they name
 * @param orderId   the engine's order id from {@code custom_id}, or null when PayPal did not echo it
 * @param subjectId the capture, refund or dispute id the event is about
 * @param amount    the amount the event concerns (captured, refunded, reversed, disputed)
 * @param status    the refund's {@code status} for refunds and reversals; for disputes resolved
 *                  PayPal's {@code dispute_outcome.outcome_code}; else null
 * @param echo      for refunds, the {@code invoice_id} this plugin sent with a refund it started
 *                  (the engine's refund id); for disputes PayPal's {@code reason}; else null
 * @param at        when PayPal created the event
 */
record WebhookNotice(String eventId, String type, Kind kind, String reference, String orderId, String subjectId,
        Money amount, String status, String echo, Instant at) {

    /** The kinds of events this plugin understands. */
    enum Kind { PAYMENT_SUCCEEDED, PAYMENT_PENDING, PAYMENT_DECLINED, REFUNDED, REVERSED, DISPUTE_OPENED, DISPUTE_RESOLVED }

    /** Whether the event names a capture rather than the PayPal order (the reference is then looked up). */
    boolean aboutCapture() {
        return kind == Kind.REFUNDED || kind == Kind.REVERSED || kind == Kind.DISPUTE_OPENED || kind == Kind.DISPUTE_RESOLVED;
    }

    /** This notice with the PayPal order id (and the engine's order id, when the event lacked it) of its capture. */
    WebhookNotice withOrder(String paypalOrderId, String engineOrderId) {
        return new WebhookNotice(eventId, type, kind, paypalOrderId, orderId != null ? orderId : engineOrderId, subjectId, amount,
                status, echo, at);
    }

    /**
     * The engine's event. A reversal is PayPal taking the captured money back to the buyer, so
     * it is a refund the shop did not start. Dispute outcomes: the shop keeps the money on
     * {@code RESOLVED_SELLER_FAVOUR}, {@code CANCELED_BY_BUYER} and {@code DENIED} (won); the buyer
     * gets it on {@code RESOLVED_BUYER_FAVOUR}, {@code ACCEPTED} and {@code RESOLVED_WITH_PAYOUT}
     * (lost: the purchase is revoked). Unknown statuses are caught in {@link Webhooks}.
     */
    GatewayEvent toEvent() {
        return switch (kind) {
            case PAYMENT_SUCCEEDED -> payment(Outcome.SUCCEEDED);
            case PAYMENT_PENDING -> payment(Outcome.PENDING);
            case PAYMENT_DECLINED -> payment(Outcome.DECLINED);
            case REFUNDED, REVERSED -> new RefundEvent(eventId, subjectId, reference, orderId, echo, amount, refundStatus(status), at, type);
            case DISPUTE_OPENED -> new DisputeEvent(eventId, subjectId, reference, orderId, amount, DisputeEvent.Status.OPENED, echo, at, type);
            case DISPUTE_RESOLVED -> new DisputeEvent(eventId, subjectId, reference, orderId, amount,
                    disputeStatus(status), echo, at, type);
        };
    }

    private PaymentEvent payment(Outcome outcome) {
        return new PaymentEvent(eventId, reference, orderId, outcome, amount, at, type);
    }

    /** PayPal's refund status (Payments v2) as the SPI's, or null for one this plugin does not know. */
    static RefundEvent.Status refundStatus(String status) {
        return switch (status) {
            case "COMPLETED" -> RefundEvent.Status.SUCCEEDED;
            case "PENDING" -> RefundEvent.Status.PENDING;
            case "FAILED", "CANCELLED" -> RefundEvent.Status.FAILED;
            default -> null;
        };
    }

    /** PayPal's {@code dispute_outcome.outcome_code} as won or lost, or null for one this plugin does not know. */
    static DisputeEvent.Status disputeStatus(String outcome) {
        return switch (outcome) {
            case "RESOLVED_SELLER_FAVOUR", "CANCELED_BY_BUYER", "DENIED" -> DisputeEvent.Status.WON;
            case "RESOLVED_BUYER_FAVOUR", "RESOLVED_WITH_PAYOUT", "ACCEPTED" -> DisputeEvent.Status.LOST;
            default -> null;
        };
    }
}
