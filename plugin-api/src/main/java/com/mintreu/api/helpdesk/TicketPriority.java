package com.mintreu.api.helpdesk;

import java.util.Locale;

/** How urgent a ticket is; set by the seller or an admin, shown to all participants. */
public enum TicketPriority {
    LOW,
    NORMAL,
    HIGH,
    URGENT;

    /** The lower-case id used in URLs, JSON and the database. */

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant with this {@link #id()}; IllegalArgumentException for an unknown one. */

    public static TicketPriority of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
