package com.mintreu.engine.account;

import static com.mintreu.engine.account.AccountFixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.WithConfig;
import java.time.Duration;
import java.util.Map;

/**
 * Login and reset limits over HTTP. The engine sits behind a "proxy" on 127.0.0.1 (trusted), so a
 * test plays clients at different addresses with {@code X-Forwarded-For}.
 */
@WithConfig("""
        security: {loginAttempts: 3, loginAttemptsPerIp: 8, resetAttempts: 2}
        server: {trustedProxies: [127.0.0.1, "::1"]}
        """)
class ThrottleTest {

    private static Response login(TestEngine engine, String ip, String email, String password) {
        return engine.client().postJson("/api/v1/auth/login", Map.of("email", email, "password", password), Map.of("X-Forwarded-For", ip));
    }

    @EngineTest
    void failedLoginsAreLimitedPerAccountFromOneAddressOnly(TestEngine engine) {
        engine.clock().advance(Duration.ofHours(2)); // every test starts with full buckets
        String email = AccountFixtures.email("throttle");
        AccountFixtures.register(engine, email);
        for (int i = 0; i < 3; i++) {
            assertThat(login(engine, "203.0.113.7", email, "wrong password " + i).status()).isEqualTo(401);
        }
        Response limited = login(engine, "203.0.113.7", email, PASSWORD);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 900L);

        assertThat(login(engine, "198.51.100.2", email, PASSWORD).status())
                .as("the stranger's guesses do not lock the owner out elsewhere").isEqualTo(200);

        for (int i = 0; i < 3; i++) {
            login(engine, "127.0.0.1", email, "wrong password " + i);
        }
        Response page = engine.client().submitForm("/login", "#login-form", Map.of("email", email, "password", PASSWORD));
        assertThat(page.status()).isEqualTo(429);
        assertThat(page.header("Retry-After")).isNotNull();
        assertThat(page.html().select("main code").text()).isEqualTo("RATE_LIMITED");

        engine.clock().advance(Duration.ofMinutes(15));
        AccountFixtures.signedIn(engine, email, PASSWORD);
    }

    @EngineTest
    void madeUpEmailsFromOneAddressDoNotLockRealAccountsThere(TestEngine engine) {
        engine.clock().advance(Duration.ofHours(2));
        String email = AccountFixtures.email("office");
        AccountFixtures.register(engine, email);
        for (int i = 0; i < 7; i++) {
            assertThat(login(engine, "192.0.2.50", AccountFixtures.email("made-up"), "guess number one").status()).isEqualTo(401);
        }
        assertThat(login(engine, "192.0.2.50", email, PASSWORD).status()).as("a colleague behind the same address").isEqualTo(200);
    }

    @EngineTest
    void successfulLoginsDoNotCount(TestEngine engine) {
        engine.clock().advance(Duration.ofHours(2));
        String email = AccountFixtures.email("ok");
        AccountFixtures.register(engine, email);
        for (int i = 0; i < 6; i++) {
            AccountFixtures.signedIn(engine, email, PASSWORD);
        }
    }

    @EngineTest
    void failedLoginsAreCappedPerAddressAcrossAccounts(TestEngine engine) {
        engine.clock().advance(Duration.ofHours(2));
        for (int i = 0; i < 8; i++) {
            assertThat(login(engine, "203.0.113.9", AccountFixtures.email("spray"), "guess number one").status()).isEqualTo(401);
        }
        Response limited = login(engine, "203.0.113.9", AccountFixtures.email("spray"), "guess number one");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNotNull();
        assertThat(login(engine, "203.0.113.10", AccountFixtures.email("spray"), "guess number one").status())
                .as("another client behind the proxy").isEqualTo(401);
    }

    @EngineTest
    void withoutTrustedProxiesForwardedHeadersAreIgnored(TestEngine engine) {
        try (TestEngine plain = TestEngine.boot(engine.kind(), "security: {loginAttempts: 3, loginAttemptsPerIp: 8}")) {
            String email = AccountFixtures.email("direct");
            AccountFixtures.register(plain, email);
            for (int i = 0; i < 3; i++) {
                login(plain, "203.0.113." + i, email, "wrong password " + i);
            }
            assertThat(login(plain, "198.51.100.2", email, PASSWORD).status())
                    .as("a client cannot pick its own address by sending X-Forwarded-For").isEqualTo(429);
            Response forwarded = plain.client().post("/api/v1/auth/login", "application/json",
                    "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}", Map.of("Forwarded", "for=198.51.100.3"));
            assertThat(forwarded.status()).isEqualTo(429);
        }
    }

    @EngineTest
    void resetRequestsAreLimitedAndUnknownEmailsCountToo(TestEngine engine) {
        engine.clock().advance(Duration.ofHours(2));
        String known = AccountFixtures.email("reset");
        AccountFixtures.register(engine, known);
        assertThat(engine.client().postJson("/api/v1/auth/forgot-password", Map.of("email", known)).status()).isEqualTo(202);
        assertThat(engine.client().postJson("/api/v1/auth/forgot-password", Map.of("email", known)).status()).isEqualTo(202);
        Response limited = engine.client().postJson("/api/v1/auth/forgot-password", Map.of("email", known), Map.of("X-Forwarded-For", "192.0.2.1"));
        assertThat(limited.status()).as("per account, from any address: no mail flood").isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNotNull();
        assertThat(AccountFixtures.mailsTo(engine, known).stream().filter(m -> m.get("subject").asText().contains("Reset")).count()).isEqualTo(2);

        engine.clock().advance(Duration.ofHours(2));
        String unknown = AccountFixtures.email("ghost");
        engine.client().postJson("/api/v1/auth/forgot-password", Map.of("email", unknown));
        engine.client().postJson("/api/v1/auth/forgot-password", Map.of("email", unknown));
        assertThat(engine.client().postJson("/api/v1/auth/forgot-password", Map.of("email", unknown)).status())
                .as("an unknown email is limited the same way, so the limit reveals nothing").isEqualTo(429);
    }
}
