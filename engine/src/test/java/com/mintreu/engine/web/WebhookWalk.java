package com.mintreu.engine.web;

import com.mintreu.engine.testing.TestClient;
import java.util.List;
import java.util.Map;

/** Signed webhooks to sellers in {@link ApiWalkTest}: a seller registers an endpoint, reads its log, rotates, sends again, deletes it. */
final class WebhookWalk {

    private WebhookWalk() {}

    /** The walk's engine allows private targets ({@link ApiWalkTest}); port 9 on loopback refuses at once, so a background attempt ends fast. */
    static void walk(Walkers p) {
        ApiWalk w = p.w();
        TestClient seller = p.seller().client();
        TestClient customer = p.customer().client();
        String base = "/api/v1/seller/webhooks";
        w.get(seller, "/api/v1/seller/webhook-events", 200);
        w.get(p.anon(), "/api/v1/seller/webhook-events", 401);
        w.get(customer, "/api/v1/seller/webhook-events", 403);

        Map<String, Object> body = Map.of("url", "http://127.0.0.1:9/walk", "description", "walk", "events", List.of("order.paid"));
        String id = w.post(seller, base, body, 201).json().get("id").asText();
        w.post(seller, base, Map.of("url", "ftp://example/x", "events", List.of("order.paid")), 422);
        w.post(seller, base, Map.of("url", "http://127.0.0.1:9/walk", "events", List.of("order.paid"), "colour", "red"), 400);
        w.check("POST", base, 415, seller.post(base, "text/plain", "url=x"));
        w.post(p.anon(), base, body, 401);
        w.post(customer, base, body, 403);
        w.get(seller, base, 200);
        w.get(seller, base + "?limit=0", 422);
        w.get(seller, base + "/" + id, 200);
        w.get(seller, base + "/whe_nope", 404);
        w.put(seller, base + "/" + id, Map.of("url", "http://127.0.0.1:9/walk2", "description", "walk", "events", List.of("order.paid",
                "order.refunded")), 200);
        w.put(seller, base + "/" + id, Map.of("url", "", "events", List.of()), 422);
        w.put(seller, base + "/whe_nope", body, 404);
        w.get(seller, base + "/" + id + "/secret", 200);
        w.get(seller, base + "/whe_nope/secret", 404);
        w.post(seller, base + "/" + id + "/rotate-secret", 200);
        w.get(seller, base + "/" + id + "/secret", 200); // now with the previous secret during the overlap
        w.post(seller, base + "/whe_nope/rotate-secret", 404);
        w.post(seller, base + "/" + id + "/enable", 200);
        w.post(seller, base + "/whe_nope/enable", 404);

        // a failed message, as the delivery job leaves one
        p.e().jdbi().useHandle(h -> h.createUpdate("""
                INSERT INTO webhook_messages (id, endpoint_id, event_id, type, payload, status, attempts, next_at, created_at)
                VALUES ('msg_walk', :id, 'evt_walk', 'order.paid', '{"type":"order.paid","timestamp":"2026-01-01T00:00:00.000Z","data":{}}',
                        'failed', 0, 0, 0)""").bind("id", id).execute());
        w.get(seller, base + "/" + id + "/deliveries", 200);
        w.get(seller, base + "/" + id + "/deliveries?cursor=not-a-cursor", 400);
        w.get(seller, base + "/whe_nope/deliveries", 404);
        w.post(seller, base + "/" + id + "/deliveries/msg_walk/resend", 202);
        w.post(seller, base + "/" + id + "/deliveries/msg_nope/resend", 404);
        p.e().jdbi().useHandle(h -> h.createUpdate("UPDATE webhook_endpoints SET status = 'disabled', disabled_reason = 'walk' WHERE id = :id")
                .bind("id", id).execute());
        w.post(seller, base + "/" + id + "/deliveries/msg_walk/resend", 409);
        w.delete(seller, base + "/" + id, 204);
        w.delete(seller, base + "/" + id, 404);
    }
}
