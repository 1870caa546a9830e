package com.mintreu.api.event;

import java.time.Instant;

/**
 * A license moved between {@code active}, {@code suspended} and {@code revoked} (terminal).
 * Caches of license answers drop the license on this event.
 *
 * @param eventId       see {@link DomainEvent#eventId()}
 * @param occurredAt    see {@link DomainEvent#occurredAt()}
 * @param licenseId     the license ({@code lic_...})
 * @param entitlementId the entitlement it belongs to
 * @param customerId    its owner
 * @param from          the status before, e.g. {@code "active"}
 * @param to            the status now, e.g. {@code "revoked"}
 * @param reason        why, when one was given; may be null
 */
public record LicenseStatusChanged(String eventId, Instant occurredAt, String licenseId, String entitlementId, String customerId, String from,
        String to, String reason) implements DomainEvent {

    /** The stable type name. */
    public static final String TYPE = "license.status-changed";

    @Override
    public String type() {
        return TYPE;
    }
}
