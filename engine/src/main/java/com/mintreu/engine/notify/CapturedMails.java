package com.mintreu.engine.notify;

import java.time.Clock;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

/** The mails kept instead of sent while no SMTP server is configured ({@code mail.keepUnsent}, the demo). SQL only. */
@Singleton
final class CapturedMails {

    /** One kept mail. */
    record Mail(String id, String recipient, String subject, String body, long createdAt) {}

    private final Jdbi jdbi;
    private final Clock clock;

    @Inject
    CapturedMails(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Keeps a mail once: {@code id} is the outbox message id, so a redelivery is a no-op. */
    void keep(String id, String recipient, String subject, String body) {
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO captured_mails (id, recipient, subject, body, created_at) VALUES (:id, :to, :subject, :body, :now)
                ON CONFLICT (id) DO NOTHING""")
                .bind("id", id).bind("to", recipient).bind("subject", subject).bind("body", body).bind("now", clock.millis()).execute());
    }

    /** Newest first. */
    List<Mail> latest(int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT id, recipient, subject, body, created_at FROM captured_mails ORDER BY created_at DESC, id DESC LIMIT :limit""")
                .bind("limit", limit)
                .map((rs, ctx) -> new Mail(rs.getString("id"), rs.getString("recipient"), rs.getString("subject"), rs.getString("body"),
                        rs.getLong("created_at")))
                .list());
    }
}
