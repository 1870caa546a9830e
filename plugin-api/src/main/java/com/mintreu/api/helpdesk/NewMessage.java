package com.mintreu.api.helpdesk;

import java.util.List;

/**
 * A message to append to a ticket.
 *
 * @param id          the engine's id ({@code tkm_...})
 * @param ticketId    the ticket it belongs to
 * @param authorId    the user who wrote it
 * @param side        which side the author speaks for
 * @param internal    true for an internal note: seller and admins see it, the customer never
 * @param body        the text as typed
 * @param attachments files already stored by the engine; may be empty
 * @param moveTo      the status the ticket moves to with this message, or null to leave it
 */
public record NewMessage(String id, String ticketId, String authorId, Side side, boolean internal, String body,
        List<Attachment> attachments, TicketStatus moveTo) {

    public NewMessage {
        attachments = List.copyOf(attachments);
    }
}
