package com.mintreu.engine.license;

/**
 * A license key issued for a {@code license} entitlement. The key is a signed token that bears no
 * secret (see {@link com.mintreu.api.license.LicenseScheme}), so it is stored as issued and the
 * customer can always see it again. Times are epoch ms; {@code expiresAt} null = never.
 */
public record License(String id, String entitlementId, String productId, String customerId, String scheme, String key,
        LicenseStatus status, Long expiresAt, long createdAt) {

    public boolean expiredAt(long nowMillis) {
        return expiresAt != null && nowMillis >= expiresAt;
    }
}
