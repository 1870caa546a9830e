package com.mintreu.api.payment;

import com.mintreu.api.money.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * The provider reports a refund of a payment: one the engine asked for through
 * {@link PaymentGateway#refund(RefundRequest)} (then {@link #engineRefundId()} is set when the
 * provider echoes it), or one started elsewhere, e.g. in the provider's dashboard. The engine
 * books a refund it did not ask for like its own: a refund record, the {@code OrderRefunded}
 * event, the ledger, and revocation of lines refunded in full. Refunds are deduplicated by
 * (gateway, {@link #providerRefundId()}), so reporting the same refund in several events is safe.
 *
 * @param providerEventId   see {@link GatewayEvent#providerEventId()}
 * @param providerRefundId  the provider's id of the refund, as in {@link RefundResult#providerRefundId()}
 * @param providerReference the refunded payment, see {@link GatewayEvent#providerReference()}
 * @param orderId           see {@link GatewayEvent#orderId()}; may be null
 * @param engineRefundId    the {@link RefundRequest#idempotencyKey()} the engine sent when it started this
 *                          refund and the provider echoes it (metadata); null for a refund started elsewhere
 * @param amount            the amount of this refund (not the running total), positive, in the payment's currency
 * @param status            where the refund stands
 * @param occurredAt        see {@link GatewayEvent#occurredAt()}
 * @param rawType           see {@link GatewayEvent#rawType()}
 */
public record RefundEvent(String providerEventId, String providerRefundId, String providerReference, String orderId, String engineRefundId,
        Money amount, Status status, Instant occurredAt, String rawType) implements GatewayEvent {

    /** Where a refund stands at the provider. */
    public enum Status {
        /** The money went back to the customer. */
        SUCCEEDED,
        /** The provider accepted the refund and settles it later; a later event says how it ended. */
        PENDING,
        /** The refund did not happen (refused, or reversed by the provider); no money moved. */
        FAILED
    }

    public RefundEvent {
        Objects.requireNonNull(providerEventId, "providerEventId");
        Objects.requireNonNull(providerRefundId, "providerRefundId");
        Objects.requireNonNull(providerReference, "providerReference");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(rawType, "rawType");
        if (amount.minor() <= 0) {
            throw new IllegalArgumentException("refund amount must be positive, got " + amount);
        }
    }
}
