package com.mintreu.engine.metering;

/**
 * One API key of a purchase (an {@code api_key} entitlement). The key itself is never stored: only
 * its SHA-256 and {@code prefix}, the first characters lists show. Times are epoch ms.
 *
 * @param expiresAt set when the key was rolled: it works until then, beside its successor {@code rolledTo}
 */
record ApiKey(String id, String entitlementId, String customerId, String productId, String sellerId, String name, String prefix,
        Status status, long createdAt, Long expiresAt, String rolledTo, Long revokedAt, String revokeReason, Long lastUsedAt) {

    /** Active keys verify; a suspended key (by its seller) answers SUSPENDED until unsuspended; revoked is final. */
    enum Status {
        ACTIVE, SUSPENDED, REVOKED;

        String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Status of(String id) {
            return valueOf(id.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** Rolled, and its overlap is over. */
    boolean expiredAt(long now) {
        return expiresAt != null && now >= expiresAt;
    }

    /** Whether the key counts against the purchase's key limit: not revoked, and not a rolled key past its overlap. */
    boolean liveAt(long now) {
        return status != Status.REVOKED && !expiredAt(now);
    }

    /** A key just made: the record and the key, which is shown this once. */
    record Created(ApiKey key, String secret) {}
}
