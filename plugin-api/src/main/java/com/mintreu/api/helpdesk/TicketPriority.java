package com.mintreu.api.helpdesk;

import java.util.Locale;

/** How urgent a ticket is; set by the seller or an admin, shown to all participants. */
public enum TicketPriority {
    LOW,
    NORMAL,
    HIGH,
    URGENT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TicketPriority of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
