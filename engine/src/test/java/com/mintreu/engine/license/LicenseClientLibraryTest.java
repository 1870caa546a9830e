package com.mintreu.engine.license;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.license.LicenseFixture.Lic;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.licenseclient.LicenseClient;
import com.mintreu.licenseclient.LicenseFile;
import com.mintreu.licenseclient.Scope;
import com.mintreu.licenseclient.Validation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code license-client} module a seller ships, against a real engine with the real license
 * plugins, on both databases: signed validation (keys fetched from the JWK Set), grace, the cached
 * answer when the engine is unreachable, and offline license files with the published product key.
 */
class LicenseClientLibraryTest {

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aSellersAppValidatesCachesAndVerifiesFiles(String kind, @TempDir Path dir) throws Exception {
        try (LicenseFixture f = LicenseFixture.boot(kind)) {
            Lic lic = f.license(Map.of("durationSeconds", 86400, "graceSeconds", 86400));
            Path cache = dir.resolve("license.cache");
            LicenseClient client = LicenseClient.builder().baseUrl(f.e.base().toString()).cacheFile(cache).clock(f.e.clock()).build();

            Validation v = client.validate(lic.key(), Scope.NONE.withProduct(lic.productId()));
            assertThat(v.code()).isEqualTo("VALID");
            assertThat(v.valid()).isTrue();
            assertThat(v.stale()).isFalse();
            assertThat(v.grace()).isEqualTo(Validation.Grace.NONE);
            assertThat(v.license().orElseThrow().id()).isEqualTo(lic.id());
            assertThat(v.expiresAt()).isPresent();
            assertThat(client.validate("garbage", Scope.NONE).code()).isEqualTo("MALFORMED");

            f.activate(lic, "fp-1");
            assertThat(client.validate(lic.key(), Scope.NONE.withFingerprint("fp-1")).code()).isEqualTo("VALID");
            assertThat(client.validate(lic.key(), Scope.NONE.withFingerprint("fp-9")).code()).isEqualTo("FINGERPRINT_SCOPE_MISMATCH");

            // offline files: the app ships the JWK Set (fetched once the product's key exists: the engine
            // makes it on the first file), no server needed to verify
            Response plain = lic.customer().client().post("/api/v1/licenses/" + lic.id() + "/file", "application/json", "{}");
            assertThat(plain.status()).as(plain.body()).isEqualTo(200);
            String jwks = f.e.client().get("/api/v1/licenses/keys").body();
            LicenseClient offline = LicenseClient.builder().publicKeysJwks(jwks).clock(f.e.clock()).build();
            LicenseFile file = offline.verifyLicenseFile(plain.body(), Optional.empty(), Optional.empty());
            assertThat(file.licenseId()).isEqualTo(lic.id());
            assertThat(file.product()).isEqualTo(lic.productId());
            Response sealed = lic.customer().client().post("/api/v1/licenses/" + lic.id() + "/file", "application/json", "{\"encrypt\": true}");
            assertThat(offline.verifyLicenseFile(sealed.body(), Optional.of(lic.key()), Optional.empty()).licenseId()).isEqualTo(lic.id());

            // past the expiry, within grace
            f.e.clock().advance(Duration.ofSeconds(86400 + 60));
            Validation graced = client.validate(lic.key(), Scope.NONE);
            assertThat(graced.code()).isEqualTo("IN_GRACE");
            assertThat(graced.valid()).isTrue();
            assertThat(graced.grace()).isEqualTo(Validation.Grace.IN_GRACE);
            assertThat(graced.expiresAt().orElseThrow()).isBefore(f.e.clock().instant());

            // the engine unreachable: a restarted app with the same cache file gets the last verified answer, stale
            assertThat(Files.exists(cache)).isTrue();
            LicenseClient cut = LicenseClient.builder().baseUrl("http://127.0.0.1:1").publicKeysJwks(jwks).cacheFile(cache)
                    .timeout(Duration.ofSeconds(2)).clock(f.e.clock()).build();
            Validation stale = cut.validate(lic.key(), Scope.NONE);
            assertThat(stale.stale()).isTrue();
            assertThat(stale.code()).isEqualTo("IN_GRACE");
        }
    }
}
