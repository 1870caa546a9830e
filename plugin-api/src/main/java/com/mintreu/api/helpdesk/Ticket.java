package com.mintreu.api.helpdesk;

/**
 * A ticket as stored. Times are epoch milliseconds of the engine's clock.
 *
 * @param firstResponseAt when the first public reply not by the customer was written, or null
 * @param solvedAt        when it was last marked solved (cleared when reopened), or null
 * @param closedAt        when it was closed, or null
 */
public record Ticket(String id, String customerId, String sellerId, String assigneeId, TicketLink link, String subject,
        TicketStatus status, TicketPriority priority, long createdAt, long updatedAt, Long firstResponseAt, Long solvedAt,
        Long closedAt) {}
