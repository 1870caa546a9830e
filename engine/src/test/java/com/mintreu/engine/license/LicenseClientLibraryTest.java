package com.mintreu.engine.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mintreu.engine.license.LicenseFixture.Lic;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.licenseclient.LicenseClient;
import com.mintreu.licenseclient.LicenseClientException;
import com.mintreu.licenseclient.LicenseFile;
import com.mintreu.licenseclient.MachineAction;
import com.mintreu.licenseclient.MachineInfo;
import com.mintreu.licenseclient.Machines;
import com.mintreu.licenseclient.Scope;
import com.mintreu.licenseclient.SeatAction;
import com.mintreu.licenseclient.Validation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code license-client} module a seller ships, against a real engine with the real license
 * plugins, on both databases: signed validation (keys fetched from the JWK Set), grace, the cached
 * answer when the engine is unreachable, offline license files with the published product key, and
 * the machine actions and check-in, and the seats of a user-limited license, through their whole life.
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
            assertThat(v.license().orElseThrow().users()).isZero();
            assertThat(v.license().orElseThrow().maxUsers()).isEmpty();
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

    @ParameterizedTest
    @MethodSource("kinds")
    void aSellersAppActivatesBeatsListsDeactivatesAndChecksIn(String kind) throws Exception {
        try (LicenseFixture f = LicenseFixture.boot(kind)) {
            Lic lic = f.license(Map.of("maxMachines", 2, "heartbeatSeconds", 3600, "checkInSeconds", 3600));
            LicenseClient client = LicenseClient.builder().baseUrl(f.e.base().toString()).clock(f.e.clock()).build();
            String key = lic.key();

            MachineInfo laptop = Machines.describeThisMachine().withName("Office laptop");
            Instant before = f.e.clock().instant();
            MachineAction first = client.activate(key, "fp-1", laptop);
            assertThat(answer(first)).isEqualTo("true ACTIVATED");
            MachineAction.Machine m1 = first.machine().orElseThrow();
            assertThat(m1.fingerprint()).isEqualTo("fp-1");
            assertThat(m1.id()).startsWith("mch_");
            assertThat(m1.name()).isEqualTo("Office laptop");
            assertThat(m1.platform()).isEqualTo(laptop.platform());
            assertThat(m1.hostname()).isEqualTo(laptop.hostname());
            assertThat(m1.cores()).isEqualTo(laptop.cores());
            assertThat(m1.createdAt()).isBetween(before, f.e.clock().instant()).isEqualTo(m1.lastHeartbeatAt());
            assertThat(first.license().orElseThrow().id()).isEqualTo(lic.id());
            assertThat(first.license().orElseThrow().machines()).isEqualTo(1);
            assertThat(first.license().orElseThrow().maxMachines()).isEqualTo(2);

            MachineAction again = client.activate(key, "fp-1", laptop);
            assertThat(answer(again)).isEqualTo("true ALREADY_ACTIVATED");
            assertThat(again.machine().orElseThrow().id()).isEqualTo(m1.id());
            assertThat(answer(client.activate(key, "fp-2", MachineInfo.NONE))).isEqualTo("true ACTIVATED");
            MachineAction third = client.activate(key, "fp-3", MachineInfo.NONE.withName("Build box"));
            assertThat(answer(third)).isEqualTo("false TOO_MANY_MACHINES");
            assertThat(third.machine()).isEmpty();
            assertThat(third.license().orElseThrow().machines()).isEqualTo(2);

            assertThat(answer(client.heartbeat(key, "fp-1"))).isEqualTo("true HEARTBEAT_OK");
            assertThat(answer(client.heartbeat(key, "fp-3"))).isEqualTo("false MACHINE_NOT_FOUND");

            MachineAction listed = client.machines(key);
            assertThat(answer(listed)).isEqualTo("true LISTED");
            assertThat(listed.machines()).extracting(MachineAction.Machine::fingerprint).containsExactlyInAnyOrder("fp-1", "fp-2");
            MachineAction.Machine bare = listed.machines().stream().filter(m -> m.fingerprint().equals("fp-2")).findFirst().orElseThrow();
            assertThat(bare.name()).isNull();
            assertThat(bare.cores()).isNull();

            // free a slot, then the third machine fits
            assertThat(answer(client.deactivate(key, "fp-2"))).isEqualTo("true DEACTIVATED");
            assertThat(answer(client.deactivate(key, "fp-2"))).isEqualTo("false MACHINE_NOT_FOUND");
            assertThat(answer(client.activate(key, "fp-3", MachineInfo.NONE.withName("Build box")))).isEqualTo("true ACTIVATED");
            assertThat(client.machines(key).machines()).extracting(MachineAction.Machine::fingerprint).containsExactlyInAnyOrder("fp-1", "fp-3");
            assertThat(answer(client.checkIn(key))).isEqualTo("true CHECKED_IN");

            // fp-1 beats at 45 min; at 75 min the license missed its hourly check-in and fp-3 its heartbeat
            f.e.clock().advance(Duration.ofMinutes(45));
            assertThat(answer(client.heartbeat(key, "fp-1"))).isEqualTo("true HEARTBEAT_OK");
            f.e.clock().advance(Duration.ofMinutes(30));
            assertThat(client.validate(key, Scope.NONE).code()).isEqualTo("OVERDUE");
            assertThat(answer(client.heartbeat(key, "fp-1"))).isEqualTo("false OVERDUE");
            assertThat(answer(client.checkIn(key))).isEqualTo("true CHECKED_IN");
            assertThat(client.validate(key, Scope.NONE.withFingerprint("fp-1")).code()).isEqualTo("VALID");
            assertThat(answer(client.heartbeat(key, "fp-1"))).isEqualTo("true HEARTBEAT_OK");
            assertThat(answer(client.heartbeat(key, "fp-3"))).isEqualTo("false HEARTBEAT_DEAD");
            assertThat(answer(client.activate(key, "fp-3", MachineInfo.NONE))).isEqualTo("true ACTIVATED");

            MachineAction garbage = client.checkIn("garbage");
            assertThat(answer(garbage)).isEqualTo("false MALFORMED");
            assertThat(garbage.license()).isEmpty();

            // a write is never answered from a cache: no engine, an exception naming the route
            String jwks = f.e.client().get("/api/v1/licenses/keys").body();
            LicenseClient cut = LicenseClient.builder().baseUrl("http://127.0.0.1:1").publicKeysJwks(jwks).timeout(Duration.ofSeconds(2))
                    .clock(f.e.clock()).build();
            assertThatThrownBy(() -> cut.activate(key, "fp-9", MachineInfo.NONE)).isInstanceOfSatisfying(LicenseClientException.class, e -> {
                assertThat(e.reason()).isEqualTo(LicenseClientException.Reason.UNREACHABLE);
                assertThat(e.getMessage()).contains("/api/v1/licenses/machines/activate");
            });
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aSellersAppClaimsValidatesReleasesAndListsSeats(String kind, @TempDir Path dir) throws Exception {
        try (LicenseFixture f = LicenseFixture.boot(kind)) {
            Lic lic = f.license(Map.of("maxUsers", 2));
            Path cache = dir.resolve("license.cache");
            LicenseClient client = LicenseClient.builder().baseUrl(f.e.base().toString()).cacheFile(cache).clock(f.e.clock()).build();
            String key = lic.key();

            Validation nobody = client.validate(key, Scope.NONE);
            assertThat(nobody.code()).isEqualTo("USER_SCOPE_REQUIRED");
            assertThat(nobody.valid()).isFalse();
            assertThat(nobody.license().orElseThrow().maxUsers()).hasValue(2);

            Instant before = f.e.clock().instant();
            SeatAction ann = client.claimSeat(key, "Ann@Example.com");
            assertThat(answer(ann)).isEqualTo("true SEAT_CLAIMED");
            SeatAction.Seat s1 = ann.seat().orElseThrow();
            assertThat(s1.id()).startsWith("lus_");
            assertThat(s1.user()).isEqualTo("Ann@Example.com");
            assertThat(s1.createdAt()).isBetween(before, f.e.clock().instant());
            assertThat(ann.license().orElseThrow().users()).isEqualTo(1);
            assertThat(ann.license().orElseThrow().maxUsers()).hasValue(2);
            // the same user in another letter case holds the same seat
            SeatAction again = client.claimSeat(key, " ann@example.com");
            assertThat(answer(again)).isEqualTo("true ALREADY_SEATED");
            assertThat(again.seat().orElseThrow()).isEqualTo(s1);
            assertThat(answer(client.claimSeat(key, "bob"))).isEqualTo("true SEAT_CLAIMED");
            SeatAction third = client.claimSeat(key, "carol");
            assertThat(answer(third)).isEqualTo("false TOO_MANY_USERS");
            assertThat(third.seat()).isEmpty();
            assertThat(third.license().orElseThrow().users()).isEqualTo(2);

            // a seated user is valid; the answer cached for Ann is not carol's
            Validation seated = client.validate(key, Scope.NONE.withUser("Ann@Example.com"));
            assertThat(seated.code()).isEqualTo("VALID");
            assertThat(seated.license().orElseThrow().users()).isEqualTo(2);
            assertThat(client.validate(key, Scope.NONE.withUser("carol")).code()).isEqualTo("USER_SCOPE_MISMATCH");
            String jwks = f.e.client().get("/api/v1/licenses/keys").body();
            LicenseClient cut = LicenseClient.builder().baseUrl("http://127.0.0.1:1").publicKeysJwks(jwks).cacheFile(cache)
                    .timeout(Duration.ofSeconds(2)).clock(f.e.clock()).build();
            Validation staleAnn = cut.validate(key, Scope.NONE.withUser("Ann@Example.com"));
            assertThat(staleAnn.stale()).isTrue();
            assertThat(staleAnn.code()).isEqualTo("VALID");
            assertThat(cut.validate(key, Scope.NONE.withUser("carol")).code()).isEqualTo("USER_SCOPE_MISMATCH");
            assertThatThrownBy(() -> cut.validate(key, Scope.NONE.withUser("dave"))).isInstanceOfSatisfying(LicenseClientException.class,
                    e -> assertThat(e.reason()).isEqualTo(LicenseClientException.Reason.UNREACHABLE));

            // release bob's seat, then carol fits
            assertThat(answer(client.releaseSeat(key, "BOB"))).isEqualTo("true SEAT_RELEASED");
            assertThat(answer(client.releaseSeat(key, "bob"))).isEqualTo("false USER_NOT_FOUND");
            assertThat(client.validate(key, Scope.NONE.withUser("bob")).code()).isEqualTo("USER_SCOPE_MISMATCH");
            assertThat(answer(client.claimSeat(key, "carol"))).isEqualTo("true SEAT_CLAIMED");
            assertThat(client.validate(key, Scope.NONE.withUser("carol")).code()).isEqualTo("VALID");

            SeatAction listed = client.seats(key);
            assertThat(answer(listed)).isEqualTo("true LISTED");
            assertThat(listed.seats()).extracting(SeatAction.Seat::user).containsExactlyInAnyOrder("Ann@Example.com", "carol");
            assertThat(listed.seats()).contains(s1);
            assertThat(listed.license().orElseThrow().users()).isEqualTo(2);

            SeatAction garbage = client.seats("garbage");
            assertThat(answer(garbage)).isEqualTo("false MALFORMED");
            assertThat(garbage.license()).isEmpty();
            assertThatThrownBy(() -> cut.claimSeat(key, "dave")).isInstanceOfSatisfying(LicenseClientException.class, e -> {
                assertThat(e.reason()).isEqualTo(LicenseClientException.Reason.UNREACHABLE);
                assertThat(e.getMessage()).contains("/api/v1/licenses/users/add");
            });
        }
    }

    private static String answer(SeatAction a) {
        return a.ok() + " " + a.code();
    }

    private static String answer(MachineAction a) {
        return a.ok() + " " + a.code();
    }
}
