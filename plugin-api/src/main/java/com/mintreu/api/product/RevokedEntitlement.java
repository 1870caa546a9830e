package com.mintreu.api.product;

import java.util.Map;

/**
 * An entitlement the engine revoked.
 *
 * @param entitlementId the entitlement ({@code ent_...})
 * @param kind          its kind, as granted
 * @param lineId        the order line it came from
 * @param reason        why: {@code refund}, {@code chargeback}, {@code admin}
 * @param data          its data, as granted
 */
public record RevokedEntitlement(String entitlementId, String kind, String lineId, String reason, Map<String, String> data) {

    public RevokedEntitlement {
        data = Map.copyOf(data);
    }
}
