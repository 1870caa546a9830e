package com.mintreu.engine.account;

import static com.mintreu.engine.account.AccountFixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.WithConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every account endpoint against the usual bad input: each must answer a 4xx with the expected
 * code, never a 500, and write nothing.
 */
@WithConfig("security: {loginAttempts: 100000, resetAttempts: 100000}")
class BadInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LONG = "x".repeat(10_000);
    private static final String HUGE = "{\"name\":\"" + "x".repeat(1_100_000) + "\"}";
    private static final List<String> TABLES = List.of("users", "user_roles", "api_tokens", "seller_applications", "account_tokens", "outbox");

    private enum Who { ANONYMOUS, USER, ADMIN }

    /** A JSON endpoint, a body that passes the shape checks, and which fields are strings. */
    private record JsonEndpoint(String path, Who who, Map<String, Object> body) {}

    @EngineTest
    void everyJsonEndpointRejectsBadInputWithoutWriting(TestEngine engine) throws Exception {
        String existing = AccountFixtures.email("existing");
        AccountFixtures.register(engine, existing);
        TestClient user = AccountFixtures.newUser(engine, "battery");
        TestClient admin = AccountFixtures.newAdmin(engine);
        TestClient applicant = AccountFixtures.newUser(engine, "applicant");
        String applicationId = applicant.postJson("/api/v1/seller-applications",
                Map.of("businessName", "Pending Shop", "description", "Waiting for the battery to end.")).json().get("id").asText();
        String tokenId = user.postJson("/api/v1/tokens", Map.of("name", "kept")).json().get("id").asText();
        Map<String, Long> before = counts(engine);

        List<JsonEndpoint> endpoints = List.of(
                new JsonEndpoint("/api/v1/auth/register", Who.ANONYMOUS, body("email", AccountFixtures.email("new"), "password", "", "displayName", "N")),
                new JsonEndpoint("/api/v1/auth/login", Who.ANONYMOUS, body("email", existing, "password", "")),
                new JsonEndpoint("/api/v1/auth/verify-email", Who.ANONYMOUS, body("token", "")),
                new JsonEndpoint("/api/v1/auth/forgot-password", Who.ANONYMOUS, body("email", "")),
                new JsonEndpoint("/api/v1/auth/reset-password", Who.ANONYMOUS, body("token", "", "password", "")),
                new JsonEndpoint("/api/v1/auth/change-password", Who.USER, body("currentPassword", "", "newPassword", "")),
                new JsonEndpoint("/api/v1/tokens", Who.USER, body("name", "")),
                new JsonEndpoint("/api/v1/seller-applications", Who.USER, body("businessName", "", "description", "")),
                new JsonEndpoint("/api/v1/admin/seller-applications/" + applicationId + "/reject", Who.ADMIN, body("reason", "")));

        for (JsonEndpoint e : endpoints) {
            TestClient c = switch (e.who()) {
                case ANONYMOUS -> engine.client();
                case USER -> user;
                case ADMIN -> admin;
            };
            String p = e.path();
            expect(p + " malformed", c.post(p, "application/json", "{\"email\": "), 400, "MALFORMED_JSON");
            expect(p + " not an object", c.post(p, "application/json", "[1, 2]"), 400, "MALFORMED_JSON");
            expect(p + " null", c.post(p, "application/json", "null"), 400, "MALFORMED_JSON");
            expect(p + " trailing", c.post(p, "application/json", "{} {}"), 400, "MALFORMED_JSON");
            expect(p + " wrong content type", c.post(p, "text/plain", JSON.writeValueAsString(e.body())), 415, "UNSUPPORTED_MEDIA_TYPE");
            expect(p + " form content type", c.postForm(p, Map.of("a", "b")), 415, "UNSUPPORTED_MEDIA_TYPE");
            expect(p + " no content type", c.post(p, null, "{}"), 415, "UNSUPPORTED_MEDIA_TYPE");
            expect(p + " empty body", c.post(p, "application/json", ""), 400, "MALFORMED_JSON");
            expect(p + " unknown field", c.postJson(p, with(e.body(), "isAdmin", true)), 400, "UNKNOWN_FIELD");
            expect(p + " oversize", c.post(p, "application/json", HUGE), 413, "PAYLOAD_TOO_LARGE");
            expect(p + " missing fields", c.postJson(p, Map.of()), 422, "VALIDATION_FAILED", "TOKEN_INVALID");
            for (String field : e.body().keySet()) {
                expect(p + " " + field + " array", c.postJson(p, with(e.body(), field, List.of(1))), 422, "VALIDATION_FAILED");
                expect(p + " " + field + " object", c.postJson(p, with(e.body(), field, Map.of("a", 1))), 422, "VALIDATION_FAILED");
                expect(p + " " + field + " number", c.postJson(p, with(e.body(), field, 42)), 422, "VALIDATION_FAILED");
                expect(p + " " + field + " boolean", c.postJson(p, with(e.body(), field, true)), 422, "VALIDATION_FAILED");
                expect(p + " " + field + " 10k", c.postJson(p, with(e.body(), field, LONG)), 400, "VALIDATION_FAILED", "TOKEN_INVALID");
                expect(p + " " + field + " NUL", c.postJson(p, with(e.body(), field, "a\u0000b")), 400, "INVALID_TEXT");
            }
        }

        for (String path : List.of("/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/forgot-password")) {
            Map<String, Object> b = new LinkedHashMap<>(Map.of("email", "not an email", "password", PASSWORD));
            if (path.endsWith("register")) {
                b.put("displayName", "Bad Email");
            }
            if (path.endsWith("forgot-password")) {
                b.remove("password");
            }
            expect(path + " bad email", engine.client().postJson(path, b), 422, "VALIDATION_FAILED");
            expect(path + " long email", engine.client().postJson(path, with(b, "email", "a".repeat(250) + "@example.com")), 422, "VALIDATION_FAILED");
        }
        expect("register weak", engine.client().postJson("/api/v1/auth/register",
                Map.of("email", AccountFixtures.email("weak"), "password", "1234567890", "displayName", "W")), 422, "WEAK_PASSWORD");
        expect("register duplicate", engine.client().postJson("/api/v1/auth/register",
                Map.of("email", existing.toUpperCase(), "password", PASSWORD, "displayName", "Dup")), 409, "EMAIL_TAKEN");
        expect("register long name", engine.client().postJson("/api/v1/auth/register",
                Map.of("email", AccountFixtures.email("longname"), "password", PASSWORD, "displayName", "n".repeat(81))), 422, "VALIDATION_FAILED");
        expect("reset weak", engine.client().postJson("/api/v1/auth/reset-password", Map.of("token", "x".repeat(43), "password", "short")),
                400, "TOKEN_INVALID", "WEAK_PASSWORD");
        expect("change weak", user.postJson("/api/v1/auth/change-password", Map.of("currentPassword", PASSWORD, "newPassword", "aaaaaaaaaaaaa")),
                422, "WEAK_PASSWORD");

        // Endpoints without a body: a body, if sent, must be {} as JSON.
        Map<String, TestClient> bodyless = new LinkedHashMap<>();
        bodyless.put("/api/v1/auth/logout", user);
        bodyless.put("/api/v1/admin/seller-applications/" + applicationId + "/approve", admin);
        for (var e : bodyless.entrySet()) {
            String p = e.getKey();
            TestClient c = e.getValue();
            expect(p + " malformed", c.post(p, "application/json", "{"), 400, "MALFORMED_JSON");
            expect(p + " unknown field", c.post(p, "application/json", "{\"x\":1}"), 400, "UNKNOWN_FIELD");
            expect(p + " wrong content type", c.post(p, "text/plain", "hello"), 415, "UNSUPPORTED_MEDIA_TYPE");
            expect(p + " cross-site form", c.postForm(p, Map.of("x", "1")), 415, "UNSUPPORTED_MEDIA_TYPE");
            expect(p + " oversize", c.post(p, "application/json", HUGE), 413, "PAYLOAD_TOO_LARGE");
        }
        expect("approve unknown id", admin.post("/api/v1/admin/seller-applications/" + "z".repeat(2000) + "/approve", null, ""), 404, "NOT_FOUND");
        expect("revoke unknown id", user.delete("/api/v1/tokens/" + "z".repeat(2000)), 404, "NOT_FOUND");
        expect("queue bad status", admin.get("/api/v1/admin/seller-applications?status=" + "q".repeat(2000)), 422, "VALIDATION_FAILED");
        expect("bearer garbage", engine.client().bearer(LONG).get("/api/v1/auth/me"), 401, "UNAUTHENTICATED");
        expect("bearer NUL-ish", engine.client().bearer("mk_live_%00").get("/api/v1/tokens"), 401, "UNAUTHENTICATED");

        assertThat(counts(engine)).as("nothing was written").isEqualTo(before);
        assertThat(user.get("/api/v1/auth/me").status()).as("the bad logouts did not log out").isEqualTo(200);
        assertThat(admin.get("/api/v1/admin/seller-applications").json().get("data").findValuesAsText("id")).contains(applicationId);
        assertThat(user.get("/api/v1/tokens").json().at("/data/0/id").asText()).isEqualTo(tokenId);
    }

    @EngineTest
    void everyFormEndpointRejectsBadInputWithoutWriting(TestEngine engine) {
        TestClient user = AccountFixtures.newUser(engine, "formbattery");
        TestClient admin = AccountFixtures.newAdmin(engine);
        String applicationId = AccountFixtures.newUser(engine, "formapplicant").postJson("/api/v1/seller-applications",
                Map.of("businessName", "Form Shop", "description", "Waiting for the form battery.")).json().get("id").asText();
        String tokenId = user.postJson("/api/v1/tokens", Map.of("name", "kept")).json().get("id").asText();
        Map<String, Long> before = counts(engine);

        Map<String, TestClient> forms = new LinkedHashMap<>();
        forms.put("/register", engine.client());
        forms.put("/login", engine.client());
        forms.put("/forgot-password", engine.client());
        forms.put("/reset-password", engine.client());
        forms.put("/logout", user);
        forms.put("/account/password", user);
        forms.put("/account/tokens", user);
        forms.put("/account/tokens/" + tokenId + "/revoke", user);
        forms.put("/account/seller-application", user);
        forms.put("/admin/seller-applications/" + applicationId + "/approve", admin);
        forms.put("/admin/seller-applications/" + applicationId + "/reject", admin);
        for (var e : forms.entrySet()) {
            String p = e.getKey();
            TestClient c = e.getValue();
            String csrf = csrfOf(c);
            expectPage(p + " no csrf", c.postForm(p, Map.of("email", "a@b.co")), 403, "CSRF_INVALID");
            expectPage(p + " forged csrf", c.postForm(p, Map.of("_csrf", "forged", "email", "a@b.co")), 403, "CSRF_INVALID");
            expectPage(p + " json", c.postJson(p, Map.of("_csrf", csrf)), 415, "UNSUPPORTED_MEDIA_TYPE");
            expectPage(p + " bad encoding", c.post(p, "application/x-www-form-urlencoded", "_csrf=" + csrf + "&email=%zz"), 400, "MALFORMED_REQUEST");
            expectPage(p + " oversize", c.post(p, "application/x-www-form-urlencoded", "_csrf=" + csrf + "&name=" + "x".repeat(1_100_000)), 413,
                    "PAYLOAD_TOO_LARGE");
        }
        Map<String, String> longValues = new LinkedHashMap<>();
        for (String f : List.of("email", "password", "displayName", "name", "businessName", "description", "currentPassword", "newPassword", "reason",
                "token")) {
            longValues.put(f, LONG);
        }
        for (var e : forms.entrySet()) {
            if (e.getKey().endsWith("/approve") || e.getKey().endsWith("/revoke") || e.getKey().equals("/logout")) {
                continue;
            }
            TestClient c = e.getValue();
            Map<String, String> values = new LinkedHashMap<>(longValues);
            values.put("_csrf", csrfOf(c));
            Response r = c.postForm(e.getKey(), values);
            assertThat(r.status()).as(e.getKey() + " 10k values: " + r.status()).isIn(400, 401, 422);
        }
        assertThat(counts(engine)).as("nothing was written").isEqualTo(before);
        assertThat(user.get("/api/v1/auth/me").status()).isEqualTo(200);
    }

    private static String csrfOf(TestClient c) {
        return c.get("/forgot-password").html().select("input[name=_csrf]").attr("value");
    }

    private static void expect(String what, Response r, int status, String... codes) {
        assertThat(r.status()).as(what + ": " + r).isNotEqualTo(500);
        assertThat(r.header("Content-Type")).as(what).isEqualTo("application/problem+json");
        String code = r.json().get("code").asText();
        assertThat(code).as(what + ": " + r).isIn((Object[]) codes);
        if (codes.length == 1) {
            assertThat(r.status()).as(what + ": " + r).isEqualTo(status);
        } else {
            assertThat(r.status()).as(what + ": " + r).isBetween(400, 499);
        }
    }

    private static void expectPage(String what, Response r, int status, String code) {
        assertThat(r.status()).as(what + ": " + r.status()).isEqualTo(status);
        assertThat(r.html().select("main code").text()).as(what).isEqualTo(code);
    }

    private static Map<String, Long> counts(TestEngine engine) {
        Map<String, Long> out = new LinkedHashMap<>();
        TABLES.forEach(t -> out.put(t, AccountFixtures.count(engine, t)));
        out.put("decided", engine.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM seller_applications WHERE status <> 'pending'")
                .mapTo(Long.class).one()));
        out.put("revoked", engine.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM api_tokens WHERE revoked_at IS NOT NULL")
                .mapTo(Long.class).one()));
        return out;
    }

    private static Map<String, Object> body(Object... kv) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put((String) kv[i], kv[i + 1]);
        }
        return out;
    }

    private static Map<String, Object> with(Map<String, Object> base, String field, Object value) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        out.put(field, value);
        return out;
    }
}
