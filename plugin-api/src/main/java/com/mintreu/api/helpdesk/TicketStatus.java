package com.mintreu.api.helpdesk;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where a ticket stands. The moves a helpdesk may write are exactly those of {@link #canMoveTo}:
 * a reply moves the ball to the other side, either side may mark it solved, a customer's reply
 * reopens a solved ticket, and closed is final.
 */
public enum TicketStatus {
    OPEN,
    WAITING_ON_CUSTOMER,
    WAITING_ON_SELLER,
    SOLVED,
    CLOSED;

    private static final Map<TicketStatus, Set<TicketStatus>> MOVES = Map.of(
            OPEN, Set.of(WAITING_ON_CUSTOMER, WAITING_ON_SELLER, SOLVED, CLOSED),
            WAITING_ON_CUSTOMER, Set.of(WAITING_ON_SELLER, SOLVED, CLOSED),
            WAITING_ON_SELLER, Set.of(WAITING_ON_CUSTOMER, SOLVED, CLOSED),
            SOLVED, Set.of(WAITING_ON_SELLER, WAITING_ON_CUSTOMER, CLOSED),
            CLOSED, Set.of());

    /** Whether a ticket in this status may be moved to {@code next}; never to itself. */
    public boolean canMoveTo(TicketStatus next) {
        return MOVES.get(this).contains(next);
    }

    /** The statuses a ticket may be moved to {@code next} from. */
    public static Set<TicketStatus> from(TicketStatus next) {
        Set<TicketStatus> from = java.util.EnumSet.noneOf(TicketStatus.class);
        MOVES.forEach((status, moves) -> {
            if (moves.contains(next)) {
                from.add(status);
            }
        });
        return from;
    }

    /** The lower-case id used in URLs, JSON and the database, e.g. {@code waiting_on_seller}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Words for people, e.g. "waiting on seller". */
    public String label() {
        return id().replace('_', ' ');
    }

    /** The status with this {@link #id()}. */
    public static TicketStatus of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
