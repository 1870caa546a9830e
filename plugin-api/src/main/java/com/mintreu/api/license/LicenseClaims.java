package com.mintreu.api.license;

import java.time.Instant;
import java.util.Objects;

/**
 * What a license key asserts, as signed.
 *
 * @param licenseId  the engine's license ({@code lic_...})
 * @param productId  the product it unlocks ({@code prd_...})
 * @param customerId the owner ({@code usr_...}), or null when the scheme should not embed it
 * @param issuedAt   when it was issued; schemes may truncate to whole seconds
 * @param expiresAt  when it stops being valid, or null for never; schemes may truncate to seconds
 */
public record LicenseClaims(String licenseId, String productId, String customerId, Instant issuedAt, Instant expiresAt) {

    public LicenseClaims {
        Objects.requireNonNull(licenseId, "licenseId");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(issuedAt, "issuedAt");
    }

    /** Whether the claims have expired at {@code now}; never when there is no expiry. */
    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
