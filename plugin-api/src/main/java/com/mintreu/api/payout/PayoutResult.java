package com.mintreu.api.payout;

import java.util.Objects;

/**
 * What a {@link PayoutMethod} did with one payout.
 *
 * @param reference the method's reference (a transfer id, a bank reference), or null when it has none yet
 * @param detail    a short human sentence for the admin (why it failed), or null
 */
public record PayoutResult(Status status, String reference, String detail) {

    /** The state a payout method reports. */
    public enum Status { PAID, PENDING, FAILED }

    public PayoutResult {
        Objects.requireNonNull(status, "status");
    }
}
