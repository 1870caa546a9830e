package com.mintreu.engine.support;

import com.mintreu.api.helpdesk.Side;
import com.mintreu.api.helpdesk.Ticket;
import com.mintreu.api.helpdesk.TicketMessage;
import com.mintreu.api.helpdesk.TicketStatus;
import java.util.List;

/**
 * A ticket as one participant may see it: a customer gets the public messages only.
 *
 * @param viewer which side the caller is on for this ticket
 */
public record TicketView(Ticket ticket, List<TicketMessage> messages, Side viewer) {

    public TicketView {
        messages = List.copyOf(messages);
    }

    public boolean staff() {
        return viewer != Side.CUSTOMER;
    }

    public boolean closed() {
        return ticket.status() == TicketStatus.CLOSED;
    }

    public boolean solvable() {
        return ticket.status().canMoveTo(TicketStatus.SOLVED);
    }

    public boolean closable() {
        return staff() && ticket.status() == TicketStatus.SOLVED;
    }
}
