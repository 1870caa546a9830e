package com.mintreu.api.helpdesk;

import java.util.List;

/** A message as stored; {@code internal} ones are notes the customer never sees. */
public record TicketMessage(String id, String ticketId, String authorId, Side side, boolean internal, String body,
        List<Attachment> attachments, long createdAt) {

    public TicketMessage {
        attachments = List.copyOf(attachments);
    }
}
