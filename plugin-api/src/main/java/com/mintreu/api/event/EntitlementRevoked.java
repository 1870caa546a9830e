package com.mintreu.api.event;

import java.time.Instant;

/**
 * An active entitlement was revoked (a refund, a chargeback, an admin, its license revoked).
 * Written once per entitlement: a second revocation of a revoked one writes nothing.
 *
 * @param eventId       see {@link DomainEvent#eventId()}
 * @param occurredAt    see {@link DomainEvent#occurredAt()}
 * @param entitlementId the entitlement ({@code ent_...})
 * @param customerId    its owner ({@code usr_...})
 * @param kind          what it was, e.g. {@code "license"}
 * @param orderId       the order it was bought with; null for a manual grant
 * @param lineId        the order line; null for a manual grant
 * @param reason        why, as given by whoever revoked it
 */
public record EntitlementRevoked(String eventId, Instant occurredAt, String entitlementId, String customerId, String kind, String orderId,
        String lineId, String reason) implements DomainEvent {

    /** The stable type name. */
    public static final String TYPE = "entitlement.revoked";

    @Override
    public String type() {
        return TYPE;
    }
}
