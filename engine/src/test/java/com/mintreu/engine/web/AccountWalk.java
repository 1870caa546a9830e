package com.mintreu.engine.web;

import static com.mintreu.engine.web.Walkers.rows;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestUsers;
import java.util.Map;

/** Accounts in {@link ApiWalkTest}: sign-up to sign-out, passwords, API tokens, seller applications. */
final class AccountWalk {

    private static final String PASSWORD = "correct horse battery";

    private AccountWalk() {}

    /** Walks the account routes; returns the e-mail of the registered (and verified) walker. */
    static String walk(Walkers p) {
        ApiWalk w = p.w();
        TestClient anon = p.anon();
        String email = "walker" + System.nanoTime() + "@example.com";
        Map<String, Object> signUp = Map.of("email", email, "password", PASSWORD, "displayName", "Walker");
        w.post(anon, "/api/v1/auth/register", signUp, 201);
        w.post(anon, "/api/v1/auth/register", signUp, 409);
        w.check("POST", "/api/v1/auth/register", 415, anon.post("/api/v1/auth/register", "text/plain", "{}"));
        w.check("POST", "/api/v1/auth/register", 400, anon.post("/api/v1/auth/register", "application/json", "{nope"));
        w.post(anon, "/api/v1/auth/verify-email", Map.of("token", "nope"), 400);
        w.post(anon, "/api/v1/auth/verify-email", Map.of("token", p.tokenInLastMail(email)), 200);

        TestClient walker = p.e().client();
        w.post(walker, "/api/v1/auth/login", Map.of("email", email, "password", "wrong password!"), 401);
        signIn(p, walker, email, PASSWORD);
        w.get(anon, "/api/v1/auth/me", 401);
        w.post(walker, "/api/v1/auth/change-password", Map.of("currentPassword", "not it at all", "newPassword", "a changed secret"), 422);
        w.post(walker, "/api/v1/auth/change-password", Map.of("currentPassword", PASSWORD, "newPassword", "a changed secret"), 204);
        w.post(anon, "/api/v1/auth/forgot-password", Map.of("email", email), 202);
        w.post(anon, "/api/v1/auth/reset-password", Map.of("token", p.tokenInLastMail(email), "password", "short"), 422);
        w.post(anon, "/api/v1/auth/reset-password", Map.of("token", p.tokenInLastMail(email), "password", "a reset secret"), 204);
        w.get(walker, "/api/v1/auth/me", 401); // a reset signs every session out
        signIn(p, walker, email, "a reset secret");

        Response token = w.post(walker, "/api/v1/tokens", Map.of("name", "ci"), 201);
        w.get(walker, "/api/v1/tokens", 200);
        w.delete(walker, "/api/v1/tokens/" + token.json().get("id").asText(), 204);
        w.delete(walker, "/api/v1/tokens/tok_nope", 404);

        w.post(walker, "/api/v1/seller-applications", Map.of("businessName", "Walker Ltd", "description", "We walk APIs."), 201);
        w.get(walker, "/api/v1/seller-applications/mine", 200);
        TestUsers.User hopeful = TestUsers.signIn(p.e(), "customer");
        w.post(hopeful.client(), "/api/v1/seller-applications", Map.of("businessName", "Hopeful", "description", "Maybe icons, maybe fonts."), 201);
        Response queue = w.get(p.admin(), "/api/v1/admin/seller-applications", 200);
        w.get(p.customer().client(), "/api/v1/admin/seller-applications", 403);
        String approve = null;
        String reject = null;
        for (JsonNode a : rows(queue)) {
            approve = a.get("businessName").asText().equals("Walker Ltd") ? a.get("id").asText() : approve;
            reject = a.get("businessName").asText().equals("Hopeful") ? a.get("id").asText() : reject;
        }
        w.post(p.admin(), "/api/v1/admin/seller-applications/" + approve + "/approve", 200);
        w.post(p.admin(), "/api/v1/admin/seller-applications/" + approve + "/approve", 409);
        w.post(p.admin(), "/api/v1/admin/seller-applications/" + reject + "/reject", Map.of("reason", " "), 422);
        w.post(p.admin(), "/api/v1/admin/seller-applications/" + reject + "/reject", Map.of("reason", "Tell us more."), 200);
        w.post(walker, "/api/v1/auth/logout", 204);
        return email;
    }

    /** Signs {@code client} in by the JSON login and takes the session's CSRF token as the shop's own scripts do. */
    private static void signIn(Walkers p, TestClient client, String email, String password) {
        p.w().post(client, "/api/v1/auth/login", Map.of("email", email, "password", password), 200);
        Response me = p.w().get(client, "/api/v1/auth/me", 200);
        client.csrfHeader(me.json().get("csrfToken").asText());
    }
}
