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
    /** The policy caps seats (maxUsers) and the validation did not name scope.user. */
    USER_SCOPE_REQUIRED,
    /** scope.user holds no seat on the license. */
    USER_SCOPE_MISMATCH,
    /** More seats are held than the policy allows (validation: the seller lowered maxUsers; add: no seat is free). */
    TOO_MANY_USERS,
    /** The body is JSON but not a request this endpoint understands: bad key, field, type or size. */
    MALFORMED,
    // ---- machine and check-in actions (ok: true for these six)
    ACTIVATED, ALREADY_ACTIVATED, DEACTIVATED, HEARTBEAT_OK, CHECKED_IN, LISTED,
    /** The license took its policy's activations for the current hour. */
    ACTIVATION_RATE_LIMITED,
    /** No machine of this license has that fingerprint (deactivate, heartbeat). */
    MACHINE_NOT_FOUND,
    // ---- seats (ok: true for these three; TOO_MANY_USERS above when none is free)
    SEAT_CLAIMED, ALREADY_SEATED, SEAT_RELEASED,
    /** No seat of this license is held by that user (users/remove). */
    USER_NOT_FOUND,
    /**
     * An admin switched license activations off for a while (activate, users/add). Validation, heartbeats,
     * check-ins and deactivation keep answering: software already activated keeps working.
     */
    ACTIVATIONS_DISABLED
}
