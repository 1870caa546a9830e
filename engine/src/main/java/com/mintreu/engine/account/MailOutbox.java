package com.mintreu.engine.account;

import com.mintreu.engine.config.ServerConfig;
import com.mintreu.engine.notify.Outbox;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;

/**
 * Account mails: links on this engine's public URL, written through the engine's {@link Outbox}
 * in the caller's transaction, so a mail exists exactly when the change it announces committed.
 */
@Singleton
final class MailOutbox {

    private final String baseUrl;
    private final Outbox outbox;

    @Inject
    MailOutbox(ServerConfig server, Outbox outbox) {
        String url = server.publicUrl().toString();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.outbox = outbox;
    }

    /** An absolute link to {@code pathAndQuery} on this engine's public URL. */
    String link(String pathAndQuery) {
        return baseUrl + pathAndQuery;
    }

    void enqueue(Handle h, String to, String subject, String text, long now) {
        outbox.mail(h, to, subject, text);
    }
}
