package com.mintreu.engine.web;

import static com.mintreu.engine.web.Walkers.rows;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import java.util.Map;

/**
 * Licenses in {@link ApiWalkTest}: the license client protocol, the owner's license, its files and
 * seats, the seller's desk (a bought license, then one issued by hand, transferred and revoked) and
 * the admin's actions. The license protocol itself is checked call by call in {@code license.OpenApiContractTest}.
 */
final class LicenseWalk {

    private LicenseWalk() {}

    /** {@code order}: the customer's fulfilled order holding a license that expires; {@code walker}: another registered customer's e-mail. */
    static void walk(Walkers p, String order, String softwarePlan, String walker) {
        JsonNode license = null;
        for (JsonNode ent : rows(p.customer().client().get("/api/v1/orders/" + order + "/entitlements"))) {
            license = ent.get("kind").asText().equals("license") ? ent.get("license") : license;
        }
        if (license == null) {
            throw new AssertionError("no license in order " + order);
        }
        String id = license.get("id").asText();
        String key = license.get("key").asText();
        client(p, key);
        owner(p, id, key);
        seller(p, id, softwarePlan, walker);
        admin(p, id);
    }

    /** The license client protocol: answers are 200 with a code, whatever the key's fate. */
    private static void client(Walkers p, String key) {
        ApiWalk w = p.w();
        TestClient anon = p.anon();
        String at = "/api/v1/licenses/";
        w.post(anon, at + "validate", Map.of("key", key, "nonce", "walk-1"), 200);
        w.post(anon, at + "machines/activate", Map.of("key", key, "fingerprint", "fp-walk", "name", "Laptop", "platform", "linux"), 200);
        w.post(anon, at + "machines/activate", Map.of("key", key, "fingerprint", "fp-spare"), 200);
        w.post(anon, at + "machines/heartbeat", Map.of("key", key, "fingerprint", "fp-walk"), 200);
        w.post(anon, at + "machines/list", Map.of("key", key), 200);
        w.post(anon, at + "machines/deactivate", Map.of("key", key, "fingerprint", "fp-spare"), 200);
        w.post(anon, at + "check-in", Map.of("key", key), 200);
        w.post(anon, at + "users/add", Map.of("key", key, "user", "ann@example.com"), 200);
        w.post(anon, at + "users/add", Map.of("key", key, "user", "bob@example.com"), 200);
        w.post(anon, at + "users/list", Map.of("key", key), 200);
        w.post(anon, at + "users/remove", Map.of("key", key, "user", "bob@example.com"), 200);
        w.check("POST", at + "validate", 415, anon.post(at + "validate", "text/plain", "{}"));
        String kid = w.get(anon, at + "keys", 200).json().at("/keys/0/kid").asText();
        w.get(anon, at + "keys/" + kid + "/pem", 200);
        w.get(anon, at + "keys/nope/pem", 404);
    }

    /** What the owner sees and does: the license, its files, its machines and seats. */
    private static void owner(Walkers p, String id, String key) {
        ApiWalk w = p.w();
        TestClient owner = p.customer().client();
        String at = "/api/v1/licenses/" + id;
        w.get(owner, "/api/v1/licenses", 200);
        Response mine = w.get(owner, at, 200);
        w.get(p.seller().client(), at, 404);
        w.get(p.anon(), at, 401);
        w.post(owner, at + "/file", Map.of("ttlSeconds", 3600), 200);
        w.post(owner, at + "/file", Map.of("ttlSeconds", 5), 422);
        w.post(owner, at + "/machines/fp-walk/file", Map.of(), 200);
        w.post(owner, at + "/machines/fp-none/file", Map.of(), 404);
        w.get(owner, at + "/users", 200);
        w.delete(owner, at + "/users/ann@example.com", 204);
        w.delete(owner, at + "/users/ann@example.com", 404);
        String machine = null;
        for (JsonNode m : mine.json().get("machines")) {
            machine = m.get("fingerprint").asText().equals("fp-walk") ? m.get("id").asText() : machine;
        }
        w.delete(owner, at + "/machines/" + machine, 204);
        w.delete(owner, at + "/machines/" + machine, 404);
        w.post(p.anon(), "/api/v1/licenses/validate", Map.of("key", key), 200);
    }

    /** The seller's desk: the bought license changed every way but revoked; a license issued by hand, transferred, then revoked. */
    private static void seller(Walkers p, String id, String plan, String walker) {
        ApiWalk w = p.w();
        TestClient seller = p.seller().client();
        String at = "/api/v1/seller/licenses/";
        w.get(seller, "/api/v1/seller/licenses", 200);
        w.get(seller, "/api/v1/seller/licenses?status=bogus", 422);
        w.get(seller, at + id, 200);
        w.post(seller, at + id + "/suspend", Map.of(), 200);
        w.post(seller, at + id + "/suspend", Map.of(), 409);
        w.post(seller, at + id + "/reinstate", Map.of(), 200);
        w.post(seller, at + id + "/extend", Map.of("days", 10), 200);
        w.post(seller, at + id + "/extend", Map.of("days", 0), 422);
        w.post(seller, at + id + "/renew", Map.of(), 200);

        Map<String, Object> issue = Map.of("planId", plan, "email", Walkers.email(p.customer()), "days", 30);
        Map<String, String> once = Map.of("Idempotency-Key", "walk-issue-" + System.nanoTime());
        String manual = w.check("POST", "/api/v1/seller/licenses", 201, seller.postJson("/api/v1/seller/licenses", issue, once)).json().get("id").asText();
        w.check("POST", "/api/v1/seller/licenses", 200, seller.postJson("/api/v1/seller/licenses", issue, once));
        w.post(seller, "/api/v1/seller/licenses", Map.of("planId", plan, "email", "nobody@example.test"), 422);
        w.post(p.customer().client(), "/api/v1/seller/licenses", issue, 403);
        w.post(seller, at + manual + "/transfer", Map.of("email", walker), 200);
        w.post(seller, at + manual + "/transfer", Map.of("email", walker), 409);
        w.post(seller, at + manual + "/revoke", Map.of("reason", "walked"), 200);
        w.post(seller, at + manual + "/revoke", Map.of("reason", "walked"), 409);
    }

    private static void admin(Walkers p, String id) {
        ApiWalk w = p.w();
        String at = "/api/v1/admin/licenses/" + id;
        w.post(p.seller().client(), at + "/suspend", 403);
        w.post(p.admin(), at + "/suspend", 200);
        w.post(p.admin(), at + "/suspend", 409);
        w.post(p.admin(), at + "/reinstate", 200);
        w.post(p.admin(), "/api/v1/admin/licenses/keys/engine/rotate", 200);
        w.post(p.seller().client(), "/api/v1/admin/licenses/keys/engine/rotate", 403);
    }
}
