package com.mintreu.api.payment;

import com.mintreu.api.money.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * The provider reports a dispute (chargeback) of a payment, when it opens and when it ends. The
 * engine suspends what the order granted while a dispute is open, reinstates it when the shop
 * wins and revokes it (and books the loss) when the shop loses. Disputes are keyed by
 * (gateway, {@link #providerDisputeId()}); a repeated status changes nothing.
 *
 * @param providerEventId   see {@link GatewayEvent#providerEventId()}
 * @param providerDisputeId the provider's id of the dispute, the same in every event about it
 * @param providerReference the disputed payment, see {@link GatewayEvent#providerReference()}
 * @param orderId           see {@link GatewayEvent#orderId()}; may be null
 * @param amount            the disputed amount, positive, in the payment's currency
 * @param status            where the dispute stands
 * @param reason            the provider's reason code, e.g. {@code fraudulent}; may be null
 * @param occurredAt        see {@link GatewayEvent#occurredAt()}
 * @param rawType           see {@link GatewayEvent#rawType()}
 */
public record DisputeEvent(String providerEventId, String providerDisputeId, String providerReference, String orderId, Money amount,
        Status status, String reason, Instant occurredAt, String rawType) implements GatewayEvent {

    /** Where a dispute stands at the provider. */
    public enum Status {
        /** The customer disputed the payment; the provider holds the amount until it is decided. */
        OPENED,
        /** Decided for the shop: the money stays. */
        WON,
        /** Decided for the customer: the money went back to them. */
        LOST
    }

    public DisputeEvent {
        Objects.requireNonNull(providerEventId, "providerEventId");
        Objects.requireNonNull(providerDisputeId, "providerDisputeId");
        Objects.requireNonNull(providerReference, "providerReference");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(rawType, "rawType");
        if (amount.minor() <= 0) {
            throw new IllegalArgumentException("disputed amount must be positive, got " + amount);
        }
    }
}
