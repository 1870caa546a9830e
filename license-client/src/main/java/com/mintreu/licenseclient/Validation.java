package com.mintreu.licenseclient;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A verified answer of {@code /api/v1/licenses/validate}.
 *
 * @param valid      the server's verdict ({@code VALID}, {@code IN_GRACE}, {@code EXPIRED} under allow)
 * @param code       the stable code (e.g. {@code VALID}, {@code IN_GRACE}, {@code EXPIRED}, {@code NOT_FOUND})
 * @param detail     a human explanation, for logs
 * @param serverTime the server's {@code ts} when it answered
 * @param license    what the server said about the license; empty for keys it did not issue
 * @param stale      true when the server was unreachable and this is the last verified answer, from the cache
 */
public record Validation(boolean valid, String code, String detail, Instant serverTime, Optional<License> license, boolean stale) {

    /**
     * The license as its client sees it; {@code expiresAt} is empty for a license that does not run out.
     * {@code users} is the seats held, {@code maxUsers} the policy's cap (empty: unlimited).
     */
    public record License(String id, String status, Optional<Instant> expiresAt, String product, List<String> entitlements, int machines,
            int maxMachines, int users, OptionalInt maxUsers) {}

    /** Where the license stands with respect to its expiry. */
    public enum Grace {
        /** Not expired (or no expiry). */
        NONE,
        /** Past its expiry but within the policy's grace period: still valid, tell the user to renew. */
        IN_GRACE,
        /** Past expiry and grace. */
        EXPIRED
    }

    /** The grace state, from the code. */
    public Grace grace() {
        return switch (code) {
            case "IN_GRACE" -> Grace.IN_GRACE;
            case "EXPIRED" -> Grace.EXPIRED;
            default -> Grace.NONE;
        };
    }

    /** The license's effective expiry, when it has one (the grace period runs from it). */
    public Optional<Instant> expiresAt() {
        return license.flatMap(License::expiresAt);
    }

    Validation asStale() {
        return new Validation(valid, code, detail, serverTime, license, true);
    }
}
