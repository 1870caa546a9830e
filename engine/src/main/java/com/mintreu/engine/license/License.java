package com.mintreu.engine.license;

/**
 * A license key issued for a {@code license} entitlement. The key is a signed token that bears no
 * secret (see {@link com.mintreu.api.license.LicenseScheme}), so it is stored as issued and the
 * customer can always see it again. Times are epoch ms; {@code expiresAt} null = never (the expiry
 * set at issue; a policy with a duration overrides it, see {@link Validator}). {@code planId} is
 * null only for a license whose order line is gone. {@code extendedMs}: what renewals and extensions
 * added to the effective expiry. {@code maxUsers}: the seats bought with this license (a seats
 * subscription's quantity), overriding the policy's cap; null: the policy decides.
 */
public record License(String id, String entitlementId, String productId, String planId, String customerId, String scheme, String key,
        LicenseStatus status, Long expiresAt, long createdAt, Long firstActivatedAt, Long firstValidatedAt, Long lastCheckInAt,
        long extendedMs, Integer maxUsers) {

    /** A license as issued: no activation, validation or check-in yet. */
    static License issued(String id, String entitlementId, String productId, String planId, String customerId, String scheme, String key,
            Long expiresAt, long createdAt) {
        return new License(id, entitlementId, productId, planId, customerId, scheme, key, LicenseStatus.ACTIVE, expiresAt, createdAt,
                null, null, null, 0, null);
    }

    /** True once {@code nowMillis} reached the stored expiry (grace periods are the validator's business). */
    public boolean expiredAt(long nowMillis) {
        return expiresAt != null && nowMillis >= expiresAt;
    }
}
