package com.mintreu.plugins.paymentpaypal;

import com.mintreu.api.money.Money;
import com.mintreu.api.payment.Outcome;
import com.mintreu.api.payment.PaymentEvent;
import java.time.Instant;
import java.util.Optional;

/**
 * One verified PayPal webhook event in this plugin's terms, before it is reduced to what the
 * engine's {@link PaymentEvent} can carry.
 *
 * @param eventId   PayPal's event id ({@code WH-...}), the engine's deduplication key
 * @param type      PayPal's event type, e.g. {@code PAYMENT.CAPTURE.COMPLETED}
 * @param kind      what happened
 * @param reference the PayPal order id for payment events (the engine's provider reference);
 *                  the capture id for refunds, reversals and disputes
 * @param orderId   the engine's order id from {@code custom_id}, or null when PayPal did not echo it
 * @param subjectId the capture, refund or dispute id the event is about
 * @param amount    the amount the event concerns (captured, refunded, reversed, disputed)
 * @param outcome   for disputes resolved: PayPal's {@code dispute_outcome.outcome_code}; else null
 * @param at        when PayPal created the event
 */
record WebhookNotice(String eventId, String type, Kind kind, String reference, String orderId, String subjectId,
        Money amount, String outcome, Instant at) {

    /** The kinds of events this plugin understands. */
    enum Kind { PAYMENT_SUCCEEDED, PAYMENT_PENDING, PAYMENT_DECLINED, REFUNDED, REVERSED, DISPUTE_OPENED, DISPUTE_RESOLVED }

    /**
     * The engine's event for payment kinds. Refunds, reversals and disputes give none: the
     * current {@link PaymentEvent} only says how a payment went (see the README: what the SPI
     * needs for them), and reporting a refund as a payment outcome would mislead the engine.
     */
    Optional<PaymentEvent> toPaymentEvent() {
        Outcome o = switch (kind) {
            case PAYMENT_SUCCEEDED -> Outcome.SUCCEEDED;
            case PAYMENT_PENDING -> Outcome.PENDING;
            case PAYMENT_DECLINED -> Outcome.DECLINED;
            default -> null;
        };
        return o == null ? Optional.empty() : Optional.of(new PaymentEvent(eventId, reference, orderId, o, amount, at, type));
    }
}
