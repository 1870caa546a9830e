package com.mintreu.engine.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.security.Tokens;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestEngine;
import java.util.Map;

/** What the webhook tests share: registering, running the outbox and the delivery job, signing in again after the clock moved. */
final class Hooks {

    private Hooks() {}

    /** Registers an endpoint through the API; returns the answer (with {@code id} and {@code secret}). */
    static JsonNode register(TestClient seller, String url, String... events) {
        TestClient.Response r = seller.postJson("/api/v1/seller/webhooks", Receiver.endpoint(url, events));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    /**
     * Fans out the outbox (events become messages), then runs the delivery job, and waits until no
     * attempt is in flight: the background job scheduler may have claimed a message meanwhile, and
     * a claimed message counts its attempt before the attempt's log row is written.
     */
    static void pump(TestEngine e) {
        for (int i = 0; i < 3; i++) {
            e.engine().component().outboxDispatcher().deliverDue();
        }
        e.engine().component().webhookDeliveries().runDue();
        long until = System.nanoTime() + 10_000_000_000L;
        while (inFlight(e) > 0 && System.nanoTime() < until) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static long inFlight(TestEngine e) {
        return e.jdbi().withHandle(h -> h.createQuery("""
                SELECT COUNT(*) FROM webhook_messages m
                WHERE m.attempts > (SELECT COUNT(*) FROM webhook_attempts a WHERE a.message_id = m.id)""").mapTo(Long.class).one());
    }

    /** A fresh session for {@code userId} that outlives any clock move of the test. */
    static TestClient signInAgain(TestEngine e, String userId) {
        String cookie = Tokens.random(32);
        String csrf = Tokens.random(32);
        long now = e.clock().millis();
        e.jdbi().useHandle(h -> h.createUpdate("""
                INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)
                VALUES (:hash, :id, :csrf, :now, :now, :expires)""")
                .bind("hash", Tokens.sha256(cookie)).bind("id", userId).bind("csrf", csrf).bind("now", now)
                .bind("expires", now + 3_600_000).execute());
        return e.client().withSession(cookie).csrfHeader(csrf);
    }

    static Map<String, String> headersOf(Receiver.Hit hit) {
        return Map.of("webhook-id", hit.id(), "webhook-timestamp", hit.timestamp(), "webhook-signature", hit.signature());
    }
}
