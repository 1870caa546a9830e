package com.mintreu.api.event;

import java.time.Instant;

/**
 * A customer was granted something to use: a download, a license, an API key... Written when
 * the entitlement row is created, once per entitlement.
 *
 * @param eventId       see {@link DomainEvent#eventId()}
 * @param occurredAt    see {@link DomainEvent#occurredAt()}
 * @param entitlementId the entitlement ({@code ent_...})
 * @param customerId    its owner ({@code usr_...})
 * @param productId     the product it is for ({@code prd_...})
 * @param kind          what it is, as the product type granted it, e.g. {@code "download"}, {@code "license"}
 * @param orderId       the order it was bought with; null for a seller's manual grant
 * @param lineId        the order line; null for a manual grant
 */
public record EntitlementGranted(String eventId, Instant occurredAt, String entitlementId, String customerId, String productId, String kind,
        String orderId, String lineId) implements DomainEvent {

    /** The stable type name. */
    public static final String TYPE = "entitlement.granted";

    @Override
    public String type() {
        return TYPE;
    }
}
