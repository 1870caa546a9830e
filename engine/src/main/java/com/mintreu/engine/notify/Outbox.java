package com.mintreu.engine.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.web.Json;
import java.time.Clock;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;

/**
 * Writes messages to the outbox inside the caller's transaction: the change and the promise to
 * announce it commit together or not at all. {@link OutboxDispatcher} delivers after commit.
 */
@Singleton
public final class Outbox {

    /** The topic of mails: payload {@code {to, subject, text}}. */
    public static final String MAIL = "mail";

    private final Clock clock;

    @Inject
    Outbox(Clock clock) {
        this.clock = clock;
    }

    /** Adds a message in {@code handle}'s transaction; returns its id. */
    public String add(Handle handle, String topic, Object payload) {
        String id = Ids.next("evt");
        long now = clock.millis();
        String json;
        try {
            json = Json.MAPPER.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("outbox payload is not serializable", e);
        }
        handle.createUpdate("""
                INSERT INTO outbox (id, topic, payload, created_at, available_at, attempts)
                VALUES (:id, :topic, :payload, :now, :now, 0)""")
                .bind("id", id).bind("topic", topic).bind("payload", json).bind("now", now).execute();
        return id;
    }

    /** A mail to one recipient. */
    public String mail(Handle handle, String to, String subject, String text) {
        return add(handle, MAIL, new Mail(to, subject, text));
    }

    /** The mail payload. */
    public record Mail(String to, String subject, String text) {}
}
