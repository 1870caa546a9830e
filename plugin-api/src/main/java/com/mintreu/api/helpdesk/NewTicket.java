package com.mintreu.api.helpdesk;

/**
 * A ticket to store, with its first message.
 *
 * @param id         the engine's id ({@code tkt_...})
 * @param customerId the user who opens it
 * @param sellerId   the seller whose product it is about, or null: then it goes to the admins
 * @param link       the order, license or product it is about, or null
 * @param subject    one line, as typed
 * @param priority   the starting priority
 * @param first      the opening message (public, by the customer)
 */
public record NewTicket(String id, String customerId, String sellerId, TicketLink link, String subject, TicketPriority priority,
        NewMessage first) {}
