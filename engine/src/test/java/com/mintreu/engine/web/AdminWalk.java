package com.mintreu.engine.web;

import static com.mintreu.engine.web.Walkers.rows;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.TestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The admin's desk in {@link ApiWalkTest}: vouchers, kill switches, the audit log, plugins, payment methods and dead event deliveries. */
final class AdminWalk {

    private AdminWalk() {}

    /** {@code flakyDown}: the file whose presence makes the {@code event-flaky} subscriber fail; its deliveries are dead by now. */
    static void walk(Walkers p, Path flakyDown) {
        ApiWalk w = p.w();
        TestClient admin = p.admin();
        String code = "WALK" + System.nanoTime() % 100_000;
        w.post(admin, "/api/v1/admin/vouchers", Map.of("code", code, "percent", 10), 201);
        w.post(admin, "/api/v1/admin/vouchers", Map.of("code", code, "percent", 10), 422);
        w.get(admin, "/api/v1/admin/vouchers", 200);

        String sw = rows(w.get(admin, "/api/v1/admin/switches", 200)).get(0).get("id").asText();
        w.put(admin, "/api/v1/admin/switches/" + sw, Map.of("engaged", true, "reason", "walk"), 200);
        w.put(admin, "/api/v1/admin/switches/" + sw, Map.of("engaged", false, "reason", "walk"), 200);
        w.put(admin, "/api/v1/admin/switches/" + sw, Map.of("reason", "walk"), 422);
        w.put(p.seller().client(), "/api/v1/admin/switches/" + sw, Map.of("engaged", true, "reason", "walk"), 403);
        w.get(admin, "/api/v1/admin/audit", 200);
        w.get(admin, "/api/v1/admin/audit?limit=0", 422);
        w.get(admin, "/api/v1/admin/plugins", 200);
        w.get(admin, "/api/v1/admin/payment-methods", 200);
        w.get(p.customer().client(), "/api/v1/admin/payment-methods", 403);
        w.put(admin, "/api/v1/admin/payment-methods", Map.of("order", java.util.List.of("payment-sandbox"), "defaultGateway", "payment-sandbox"), 200);
        w.put(admin, "/api/v1/admin/payment-methods", Map.of("order", java.util.List.of("nope")), 422);

        w.get(p.anon(), "/api/v1/admin/outbox/dead", 401);
        JsonNode dead = null;
        for (JsonNode d : rows(w.get(admin, "/api/v1/admin/outbox/dead", 200))) {
            dead = d.get("subscriber").asText().equals("event-flaky:flaky") ? d : dead;
        }
        if (dead == null) {
            throw new AssertionError("no dead delivery of the flaky subscriber: " + admin.get("/api/v1/admin/outbox/dead").body());
        }
        try {
            Files.delete(flakyDown);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> retry = Map.of("eventId", dead.get("eventId").asText(), "subscriber", "event-flaky:flaky");
        w.post(admin, "/api/v1/admin/outbox/dead/retry", retry, 200);
        w.post(admin, "/api/v1/admin/outbox/dead/retry", retry, 404);
        w.post(admin, "/api/v1/admin/outbox/dead/retry", Map.of("eventId", dead.get("eventId").asText()), 422);
        p.deliver();

        w.get(p.anon(), "/api/v1/openapi.json", 200);
    }
}
