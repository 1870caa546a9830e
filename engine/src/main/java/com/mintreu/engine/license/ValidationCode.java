package com.mintreu.engine.license;

/**
 * The stable codes of the license client API. Never renamed or reused once released; clients switch
 * on them. The order validation checks them in is in {@code license/README.md}.
 */
public enum ValidationCode {
    // ---- validation (valid: true only for VALID, IN_GRACE, and EXPIRED under the allow strategy)
    VALID, NOT_FOUND, SUSPENDED, REVOKED, EXPIRED, IN_GRACE, OVERDUE, NO_MACHINE, NO_MACHINES, TOO_MANY_MACHINES,
    FINGERPRINT_SCOPE_REQUIRED, FINGERPRINT_SCOPE_MISMATCH, PRODUCT_SCOPE_MISMATCH, ENTITLEMENTS_MISSING, HEARTBEAT_DEAD,
    VERSION_SCOPE_MISMATCH,
    /** The body is JSON but not a request this endpoint understands: bad key, field, type or size. */
    MALFORMED,
    // ---- machine and check-in actions (ok: true for these six)
    ACTIVATED, ALREADY_ACTIVATED, DEACTIVATED, HEARTBEAT_OK, CHECKED_IN, LISTED,
    /** The license took its policy's activations for the current hour. */
    ACTIVATION_RATE_LIMITED,
    /** No machine of this license has that fingerprint (deactivate, heartbeat). */
    MACHINE_NOT_FOUND
}
