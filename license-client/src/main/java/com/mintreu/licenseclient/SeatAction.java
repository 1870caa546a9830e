package com.mintreu.licenseclient;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A verified answer of a seat action ({@code /api/v1/licenses/users/add}, {@code remove}, {@code list}).
 * Switch on {@code code}.
 *
 * @param ok         true for {@code SEAT_CLAIMED}, {@code ALREADY_SEATED}, {@code SEAT_RELEASED} and {@code LISTED}
 * @param code       the stable code: one of those, or {@code TOO_MANY_USERS}, {@code USER_NOT_FOUND}, a license-level
 *                   code ({@code NOT_FOUND}, {@code SUSPENDED}, {@code REVOKED}, {@code EXPIRED}, {@code OVERDUE}) or
 *                   {@code MALFORMED} (the key or the user was refused; {@code detail} names it)
 * @param detail     a human explanation, for logs
 * @param serverTime the server's {@code ts} when it answered
 * @param license    the license after the action (its {@code users} count included); empty for keys the engine
 *                   did not issue
 * @param seat       the seat a claim holds ({@code SEAT_CLAIMED}, {@code ALREADY_SEATED}); empty otherwise
 * @param seats      the license's seats for {@link LicenseClient#seats(String)} ({@code LISTED}); empty otherwise
 */
public record SeatAction(boolean ok, String code, String detail, Instant serverTime, Optional<Validation.License> license, Optional<Seat> seat,
        List<Seat> seats) {

    /**
     * A seat held on a license, as the engine keeps it.
     *
     * @param id        the engine's id ({@code lus_…})
     * @param user      the user as first claimed (the engine compares users ignoring letter case)
     * @param createdAt when it was claimed
     */
    public record Seat(String id, String user, Instant createdAt) {}
}
