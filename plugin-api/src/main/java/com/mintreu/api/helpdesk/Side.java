package com.mintreu.api.helpdesk;

import java.util.Locale;

/** Who wrote a message: the customer who opened the ticket, the seller of the linked product, or an admin. */
public enum Side {
    CUSTOMER,
    SELLER,
    ADMIN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Side of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
