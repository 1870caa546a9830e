package com.mintreu.engine.license;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.license.LicenseFixture.Lic;
import com.mintreu.engine.license.signing.SignedResponsesTest;
import com.mintreu.engine.plugin.EntitlementTestPlugins;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An IP that sends too many unknown or forged keys is answered 429 for such keys until its minute
 * refills; real keys never count and are never refused (many customers share one address).
 */
class KeyMissLimitTest {

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void unknownKeysRunOutAndRefill(String kind) throws Exception {
        try (LicenseFixture f = LicenseFixture.boot(kind, EntitlementTestPlugins.writeTo(Files.createTempDirectory("license-plugins-")),
                "security: {unknownKeysPerMinute: 3}\n")) {
            Lic real = f.license(null);
            String forged = real.key().substring(0, real.key().length() - 4) + (real.key().endsWith("AAAA") ? "BBBB" : "AAAA");

            for (int i = 0; i < 5; i++) {
                assertThat(LicenseFixture.answer(f.validate(real, null))).as("a real key never counts").isEqualTo("true VALID");
            }
            assertThat(LicenseFixture.answer(f.call("/api/v1/licenses/validate", Map.of("key", "not a key at all"))))
                    .as("malformed input is cheap and does not count").isEqualTo("false MALFORMED");
            for (int i = 0; i < 3; i++) {
                assertThat(LicenseFixture.answer(f.call("/api/v1/licenses/validate", Map.of("key", forged)))).isEqualTo("false NOT_FOUND");
            }
            Response limited = f.e.client().postJson("/api/v1/licenses/validate", Map.of("key", forged));
            assertThat(limited.status()).as("out of misses: a forged key waits").isEqualTo(429);
            assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
            assertThat(limited.json().get("code").asText()).isEqualTo("RATE_LIMITED");
            long retryAfter = Long.parseLong(limited.header("Retry-After"));
            assertThat(retryAfter).isBetween(1L, 60L);
            assertThat(SignedResponsesTest.verifies(f.e, limited, "")).as("signed like every license answer").isTrue();
            Response machines = f.e.client().postJson("/api/v1/licenses/machines/activate", Map.of("key", forged, "fingerprint", "fp"));
            assertThat(machines.status()).as("every client route shares the limit").isEqualTo(429);
            for (int i = 0; i < 3; i++) {
                assertThat(LicenseFixture.answer(f.validate(real, null))).as("out of misses: a real key from the same address still works")
                        .isEqualTo("true VALID");
            }
            assertThat(LicenseFixture.answer(f.activate(real, "fp-real"))).isEqualTo("true ACTIVATED");

            f.e.clock().advance(Duration.ofSeconds(retryAfter));
            assertThat(LicenseFixture.answer(f.call("/api/v1/licenses/validate", Map.of("key", forged)))).as("refilled").isEqualTo("false NOT_FOUND");
        }
    }
}
