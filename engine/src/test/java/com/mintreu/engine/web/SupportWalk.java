package com.mintreu.engine.web;

import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestUsers;
import java.util.Map;

/** Support tickets in {@link ApiWalkTest}: a customer's question to the team, the admin's answer and note, rights, limits, the kill switch. */
final class SupportWalk {

    private SupportWalk() {}

    static void walk(Walkers p) {
        ApiWalk w = p.w();
        TestClient customer = TestUsers.signIn(p.e(), "customer").client();
        TestClient seller = p.seller().client();
        TestClient admin = p.admin();

        w.post(p.anon(), "/api/v1/tickets", Map.of("subject", "Hi", "body", "Question"), 401);
        w.check("POST", "/api/v1/tickets", 415, customer.post("/api/v1/tickets", "text/plain", "subject=Hi"));
        w.post(customer, "/api/v1/tickets", Map.of("subject", " ", "body", ""), 422);
        w.post(customer, "/api/v1/tickets", Map.of("subject", "Order?", "body", "Where is it", "orderId", "ord_nobody"), 404);
        String id = w.post(customer, "/api/v1/tickets", Map.of("subject", "Invoices", "body", "Do you send <b>VAT</b> invoices?"), 201)
                .json().get("id").asText();

        w.get(customer, "/api/v1/tickets", 200);
        w.get(customer, "/api/v1/tickets?limit=0", 422);
        w.get(customer, "/api/v1/tickets?cursor=not-a-cursor", 400);
        w.get(p.anon(), "/api/v1/tickets", 401);
        w.get(customer, "/api/v1/tickets/" + id, 200);
        w.get(admin, "/api/v1/tickets/" + id, 200);
        w.get(seller, "/api/v1/tickets/" + id, 404);
        w.get(customer, "/api/v1/tickets/tkt_nobody", 404);
        w.get(p.anon(), "/api/v1/tickets/" + id, 401);

        String messages = "/api/v1/tickets/" + id + "/messages";
        w.post(admin, messages, Map.of("body", "We do, on the order page", "internal", false), 201);
        w.post(admin, messages, Map.of("body", "Customer asked twice before", "internal", true), 201);
        w.post(customer, messages, Map.of("body", "Can I see notes?", "internal", true), 404);
        w.post(customer, messages, Map.of("body", ""), 422);
        w.check("POST", messages, 415, customer.post(messages, "text/plain", "body=x"));
        w.post(seller, messages, Map.of("body", "Not mine"), 404);
        w.post(p.anon(), messages, Map.of("body", "Hello"), 401);
        w.post(customer, messages, Map.of("body", "Thanks"), 201);
        if (w.get(customer, "/api/v1/tickets/" + id, 200).body().contains("asked twice")) {
            throw new AssertionError("an internal note reached the customer's API");
        }

        // closed tickets take no replies
        admin.submitForm("/account/tickets/" + id, "form#solve-form", Map.of());
        admin.submitForm("/account/tickets/" + id, "form#close-form", Map.of());
        w.post(customer, messages, Map.of("body", "One more thing"), 409);

        // a flood of new tickets is cut off
        TestClient spammer = TestUsers.signIn(p.e(), "customer").client();
        for (int i = 0; i < 5; i++) {
            w.post(spammer, "/api/v1/tickets", Map.of("subject", "Spam " + i, "body", "Buy now"), 201);
        }
        w.post(spammer, "/api/v1/tickets", Map.of("subject", "Spam 5", "body", "Buy now"), 429);

        // the kill switch stops writes
        admin.putJson("/api/v1/admin/switches/support", Map.of("engaged", true, "reason", "walk"));
        try {
            w.post(customer, "/api/v1/tickets", Map.of("subject", "Paused?", "body", "Hello"), 503);
            w.get(customer, "/api/v1/tickets/" + id, 200);
        } finally {
            admin.putJson("/api/v1/admin/switches/support", Map.of("engaged", false, "reason", "walk done"));
        }
    }
}
