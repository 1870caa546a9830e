package com.mintreu.engine.account;

import static com.mintreu.engine.account.AccountFixtures.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.WithConfig;
import java.time.Duration;
import java.util.Map;

@WithConfig("security: {loginAttempts: 3, resetAttempts: 2}")
class ThrottleTest {

    @EngineTest
    void failedLoginsAreLimitedPerAccount(TestEngine engine) {
        engine.clock().advance(Duration.ofHours(2)); // every test starts with full buckets
        String email = AccountFixtures.email("throttle");
        AccountFixtures.register(engine, email);
        for (int i = 0; i < 3; i++) {
            assertThat(engine.client().postJson("/api/v1/auth/login", Map.of("email", email, "password", "wrong password " + i)).status()).isEqualTo(401);
        }
        Response limited = engine.client().postJson("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 900L);

        Response page = engine.client().submitForm("/login", "#login-form", Map.of("email", email, "password", PASSWORD));
        assertThat(page.status()).isEqualTo(429);
        assertThat(page.header("Retry-After")).isNotNull();
        assertThat(page.html().select("main code").text()).isEqualTo("RATE_LIMITED");

        engine.clock().advance(Duration.ofMinutes(15));
        AccountFixtures.signedIn(engine, email, PASSWORD);
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
    void failedLoginsAreLimitedPerIpAcrossAccounts(TestEngine engine) {
        engine.clock().advance(Duration.ofHours(2));
        for (int i = 0; i < 3; i++) {
            engine.client().postJson("/api/v1/auth/login", Map.of("email", AccountFixtures.email("spray"), "password", "guess number one"));
        }
        Response limited = engine.client().postJson("/api/v1/auth/login", Map.of("email", AccountFixtures.email("spray"), "password", "guess number one"));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNotNull();
    }

    @EngineTest
    void resetRequestsAreLimitedAndUnknownEmailsCountToo(TestEngine engine) {
        engine.clock().advance(Duration.ofHours(2));
        String known = AccountFixtures.email("reset");
        AccountFixtures.register(engine, known);
        assertThat(engine.client().postJson("/api/v1/auth/forgot-password", Map.of("email", known)).status()).isEqualTo(202);
        assertThat(engine.client().postJson("/api/v1/auth/forgot-password", Map.of("email", known)).status()).isEqualTo(202);
        Response limited = engine.client().postJson("/api/v1/auth/forgot-password", Map.of("email", known));
        assertThat(limited.status()).isEqualTo(429);
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
