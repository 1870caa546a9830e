package com.mintreu.engine.license;

import java.util.Locale;

/**
 * A seat on a license, held by a user the seller's app names (an email or an account name). Users
 * compare case-insensitively: {@link #keyOf} is the identity, {@code user} is shown as first claimed.
 * Times are epoch ms.
 */
public record Seat(String id, String licenseId, String user, long createdAt) {

    /** The case-insensitive identity of a user name (already trimmed). */
    static String keyOf(String user) {
        return user.toLowerCase(Locale.ROOT);
    }

    /**
     * What validation needs to know about a license's seats: how many are held, and whether the
     * scope's user holds one (false without a scope user). A count, not the list: a license may
     * have up to a million seats.
     */
    record Tally(int held, boolean userSeated) {}
}
