package com.mintreu.engine.message;

import com.mintreu.engine.config.ServerConfig;
import com.mintreu.engine.notify.Outbox;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.PrincipalResolver;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mail to the other side of a conversation on each message, written to the outbox in the
 * message's transaction (like receipts). It carries a link, not the message: a message an admin
 * hides later must not live on in mailboxes, and a mail cannot become a channel around the limits.
 */
@Singleton
final class MessageMails {

    private static final Logger LOG = LoggerFactory.getLogger(MessageMails.class);

    private final Outbox outbox;
    private final PrincipalResolver users;
    private final String baseUrl;

    @Inject
    MessageMails(Outbox outbox, PrincipalResolver users, ServerConfig server) {
        this.outbox = outbox;
        this.users = users;
        String url = server.publicUrl().toString();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Tells {@code to}'s side of {@code c} that {@code from}'s side wrote. */
    void write(Handle h, Conversation c, Side to) {
        String recipient = to == Side.CUSTOMER ? c.customerId() : c.sellerId();
        String email = users.byUserId(recipient).map(Principal::email).orElse(null);
        if (email == null) {
            LOG.warn("no mail for message in {}: user {} not found", c.id(), recipient);
            return;
        }
        String who = to == Side.CUSTOMER ? "The seller" : c.customerName();
        String link = baseUrl + (to == Side.CUSTOMER ? "/account/messages/" : "/seller/messages/") + c.id();
        outbox.mail(h, email, "New message: " + c.subject(),
                who + " wrote about \"" + c.productTitle() + "\" (" + c.subject() + ").\n\nRead and answer it here: " + link + "\n");
    }
}
