package com.mintreu.api.helpdesk;

/**
 * Changes to a ticket's fields; each null field is left as it is.
 *
 * @param ticketId   the ticket
 * @param status     the status to move to (a move of {@link TicketStatus#canMoveTo}), or null
 * @param priority   the new priority, or null
 * @param assigneeId the user who now handles the ticket (the seller, or an admin who takes over), or null
 */
public record TicketUpdate(String ticketId, TicketStatus status, TicketPriority priority, String assigneeId) {}
