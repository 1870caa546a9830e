package com.mintreu.api.helpdesk;

import com.mintreu.api.Extension;
import java.util.Optional;

/**
 * Where support tickets and their messages live. The engine decides who may open, read, answer and
 * change a ticket, which status a reply moves it to, and who is mailed; an implementation only
 * stores and finds, and enforces the one rule that needs the store: a status is written with a
 * conditional update that accepts only the moves of {@link TicketStatus#canMoveTo}, so two racing
 * changes never both apply. {@code support.helpdesk} names the one in use ({@code helpdesk-builtin}
 * by default); a plugin could bridge to an external helpdesk through the same calls.
 *
 * <p>Every call comes through the engine's plugin dispatcher with a timeout. Ids of tickets,
 * messages and attachments are made by the engine and passed in; a bridge keeps its own mapping.
 * Texts arrive as the user typed them: escaping is the engine's, when it renders.
 */
public interface Helpdesk extends Extension {

    /**
     * Stores a new ticket with its first message, in one transaction. Called once per ticket.
     *
     * @throws HelpdeskException {@link HelpdeskException.Reason#CONFLICT} when {@code ticket.id()} exists
     */
    Ticket open(NewTicket ticket);

    /**
     * Appends a message (a public reply or an internal note) and, when {@link NewMessage#moveTo()}
     * is set, moves the ticket's status in the same transaction. A move to the status the ticket is
     * already in is no change; any other move must be in {@link TicketStatus#canMoveTo}, checked by
     * the conditional update that writes it, else nothing is written. The first public message
     * whose author is not the customer sets the ticket's first response time.
     *
     * @throws HelpdeskException NOT_FOUND for an unknown ticket, CONFLICT for a move not allowed from the status found
     */
    TicketMessage addMessage(NewMessage message);

    /**
     * Changes status, priority and/or assignee, each when given. A status change must be a move of
     * {@link TicketStatus#canMoveTo} from the status found (the same status is a conflict too: it
     * is how two racing "mark solved" clicks learn that one of them lost). Moving to
     * {@link TicketStatus#SOLVED} records the resolution time, moving away from it clears it.
     *
     * @throws HelpdeskException NOT_FOUND for an unknown ticket, CONFLICT for a move not allowed
     */
    Ticket update(TicketUpdate update);

    /** The ticket with all its messages, oldest first (internal notes included: the engine filters). */
    Optional<TicketThread> get(String ticketId);

    /** Tickets matching {@code query}, newest first, one page at a time. */
    TicketPage list(TicketQuery query);
}
