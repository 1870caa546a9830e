package com.mintreu.plugins.helpdesk;

import com.mintreu.api.PluginContext;
import com.mintreu.api.helpdesk.Helpdesk;
import com.mintreu.api.helpdesk.NewMessage;
import com.mintreu.api.helpdesk.NewTicket;
import com.mintreu.api.helpdesk.Ticket;
import com.mintreu.api.helpdesk.TicketMessage;
import com.mintreu.api.helpdesk.TicketPage;
import com.mintreu.api.helpdesk.TicketQuery;
import com.mintreu.api.helpdesk.TicketThread;
import com.mintreu.api.helpdesk.TicketUpdate;
import java.util.Optional;
import org.pf4j.Extension;

/** Tickets in the shop's own database (tables {@code helpdesk_builtin_*}). */
@Extension
public final class BuiltinHelpdesk implements Helpdesk {

    public static final String ID = "helpdesk-builtin";

    private volatile TicketStore store;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void start(PluginContext ctx) {
        store = new TicketStore(ctx.jdbi(), ctx::clock);
    }

    @Override
    public Ticket open(NewTicket ticket) {
        return store().open(ticket);
    }

    @Override
    public TicketMessage addMessage(NewMessage message) {
        return store().addMessage(message);
    }

    @Override
    public Ticket update(TicketUpdate update) {
        return store().update(update);
    }

    @Override
    public Optional<TicketThread> get(String ticketId) {
        return store().thread(ticketId);
    }

    @Override
    public TicketPage list(TicketQuery query) {
        return store().list(query);
    }

    private TicketStore store() {
        TicketStore s = store;
        if (s == null) {
            throw new IllegalStateException(ID + " is not started");
        }
        return s;
    }
}
