package com.mintreu.engine.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.mintreu.api.event.DomainEvent;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.web.Json;
import java.time.Clock;
import java.time.Instant;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;

/**
 * Writes messages to the outbox inside the caller's transaction: the change and the promise to
 * announce it commit together or not at all. {@link OutboxDispatcher} delivers after commit, to
 * every subscriber of the topic separately. The handle is the point: a write outside the change's
 * transaction could announce what never committed.
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

    /** A fresh event id and the current time, for building an event record. */
    public Stamp stamp() {
        return new Stamp(Ids.next("evt"), Instant.ofEpochMilli(clock.millis()));
    }

    /** An event's id and time. */
    public record Stamp(String eventId, Instant at) {}

    /** Writes a domain event in {@code handle}'s transaction; its topic is the event's type. */
    public void publish(Handle handle, DomainEvent event) {
        insert(handle, event.eventId(), event.type(), EventCodec.encode(event), event.occurredAt().toEpochMilli());
    }

    /** Adds an engine-internal message (not a domain event) in {@code handle}'s transaction; returns its id. */
    public String add(Handle handle, String topic, Object payload) {
        if (EventCodec.isEventTopic(topic)) {
            throw new IllegalArgumentException(topic + " is a domain event: publish its record");
        }
        String id = Ids.next("evt");
        try {
            insert(handle, id, topic, Json.MAPPER.writeValueAsString(payload), clock.millis());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("outbox payload is not serializable", e);
        }
        return id;
    }

    private void insert(Handle handle, String id, String topic, String json, long at) {
        handle.createUpdate("""
                INSERT INTO outbox (id, topic, payload, created_at, available_at, attempts)
                VALUES (:id, :topic, :payload, :at, :at, 0)""")
                .bind("id", id).bind("topic", topic).bind("payload", json).bind("at", at).execute();
    }

    /** A mail to one recipient. */
    public String mail(Handle handle, String to, String subject, String text) {
        return add(handle, MAIL, new Mail(to, subject, text));
    }

    /** The mail payload. */
    public record Mail(String to, String subject, String text) {}
}
