package com.mintreu.engine.account;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.mintreu.engine.config.ServerConfig;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.web.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;

/**
 * Writes account mails to the {@code outbox} in the caller's transaction, so a mail exists exactly
 * when the change it announces was committed. Delivery (SMTP) is the notify feature's job.
 */
@Singleton
final class MailOutbox {

    static final String TOPIC = "mail";

    private final String baseUrl;

    @Inject
    MailOutbox(ServerConfig server) {
        String url = server.publicUrl().toString();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** An absolute link to {@code pathAndQuery} on this engine's public URL. */
    String link(String pathAndQuery) {
        return baseUrl + pathAndQuery;
    }

    void enqueue(Handle h, String to, String subject, String text, long now) {
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put("to", to);
        payload.put("subject", subject);
        payload.put("text", text);
        try {
            h.createUpdate("INSERT INTO outbox (id, topic, payload, created_at, available_at) VALUES (:id, :topic, :payload, :now, :now)")
                    .bind("id", Ids.next("obx")).bind("topic", TOPIC).bind("payload", Json.MAPPER.writeValueAsString(payload))
                    .bind("now", now).execute();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a mail", e);
        }
    }
}
