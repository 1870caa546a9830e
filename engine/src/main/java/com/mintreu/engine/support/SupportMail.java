package com.mintreu.engine.support;

import com.mintreu.api.helpdesk.Side;
import com.mintreu.api.helpdesk.Ticket;
import com.mintreu.api.helpdesk.TicketMessage;
import com.mintreu.engine.config.ServerConfig;
import com.mintreu.engine.config.SupportConfig;
import com.mintreu.engine.notify.Outbox;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.PrincipalResolver;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

/**
 * Mail to the other side of a ticket on every public message, through the outbox like receipts.
 * Internal notes never reach here. The staff side is the assignee (the seller, or the admin who
 * took the ticket over), else {@code support.adminEmail} for tickets without a seller.
 */
@Singleton
final class SupportMail {

    private final Outbox outbox;
    private final PrincipalResolver users;
    private final Jdbi jdbi;
    private final SupportConfig config;
    private final String baseUrl;

    @Inject
    SupportMail(Outbox outbox, PrincipalResolver users, Jdbi jdbi, SupportConfig config, ServerConfig server) {
        this.outbox = outbox;
        this.users = users;
        this.jdbi = jdbi;
        this.config = config;
        String url = server.publicUrl().toString();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    void opened(Ticket t, String body) {
        staffAddress(t).ifPresent(to -> send(to, "New support ticket: " + t.subject(), t, body));
    }

    void replied(Ticket t, TicketMessage m) {
        Optional<String> to = m.side() == Side.CUSTOMER ? staffAddress(t) : users.byUserId(t.customerId()).map(Principal::email);
        to.ifPresent(address -> send(address, "Re: " + t.subject(), t, m.body()));
    }

    private Optional<String> staffAddress(Ticket t) {
        String staff = t.assigneeId() != null ? t.assigneeId() : t.sellerId();
        if (staff != null) {
            return users.byUserId(staff).map(Principal::email);
        }
        return config.adminEmail().isBlank() ? Optional.empty() : Optional.of(config.adminEmail());
    }

    private void send(String to, String subject, Ticket t, String body) {
        String text = body + "\n\n-- \nAnswer or follow the ticket: " + baseUrl + "/account/tickets/" + t.id() + "\n";
        jdbi.useTransaction(h -> outbox.mail(h, to, subject + " [" + t.id() + "]", text));
    }
}
