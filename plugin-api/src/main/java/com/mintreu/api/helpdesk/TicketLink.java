package com.mintreu.api.helpdesk;

import java.util.Locale;

/**
 * What a ticket is about: an order, a license or a product of the shop, kept with the ticket so both
 * sides see it. A ticket opened without a purchase has no link.
 *
 * @param kind      what {@code id} names
 * @param id        the order, license or product id
 * @param productId the product concerned (for an order: the product the customer picked), or null
 */
public record TicketLink(Kind kind, String id, String productId) {

    public TicketLink {
        if (kind == null || id == null || id.isBlank()) {
            throw new IllegalArgumentException("a ticket link needs a kind and an id");
        }
    }

    /** What a link names. */
    public enum Kind {
        ORDER,
        LICENSE,
        PRODUCT;

        /** The lower-case id used in URLs, JSON and the database. */

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The constant with this {@link #id()}; IllegalArgumentException for an unknown one. */

        public static Kind of(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }
    }
}
