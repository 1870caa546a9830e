package com.mintreu.api.helpdesk;

import java.util.Locale;

/** Who wrote a message: the customer who opened the ticket, the seller of the linked product, or an admin. */
public enum Side {
    CUSTOMER,
    SELLER,
    ADMIN;

    /** The lower-case id used in URLs, JSON and the database. */

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant with this {@link #id()}; IllegalArgumentException for an unknown one. */

    public static Side of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
