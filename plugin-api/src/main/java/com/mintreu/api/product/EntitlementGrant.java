package com.mintreu.api.product;

import java.time.Instant;
import java.util.Map;

/**
 * Something a buyer may now use, as decided by a {@link ProductType}. The engine stores it as an
 * entitlement and delivers it (a download link, a license key, an API key...).
 *
 * @param kind      what it is: {@code download}, {@code license}, {@code api_key}, {@code subscription},
 *                  {@code package}, {@code service}
 * @param data      kind-specific settings, e.g. {@code maxDownloads} for a download
 * @param expiresAt when the right ends; null for never
 */
public record EntitlementGrant(String kind, Map<String, String> data, Instant expiresAt) {

    public EntitlementGrant {
        data = Map.copyOf(data);
    }
}
