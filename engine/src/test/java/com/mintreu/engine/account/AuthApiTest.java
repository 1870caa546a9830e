package com.mintreu.engine.account;

import static com.mintreu.engine.account.AccountFixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.WithConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

@WithConfig("security: {loginAttempts: 1000, resetAttempts: 1000}")
class AuthApiTest {

    @EngineTest
    void registerVerifyLoginMeLogout(TestEngine engine) {
        String email = AccountFixtures.email("Flow").toUpperCase();
        String normalized = email.toLowerCase();
        Response reg = engine.client().postJson("/api/v1/auth/register",
                Map.of("email", "  " + email + " ", "password", PASSWORD, "displayName", "Ada"));
        assertThat(reg.status()).as(reg.toString()).isEqualTo(201);
        assertThat(reg.json().at("/user/email").asText()).isEqualTo(normalized);
        assertThat(reg.json().at("/user/roles/0").asText()).isEqualTo("customer");
        assertThat(reg.json().at("/user/emailVerified").asBoolean()).isFalse();
        assertThat(reg.body()).doesNotContain("argon2").doesNotContain(PASSWORD);
        String hash = engine.jdbi().withHandle(h -> h.createQuery("SELECT password_hash FROM users WHERE email = :e").bind("e", normalized)
                .mapTo(String.class).one());
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");

        TestClient browser = AccountFixtures.signedIn(engine, normalized, PASSWORD);
        assertThat(browser.get("/api/v1/auth/me").json().at("/user/emailVerified").asBoolean()).isFalse();

        String token = AccountFixtures.tokenInLastMail(engine, normalized);
        Response verified = engine.client().postJson("/api/v1/auth/verify-email", Map.of("token", token));
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        Response again = engine.client().postJson("/api/v1/auth/verify-email", Map.of("token", token));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("code").asText()).isEqualTo("TOKEN_INVALID");

        Response me = browser.get("/api/v1/auth/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().at("/user/email").asText()).isEqualTo(normalized);
        assertThat(me.json().at("/user/displayName").asText()).isEqualTo("Ada");
        assertThat(me.json().at("/user/emailVerified").asBoolean()).isTrue();

        assertThat(browser.post("/api/v1/auth/logout", null, "").status()).isEqualTo(204);
        Response after = browser.get("/api/v1/auth/me");
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.json().get("code").asText()).isEqualTo("UNAUTHENTICATED");
    }

    @EngineTest
    void loginRotatesTheSessionIdAndLogoutDestroysIt(TestEngine engine) throws Exception {
        String email = AccountFixtures.email("rotate");
        AccountFixtures.register(engine, email);
        // Pages no longer start a session for a form (a visitor token cookie does, see web/Csrf); an
        // anonymous session is what the first cart change starts: planted here as that row.
        assertThat(sessionCookie(engine.client().get("/login"))).as("the login page starts no session").isNull();
        String anonymous = com.mintreu.engine.security.Tokens.random(32);
        long now = engine.clock().millis();
        engine.jdbi().useHandle(h -> h.createUpdate("INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)"
                + " VALUES (:hash, NULL, :csrf, :now, :now, :expires)")
                .bind("hash", com.mintreu.engine.security.Tokens.sha256(anonymous)).bind("csrf", "t".repeat(43))
                .bind("now", now).bind("expires", now + 3_600_000).execute());
        TestClient browser = engine.client().withSession(anonymous);
        assertThat(withCookie(engine, anonymous)).as("a live anonymous session is not signed in").isEqualTo(401);
        Response login = browser.postJson("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD));
        String signedIn = sessionCookie(login);
        assertThat(signedIn).isNotNull().isNotEqualTo(anonymous);
        assertThat(withCookie(engine, anonymous)).as("the pre-login session id is dead").isEqualTo(401);
        assertThat(withCookie(engine, signedIn)).isEqualTo(200);
        assertThat(browser.post("/api/v1/auth/logout", "application/json", "").status()).isEqualTo(204);
        assertThat(withCookie(engine, signedIn)).as("a copied cookie dies with logout").isEqualTo(401);
    }

    @EngineTest
    void resetLinksWorkOnceAndExpire(TestEngine engine) {
        String email = AccountFixtures.email("reset");
        AccountFixtures.register(engine, email);
        TestClient other = AccountFixtures.signedIn(engine, email, PASSWORD);

        Response forgot = engine.client().postJson("/api/v1/auth/forgot-password", Map.of("email", email));
        assertThat(forgot.status()).isEqualTo(202);
        String token = AccountFixtures.tokenInLastMail(engine, email);
        assertThat(AccountFixtures.lastMailTo(engine, email).get("subject").asText()).contains("Reset");

        Response weak = engine.client().postJson("/api/v1/auth/reset-password", Map.of("token", token, "password", "short"));
        assertThat(weak.json().get("code").asText()).isEqualTo("WEAK_PASSWORD");
        Response reset = engine.client().postJson("/api/v1/auth/reset-password", Map.of("token", token, "password", "a brand new secret"));
        assertThat(reset.status()).as(reset.toString()).isEqualTo(204);
        Response twice = engine.client().postJson("/api/v1/auth/reset-password", Map.of("token", token, "password", "yet another secret"));
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.json().get("code").asText()).isEqualTo("TOKEN_INVALID");

        assertThat(other.get("/api/v1/auth/me").status()).as("a reset signs out every session").isEqualTo(401);
        assertThat(engine.client().postJson("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD)).status()).isEqualTo(401);
        AccountFixtures.signedIn(engine, email, "a brand new secret");

        engine.client().postJson("/api/v1/auth/forgot-password", Map.of("email", email));
        String late = AccountFixtures.tokenInLastMail(engine, email);
        engine.clock().advance(Duration.ofHours(1).plusSeconds(1));
        Response expired = engine.client().postJson("/api/v1/auth/reset-password", Map.of("token", late, "password", "too late a secret"));
        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.json().get("code").asText()).isEqualTo("TOKEN_INVALID");
    }

    @EngineTest
    void changingThePasswordEndsOtherSessionsOnly(TestEngine engine) {
        String email = AccountFixtures.email("change");
        AccountFixtures.register(engine, email);
        TestClient laptop = AccountFixtures.signedIn(engine, email, PASSWORD);
        TestClient phone = AccountFixtures.signedIn(engine, email, PASSWORD);

        Response wrong = laptop.postJson("/api/v1/auth/change-password", Map.of("currentPassword", "not my password", "newPassword", "fresh password 1"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.json().at("/errors/0/field").asText()).isEqualTo("currentPassword");
        assertThat(phone.get("/api/v1/auth/me").status()).isEqualTo(200);

        Response ok = laptop.postJson("/api/v1/auth/change-password", Map.of("currentPassword", PASSWORD, "newPassword", "fresh password 1"));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(204);
        assertThat(laptop.get("/api/v1/auth/me").status()).isEqualTo(200);
        assertThat(phone.get("/api/v1/auth/me").status()).isEqualTo(401);
        AccountFixtures.signedIn(engine, email, "fresh password 1");
    }

    @EngineTest
    void failedLoginAndForgotPasswordDoNotRevealAccounts(TestEngine engine) {
        String known = AccountFixtures.email("known");
        AccountFixtures.register(engine, known);
        String unknown = AccountFixtures.email("nobody");

        Response a = engine.client().postJson("/api/v1/auth/login", Map.of("email", known, "password", "wrong password!"));
        Response b = engine.client().postJson("/api/v1/auth/login", Map.of("email", unknown, "password", "wrong password!"));
        assertThat(a.status()).isEqualTo(401).isEqualTo(b.status());
        assertThat(a.json().get("code").asText()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(a.body()).isEqualTo(b.body());

        Response c = engine.client().postJson("/api/v1/auth/forgot-password", Map.of("email", known));
        Response d = engine.client().postJson("/api/v1/auth/forgot-password", Map.of("email", unknown));
        assertThat(c.status()).isEqualTo(202).isEqualTo(d.status());
        assertThat(c.body()).isEqualTo(d.body());
        assertThat(AccountFixtures.mailsTo(engine, unknown)).isEmpty();
    }

    @EngineTest
    void weakPasswordsAreRejected(TestEngine engine) {
        String email = AccountFixtures.email("weak");
        for (String pw : new String[] {"short", "aaaaaaaaaaaa", "password123", email, "x".repeat(129)}) {
            Response r = engine.client().postJson("/api/v1/auth/register", Map.of("email", email, "password", pw, "displayName", "W"));
            assertThat(r.status()).as(pw).isEqualTo(422);
            assertThat(r.json().get("code").asText()).as(pw).isIn("WEAK_PASSWORD", "VALIDATION_FAILED");
            assertThat(r.json().at("/errors/0/field").asText()).isEqualTo("password");
        }
        int users = engine.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM users WHERE email = :e").bind("e", email)
                .mapTo(Integer.class).one());
        assertThat(users).isZero();
    }

    private static String sessionCookie(Response r) {
        return r.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("set-cookie")).flatMap(e -> e.getValue().stream())
                .filter(c -> c.startsWith("mintreu_session=")).map(c -> c.substring("mintreu_session=".length(), c.indexOf(';')))
                .filter(v -> !v.isEmpty()).findFirst().orElse(null);
    }

    /** GET /api/v1/auth/me with exactly this session cookie; the status. */
    private static int withCookie(TestEngine engine, String cookie) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(engine.base() + "/api/v1/auth/me")).header("Cookie", "mintreu_session=" + cookie).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
