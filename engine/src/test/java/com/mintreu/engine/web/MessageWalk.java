package com.mintreu.engine.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.entitlement.Purchases;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestUsers;
import java.util.Map;

/** Messages in {@link ApiWalkTest}: a customer asks about the walking seller's product, the seller answers, the customer reports the answer. */
final class MessageWalk {

    private MessageWalk() {}

    static void walk(Walkers p) {
        ApiWalk w = p.w();
        TestClient seller = p.seller().client();
        TestClient customer = p.customer().client();
        TestClient admin = p.admin();
        Purchases.Item item = Purchases.publish(seller, p.seller().id(), admin, "download", "Walk Loops", Map.of("maxDownloads", "2"), "loops.zip",
                new byte[] {1, 2});
        String ask = "/api/v1/products/" + item.productId() + "/questions";
        Map<String, String> question = Map.of("subject", "Does it loop?", "body", "Can the <b>sound</b> loop?");

        w.post(p.anon(), ask, question, 401);
        w.check("POST", ask, 415, customer.post(ask, "text/plain", "subject=x"));
        w.post(customer, ask, Map.of("subject", "", "body", " "), 422);
        w.post(seller, ask, question, 422);
        w.post(customer, "/api/v1/products/prd_nobody/questions", question, 404);
        JsonNode asked = w.post(customer, ask, question, 201).json();
        String id = asked.get("id").asText();
        String question1 = asked.at("/messages/0/id").asText();

        w.get(customer, "/api/v1/messages", 200);
        w.get(seller, "/api/v1/messages", 200);
        w.get(customer, "/api/v1/messages?limit=0", 422);
        w.get(customer, "/api/v1/messages?cursor=not-a-cursor", 400);
        w.get(p.anon(), "/api/v1/messages", 401);
        w.get(seller, "/api/v1/messages/" + id, 200);
        w.get(admin, "/api/v1/messages/" + id, 404);
        w.get(customer, "/api/v1/messages/cnv_nobody", 404);
        w.get(p.anon(), "/api/v1/messages/" + id, 401);

        String replies = "/api/v1/messages/" + id + "/replies";
        w.post(seller, replies, Map.of("body", ""), 422);
        w.check("POST", replies, 415, seller.post(replies, "text/plain", "body=x"));
        w.post(admin, replies, Map.of("body", "I am not in it"), 404);
        w.post(p.anon(), replies, Map.of("body", "hello"), 401);
        String answer = w.post(seller, replies, Map.of("body", "Yes, seamlessly."), 201).json().get("id").asText();
        w.post(customer, replies, Map.of("body", "Thanks!"), 201);

        String reports = "/api/v1/messages/" + id + "/reports";
        w.post(customer, reports, Map.of("messageId", question1, "reason", "mine"), 422);
        w.post(customer, reports, Map.of("messageId", answer, "reason", ""), 422);
        w.post(customer, reports, Map.of("messageId", "cmsg_nobody", "reason", "spam"), 404);
        w.post(admin, reports, Map.of("messageId", answer, "reason", "spam"), 404);
        w.post(p.anon(), reports, Map.of("messageId", answer, "reason", "spam"), 401);
        w.check("POST", reports, 415, customer.post(reports, "text/plain", "reason=x"));
        w.post(customer, reports, Map.of("messageId", answer, "reason", "walk report"), 201);
        w.post(customer, reports, Map.of("messageId", answer, "reason", "again"), 409);

        // the hourly limit of one person: 20 messages by default, the 21st is refused
        TestClient eager = TestUsers.signIn(p.e(), "customer").client();
        int status = 0;
        for (int i = 0; i < 25 && status != 429; i++) {
            status = eager.postJson(ask, question).status();
        }
        w.post(eager, ask, question, 429);

        admin.putJson("/api/v1/admin/switches/support", Map.of("engaged", true, "reason", "walk"));
        w.post(customer, ask, question, 503);
        w.post(seller, replies, Map.of("body", "still there?"), 503);
        w.get(customer, "/api/v1/messages/" + id, 200);
        admin.putJson("/api/v1/admin/switches/support", Map.of("engaged", false, "reason", "walk"));
    }
}
