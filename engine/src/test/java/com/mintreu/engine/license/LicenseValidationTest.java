package com.mintreu.engine.license;

import static com.mintreu.engine.license.LicenseFixture.answer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.license.LicenseFixture.Lic;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every validation code, produced through the public API on both databases: policies set by the
 * seller, machines activated by the client, time moved with the engine's clock.
 */
class LicenseValidationTest {

    static final Map<String, LicenseFixture> FIXTURES = new LinkedHashMap<>();

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    @BeforeAll
    static void boot() throws Exception {
        for (String kind : TestDatabase.kinds()) {
            FIXTURES.put(kind, LicenseFixture.boot(kind));
        }
    }

    @AfterAll
    static void close() {
        FIXTURES.values().forEach(LicenseFixture::close);
    }

    /** Records every code seen, so the test proves it produced the whole set. */
    static final class Seen {
        final Set<ValidationCode> codes = EnumSet.noneOf(ValidationCode.class);

        void expect(JsonNode answer, String expected) {
            assertThat(answer(answer)).as(answer.toString()).isEqualTo(expected);
            codes.add(ValidationCode.valueOf(answer.get("code").asText()));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyValidationCode(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        Seen seen = new Seen();

        Lic plain = f.license(null);
        JsonNode ok = f.call("/api/v1/licenses/validate", Map.of("key", plain.key(), "nonce", "n-123"));
        seen.expect(ok, "true VALID");
        assertThat(ok.get("nonce").asText()).isEqualTo("n-123");
        assertThat(Instant.parse(ok.get("ts").asText())).isBetween(f.e.clock().instant().minusSeconds(5), f.e.clock().instant());
        assertThat(ok.get("license").get("id").asText()).isEqualTo(plain.id());
        assertThat(ok.get("license").get("product").asText()).isEqualTo(plain.productId());
        assertThat(ok.get("license").get("maxMachines").asInt()).isEqualTo(3);
        assertThat(ok.get("license").get("machines").asInt()).isZero();
        assertThat(ok.get("license").path("expiresAt").isNumber()).as("perpetual by default").isFalse();

        String sig = plain.key().substring(plain.key().lastIndexOf('.') + 1);
        String forged = plain.key().substring(0, plain.key().lastIndexOf('.') + 1) + (sig.charAt(0) == 'A' ? 'B' : 'A') + sig.substring(1);
        seen.expect(f.call("/api/v1/licenses/validate", Map.of("key", forged)), "false NOT_FOUND");
        seen.expect(f.call("/api/v1/licenses/validate", Map.of("key", "garbage")), "false MALFORMED");

        Lic suspended = f.license(null);
        assertThat(f.admin.post("/api/v1/admin/licenses/" + suspended.id() + "/suspend", null, "").status()).isEqualTo(200);
        seen.expect(f.validate(suspended, null), "false SUSPENDED");
        Lic revoked = f.license(null);
        assertThat(f.admin.postJson("/api/v1/admin/entitlements/" + revoked.entitlementId() + "/revoke", Map.of("reason", "refund")).status())
                .isEqualTo(200);
        seen.expect(f.validate(revoked, null), "false REVOKED");

        // restrict with grace: valid but flagged in grace, then expired
        Lic graced = f.license(Map.of("durationSeconds", 3600, "graceSeconds", 3600));
        Lic allowed = f.license(Map.of("durationSeconds", 3600, "expiryStrategy", "allow"));
        Lic maintained = f.license(Map.of("durationSeconds", 3600, "expiryStrategy", "maintain"));
        Lic onActivation = f.license(Map.of("durationSeconds", 3600, "expiryBasis", "first_activation"));
        seen.expect(f.validate(graced, null), "true VALID");
        f.e.clock().advance(Duration.ofSeconds(3601));
        seen.expect(f.validate(graced, null), "true IN_GRACE");
        seen.expect(f.validate(allowed, null), "true EXPIRED");
        seen.expect(f.validate(maintained, Map.of("version", "1.0.0")), "true VALID");
        seen.expect(f.validate(maintained, null), "false EXPIRED");
        assertThat(f.seller.client().postBytes("/api/v1/seller/products/" + maintained.productId() + "/releases?version=2.0.0&fileName=app2.tar.gz",
                "application/octet-stream", new byte[] {1, 2, 3}).status()).isEqualTo(201);
        seen.expect(f.validate(maintained, Map.of("version", "2.0.0")), "false EXPIRED"); // released after the expiry
        assertThat(f.validate(onActivation, null).get("license").path("expiresAt").isNumber()).as("not activated: not running").isFalse();
        seen.expect(f.validate(onActivation, null), "true VALID");
        f.e.clock().advance(Duration.ofSeconds(3600));
        seen.expect(f.validate(graced, null), "false EXPIRED");
        seen.expect(f.activate(onActivation, "fp-1"), "true ACTIVATED");
        f.e.clock().advance(Duration.ofSeconds(3601));
        seen.expect(f.validate(onActivation, null), "false EXPIRED");
        seen.expect(f.activate(graced, "fp-1"), "false EXPIRED");

        Lic checkIns = f.license(Map.of("checkInSeconds", 3600));
        f.e.clock().advance(Duration.ofSeconds(3601));
        seen.expect(f.validate(checkIns, null), "false OVERDUE");
        seen.expect(f.call("/api/v1/licenses/check-in", Map.of("key", checkIns.key())), "true CHECKED_IN");
        seen.expect(f.validate(checkIns, null), "true VALID");

        Lic scoped = f.license(Map.of("entitlements", List.of("export", "cloud")));
        seen.expect(f.validate(scoped, Map.of("product", scoped.productId(), "version", "1.0.0", "entitlements", List.of("export"))), "true VALID");
        seen.expect(f.validate(scoped, Map.of("product", plain.productId())), "false PRODUCT_SCOPE_MISMATCH");
        seen.expect(f.validate(scoped, Map.of("version", "9.9.9")), "false VERSION_SCOPE_MISMATCH");
        JsonNode missing = f.validate(scoped, Map.of("entitlements", List.of("export", "sso")));
        seen.expect(missing, "false ENTITLEMENTS_MISSING");
        assertThat(missing.get("detail").asText()).contains("sso").doesNotContain("export");
        assertThat(missing.get("license").get("entitlements")).hasSize(2);

        Lic strict = f.license(Map.of("requireFingerprint", true));
        seen.expect(f.validate(strict, null), "false FINGERPRINT_SCOPE_REQUIRED");
        seen.expect(f.validate(strict, Map.of("fingerprint", "fp-1")), "false NO_MACHINES");
        seen.expect(f.activate(strict, "fp-1"), "true ACTIVATED");
        seen.expect(f.activate(strict, "fp-1"), "true ALREADY_ACTIVATED");
        seen.expect(f.validate(strict, Map.of("fingerprint", "fp-1")), "true VALID");
        seen.expect(f.validate(strict, Map.of("fingerprint", "fp-2")), "false FINGERPRINT_SCOPE_MISMATCH");

        Lic locked = f.license(Map.of("floating", false));
        seen.expect(f.validate(locked, Map.of("fingerprint", "fp-1")), "false NO_MACHINE");
        seen.expect(f.activate(locked, "fp-1"), "true ACTIVATED");
        seen.expect(f.activate(locked, "fp-2"), "false TOO_MANY_MACHINES");

        // the seller lowers the limit below what is activated: validation says so
        Lic shrunk = f.license(Map.of("maxMachines", 2));
        seen.expect(f.activate(shrunk, "fp-1"), "true ACTIVATED");
        seen.expect(f.activate(shrunk, "fp-2"), "true ACTIVATED");
        f.putPolicy(shrunk.planId(), Map.of("maxMachines", 1));
        seen.expect(f.validate(shrunk, Map.of("fingerprint", "fp-1")), "false TOO_MANY_MACHINES");
        seen.expect(f.machine("deactivate", shrunk, "fp-2"), "true DEACTIVATED");
        seen.expect(f.machine("deactivate", shrunk, "fp-2"), "false MACHINE_NOT_FOUND");
        seen.expect(f.validate(shrunk, Map.of("fingerprint", "fp-1")), "true VALID");

        Lic beating = f.license(Map.of("heartbeatSeconds", 600));
        seen.expect(f.activate(beating, "fp-1"), "true ACTIVATED");
        f.e.clock().advance(Duration.ofSeconds(500));
        seen.expect(f.machine("heartbeat", beating, "fp-1"), "true HEARTBEAT_OK");
        f.e.clock().advance(Duration.ofSeconds(500));
        seen.expect(f.validate(beating, Map.of("fingerprint", "fp-1")), "true VALID");
        f.e.clock().advance(Duration.ofSeconds(101));
        seen.expect(f.validate(beating, Map.of("fingerprint", "fp-1")), "false HEARTBEAT_DEAD");
        seen.expect(f.machine("heartbeat", beating, "fp-1"), "false HEARTBEAT_DEAD");
        seen.expect(f.machine("heartbeat", beating, "fp-9"), "false MACHINE_NOT_FOUND");
        seen.expect(f.activate(beating, "fp-1"), "true ACTIVATED");
        seen.expect(f.validate(beating, Map.of("fingerprint", "fp-1")), "true VALID");

        Lic limited = f.license(Map.of("activationsPerHour", 2, "maxMachines", 5));
        seen.expect(f.activate(limited, "fp-1"), "true ACTIVATED");
        seen.expect(f.activate(limited, "fp-2"), "true ACTIVATED");
        seen.expect(f.activate(limited, "fp-3"), "false ACTIVATION_RATE_LIMITED");
        f.e.clock().advance(Duration.ofHours(1));
        seen.expect(f.activate(limited, "fp-3"), "true ACTIVATED");
        JsonNode listed = f.call("/api/v1/licenses/machines/list", Map.of("key", limited.key()));
        seen.expect(listed, "true LISTED");
        assertThat(listed.get("machines")).hasSize(3);
        assertThat(listed.get("machines").get(0).get("platform").asText()).isEqualTo("linux");

        // seats: the seller caps users, the app names them (trimmed, any letter case)
        Lic seated = f.license(Map.of("maxUsers", 2));
        seen.expect(f.validate(seated, null), "false USER_SCOPE_REQUIRED");
        seen.expect(f.validate(seated, Map.of("user", "ann@example.com")), "false USER_SCOPE_MISMATCH");
        JsonNode claimed = f.user("add", seated, "  Ann@Example.com ");
        seen.expect(claimed, "true SEAT_CLAIMED");
        assertThat(claimed.get("user").get("user").asText()).as("trimmed, case kept").isEqualTo("Ann@Example.com");
        assertThat(claimed.get("license").get("users").asInt()).isEqualTo(1);
        JsonNode again = f.user("add", seated, "ann@example.COM");
        seen.expect(again, "true ALREADY_SEATED");
        assertThat(again.get("user").get("id").asText()).isEqualTo(claimed.get("user").get("id").asText());
        seen.expect(f.user("add", seated, "bob"), "true SEAT_CLAIMED");
        JsonNode full = f.user("add", seated, "carol");
        seen.expect(full, "false TOO_MANY_USERS");
        assertThat(full.get("detail").asText()).contains("2 of 2");
        JsonNode seatedOk = f.validate(seated, Map.of("user", "ANN@example.com "));
        seen.expect(seatedOk, "true VALID");
        assertThat(seatedOk.get("license").get("users").asInt()).isEqualTo(2);
        assertThat(seatedOk.get("license").get("maxUsers").asInt()).isEqualTo(2);
        // the seller lowers the cap below what is held: validation says so until a seat is released
        f.putPolicy(seated.planId(), Map.of("maxUsers", 1));
        seen.expect(f.validate(seated, Map.of("user", "bob")), "false TOO_MANY_USERS");
        seen.expect(f.user("remove", seated, "BOB"), "true SEAT_RELEASED");
        seen.expect(f.user("remove", seated, "bob"), "false USER_NOT_FOUND");
        seen.expect(f.validate(seated, Map.of("user", "bob")), "false USER_SCOPE_MISMATCH");
        seen.expect(f.validate(seated, Map.of("user", "ann@example.com")), "true VALID");
        JsonNode users = f.call("/api/v1/licenses/users/list", Map.of("key", seated.key()));
        seen.expect(users, "true LISTED");
        assertThat(users.get("users")).hasSize(1);
        assertThat(users.get("users").get(0).get("user").asText()).isEqualTo("Ann@Example.com");
        // machine checks come first: a license that needs both a fingerprint and a user asks for the fingerprint
        Lic both = f.license(Map.of("maxUsers", 1, "requireFingerprint", true));
        seen.expect(f.validate(both, null), "false FINGERPRINT_SCOPE_REQUIRED");
        seen.expect(f.activate(both, "fp-1"), "true ACTIVATED");
        seen.expect(f.validate(both, Map.of("fingerprint", "fp-1")), "false USER_SCOPE_REQUIRED");
        // without maxUsers seats are unlimited and scope.user optional, but a user that is sent must hold a seat
        Lic open = f.license(null);
        JsonNode noCap = f.validate(open, null);
        seen.expect(noCap, "true VALID");
        assertThat(noCap.get("license").has("maxUsers")).as("unlimited: absent").isFalse();
        seen.expect(f.validate(open, Map.of("user", "dave")), "false USER_SCOPE_MISMATCH");
        for (int i = 0; i < 5; i++) {
            seen.expect(f.user("add", open, "user-" + i), "true SEAT_CLAIMED");
        }
        seen.expect(f.validate(open, Map.of("user", "User-3")), "true VALID");
        // claiming needs the license-level checks, like activation; releasing works in any state
        seen.expect(f.user("add", suspended, "erin"), "false SUSPENDED");
        seen.expect(f.user("add", graced, "erin"), "false EXPIRED");
        seen.expect(f.user("remove", suspended, "erin"), "false USER_NOT_FOUND");
        seen.expect(f.call("/api/v1/licenses/users/add", Map.of("key", forged, "user", "erin")), "false NOT_FOUND");
        // the activations kill switch: new machines stop, validation keeps answering (ActivationSwitchTest has the rest)
        assertThat(f.admin.putJson("/api/v1/admin/switches/license-activations", Map.of("engaged", true)).status()).isEqualTo(200);
        seen.expect(f.activate(open, "fp-while-off"), "false ACTIVATIONS_DISABLED");
        seen.expect(f.validate(open, null), "true VALID");
        assertThat(f.admin.putJson("/api/v1/admin/switches/license-activations", Map.of("engaged", false)).status()).isEqualTo(200);

        assertThat(seen.codes).as("every code").containsAll(EnumSet.allOf(ValidationCode.class));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void ownersAndSellersSeeSeatsAndOwnersReleaseThem(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        Lic l = f.license(Map.of("maxUsers", 5));
        for (String user : List.of("Ann@Example.com", "team/bob", "Zoë Åström")) {
            assertThat(answer(f.user("add", l, user))).isEqualTo("true SEAT_CLAIMED");
        }
        TestClient owner = l.customer().client();
        JsonNode listed = owner.get("/api/v1/licenses/" + l.id() + "/users").json();
        assertThat(listed.get("data")).extracting(n -> n.get("user").asText()).containsExactly("Ann@Example.com", "team/bob", "Zoë Åström");
        assertThat(owner.get("/api/v1/licenses/" + l.id()).json().get("users")).hasSize(3);
        JsonNode sellerView = f.seller.client().get("/api/v1/seller/licenses/" + l.id()).json();
        assertThat(sellerView.get("users")).extracting(n -> n.get("user").asText()).containsExactly("Ann@Example.com", "team/bob", "Zoë Åström");
        assertThat(f.seller.client().get("/api/v1/seller/licenses?limit=100").json().get("data")).as("seats are on the detail only")
                .allSatisfy(n -> assertThat(n.has("users")).isFalse());

        Lic other = f.license(null);
        String path = "/api/v1/licenses/" + l.id() + "/users/" + encode("ann@example.com");
        assertThat(other.customer().client().get("/api/v1/licenses/" + l.id() + "/users").status()).as("another customer").isEqualTo(404);
        assertThat(f.seller.client().get("/api/v1/licenses/" + l.id() + "/users").status()).as("the seller").isEqualTo(404);
        assertThat(f.e.client().get("/api/v1/licenses/" + l.id() + "/users").status()).as("anonymous").isEqualTo(401);
        assertThat(other.customer().client().delete(path).status()).as("another customer").isEqualTo(404);
        assertThat(f.seller.client().delete(path).status()).as("the seller").isEqualTo(404);
        assertThat(f.e.client().delete(path).status()).as("anonymous").isEqualTo(401);
        assertThat(other.customer().client().delete("/api/v1/licenses/" + other.id() + "/users/" + encode("ann@example.com")).status())
                .as("someone else's seat under one's own license").isEqualTo(404);
        assertThat(owner.delete(path).status()).as("any letter case").isEqualTo(204);
        assertThat(owner.delete(path).status()).isEqualTo(404);
        assertThat(answer(f.validate(l, Map.of("user", "Ann@Example.com")))).isEqualTo("false USER_SCOPE_MISMATCH");

        assertThat(owner.delete("/api/v1/licenses/" + l.id() + "/users/" + encode("team/bob")).status()).as("a slash in the name").isEqualTo(204);
        assertThat(f.admin.delete("/api/v1/licenses/" + l.id() + "/users/" + encode("zoë åström")).status()).as("an admin").isEqualTo(204);
        assertThat(owner.get("/api/v1/licenses/" + l.id() + "/users").json().get("data")).isEmpty();
    }

    static String encode(String user) {
        return java.net.URLEncoder.encode(user, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void deadMachinesAreCulled(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        Lic l = f.license(Map.of("heartbeatSeconds", 60));
        assertThat(answer(f.activate(l, "fp-1"))).isEqualTo("true ACTIVATED");
        f.e.clock().advance(Duration.ofSeconds(61));
        cull(f);
        assertThat(f.call("/api/v1/licenses/machines/list", Map.of("key", l.key())).get("machines")).as("dead but not yet culled").hasSize(1);
        f.e.clock().advance(Duration.ofSeconds(60));
        cull(f);
        assertThat(f.call("/api/v1/licenses/machines/list", Map.of("key", l.key())).get("machines")).isEmpty();
        assertThat(answer(f.validate(l, Map.of("fingerprint", "fp-1")))).isEqualTo("false NO_MACHINES");
    }

    static void cull(LicenseFixture f) throws Exception {
        f.e.engine().component().jobs().stream().filter(j -> j.name().equals("license-machine-cull")).findFirst().orElseThrow().run();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void ownersSeeAndRemoveTheirMachines(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        Lic l = f.license(null);
        assertThat(answer(f.activate(l, "fp-owner"))).isEqualTo("true ACTIVATED");
        JsonNode view = l.customer().client().get("/api/v1/licenses/" + l.id()).json();
        assertThat(view.get("machines")).hasSize(1);
        String machineId = view.get("machines").get(0).get("id").asText();
        assertThat(view.get("machines").get(0).get("hostname").asText()).isEqualTo("ws-1");

        Lic other = f.license(null);
        String path = "/api/v1/licenses/" + l.id() + "/machines/" + machineId;
        assertThat(other.customer().client().delete(path).status()).as("another customer").isEqualTo(404);
        assertThat(f.seller.client().delete(path).status()).as("the seller").isEqualTo(404);
        assertThat(f.e.client().delete(path).status()).as("anonymous").isEqualTo(401);
        assertThat(other.customer().client().delete("/api/v1/licenses/" + other.id() + "/machines/" + machineId).status())
                .as("someone else's machine under one's own license").isEqualTo(404);
        assertThat(l.customer().client().delete(path).status()).isEqualTo(204);
        assertThat(l.customer().client().delete(path).status()).isEqualTo(404);
        assertThat(l.customer().client().get("/api/v1/licenses/" + l.id()).json().get("machines")).isEmpty();

        assertThat(answer(f.activate(l, "fp-admin"))).isEqualTo("true ACTIVATED");
        String adminPath = "/api/v1/licenses/" + l.id() + "/machines/"
                + f.admin.get("/api/v1/licenses/" + l.id()).json().get("machines").get(0).get("id").asText();
        assertThat(f.admin.delete(adminPath).status()).isEqualTo(204);
    }
}
