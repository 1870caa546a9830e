package com.mintreu.engine.message;

import java.util.Locale;

/** Which side of a conversation wrote a message or is looking at it. */
public enum Side {
    CUSTOMER, SELLER;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Side other() {
        return this == CUSTOMER ? SELLER : CUSTOMER;
    }

    static Side of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
