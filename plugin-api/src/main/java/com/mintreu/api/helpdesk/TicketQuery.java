package com.mintreu.api.helpdesk;

import java.util.Set;

/**
 * Which tickets to list; every null (or empty) filter matches all.
 *
 * @param customerId   opened by this user
 * @param sellerId     about this seller's products
 * @param adminQueue   when true, only tickets without a seller (those go to the admins)
 * @param statuses     in one of these statuses
 * @param productId    linked to this product
 * @param createdSince created at or after this epoch millisecond
 * @param cursor       the {@link TicketPage#nextCursor()} of the previous page, or null for the first
 * @param limit        at most this many, 1 to 500
 */
public record TicketQuery(String customerId, String sellerId, boolean adminQueue, Set<TicketStatus> statuses, String productId,
        Long createdSince, String cursor, int limit) {

    public TicketQuery {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("limit must be 1 to 500, got " + limit);
        }
    }
}
