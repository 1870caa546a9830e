package com.mintreu.api.helpdesk;

import java.util.List;

/** One page of tickets, newest first; {@code nextCursor} is null on the last page. */
public record TicketPage(List<Ticket> data, String nextCursor) {

    public TicketPage {
        data = List.copyOf(data);
    }
}
