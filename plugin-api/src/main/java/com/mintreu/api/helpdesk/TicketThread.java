package com.mintreu.api.helpdesk;

import java.util.List;

/** A ticket and all its messages, oldest first. */
public record TicketThread(Ticket ticket, List<TicketMessage> messages) {

    public TicketThread {
        messages = List.copyOf(messages);
    }
}
