package com.mintreu.engine.license;

import static com.mintreu.engine.license.LicenseFixture.answer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.entitlement.Purchases;
import com.mintreu.engine.license.LicenseFixture.Lic;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestUsers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Races, who may edit a policy, and hostile input to the license client API, on both databases. */
class LicenseClientSafetyTest {

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

    @ParameterizedTest
    @MethodSource("kinds")
    void fiftyConcurrentActivationsOfAThreeMachineLicense(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        Lic l = f.license(Map.of("maxMachines", 3, "activationsPerHour", 100));
        ExecutorService pool = Executors.newFixedThreadPool(50);
        Map<String, Integer> codes = new TreeMap<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> runs = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String fingerprint = "race-" + i;
                runs.add(pool.submit(() -> {
                    start.await();
                    return answer(f.activate(l, fingerprint));
                }));
            }
            start.countDown();
            for (Future<String> run : runs) {
                codes.merge(run.get(), 1, Integer::sum);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(codes).isEqualTo(Map.of("true ACTIVATED", 3, "false TOO_MANY_MACHINES", 47));
        assertThat(Purchases.count(f.e, "SELECT COUNT(*) FROM license_machines WHERE license_id = ?", l.id())).isEqualTo(3);
        assertThat(f.validate(l, null).get("license").get("machines").asInt()).isEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void twentyConcurrentUsersOnAThreeSeatLicense(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        Lic l = f.license(Map.of("maxUsers", 3));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        Map<String, Integer> codes = new TreeMap<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> runs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String user = "user-" + i + "@example.com";
                runs.add(pool.submit(() -> {
                    start.await();
                    return answer(f.user("add", l, user));
                }));
            }
            start.countDown();
            for (Future<String> run : runs) {
                codes.merge(run.get(), 1, Integer::sum);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(codes).isEqualTo(Map.of("true SEAT_CLAIMED", 3, "false TOO_MANY_USERS", 17));
        assertThat(Purchases.count(f.e, "SELECT COUNT(*) FROM license_users WHERE license_id = ?", l.id())).isEqualTo(3);
        assertThat(f.call("/api/v1/licenses/users/list", Map.of("key", l.key())).get("users")).hasSize(3);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void oneUserClaimingConcurrentlyInManyCasesTakesOneSeat(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        Lic l = f.license(Map.of("maxUsers", 3));
        ExecutorService pool = Executors.newFixedThreadPool(10);
        Map<String, Integer> codes = new TreeMap<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> runs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String user = i % 2 == 0 ? "Same@Example.com" : " same@example.COM ";
                runs.add(pool.submit(() -> {
                    start.await();
                    return answer(f.user("add", l, user));
                }));
            }
            start.countDown();
            for (Future<String> run : runs) {
                codes.merge(run.get(), 1, Integer::sum);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(codes).isEqualTo(Map.of("true SEAT_CLAIMED", 1, "true ALREADY_SEATED", 9));
        assertThat(Purchases.count(f.e, "SELECT COUNT(*) FROM license_users WHERE license_id = ?", l.id())).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void onlyThePlansSellerEditsItsPolicy(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        Purchases.Item item = f.product();
        String path = "/api/v1/seller/plans/" + item.planId() + "/license-policy";
        JsonNode defaults = f.seller.client().get(path).json();
        assertThat(defaults.get("isDefault").asBoolean()).isTrue();
        assertThat(defaults.get("maxMachines").asInt()).isEqualTo(3);
        assertThat(defaults.get("expiryStrategy").asText()).isEqualTo("restrict");

        Map<String, Object> policy = Map.of("durationSeconds", 86_400, "expiryBasis", "first_validation", "floating", false,
                "entitlements", List.of("pro"), "heartbeatSeconds", 600, "transferAllowed", true);
        Response put = f.seller.client().putJson(path, policy);
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        JsonNode saved = f.seller.client().get(path).json();
        assertThat(saved.get("isDefault").asBoolean()).isFalse();
        assertThat(saved.get("maxMachines").asInt()).as("node-locked").isEqualTo(1);
        assertThat(saved.get("expiryBasis").asText()).isEqualTo("first_validation");
        assertThat(saved.get("entitlements").get(0).asText()).isEqualTo("pro");

        TestUsers.User otherSeller = TestUsers.signIn(f.e, "seller");
        TestUsers.User customer = TestUsers.signIn(f.e, "customer");
        assertThat(otherSeller.client().get(path).status()).isEqualTo(404);
        assertThat(otherSeller.client().putJson(path, Map.of()).status()).isEqualTo(404);
        assertThat(customer.client().get(path).status()).isEqualTo(403);
        assertThat(customer.client().putJson(path, Map.of()).status()).isEqualTo(403);
        assertThat(f.e.client().get(path).status()).isEqualTo(401);
        assertThat(f.seller.client().get("/api/v1/seller/plans/pln_nope/license-policy").status()).isEqualTo(404);
        assertThat(f.admin.get(path).status()).isEqualTo(200);
        assertThat(f.seller.client().get(path).json().get("heartbeatSeconds").asInt()).as("unchanged by the refused PUTs").isEqualTo(600);

        Map<String, Object> nullDuration = new LinkedHashMap<>();
        nullDuration.put("durationSeconds", null);
        for (Object bad : List.of(Map.of("maxMachines", 0), Map.of("floating", false, "maxMachines", 3), Map.of("expiryStrategy", "forever"),
                Map.of("entitlements", List.of("has space")), Map.of("entitlements", java.util.Collections.nCopies(65, "x")),
                Map.of("graceSeconds", -1), Map.of("maxMachines", "many"), Map.of("heartbeatSeconds", 1))) {
            Response r = f.seller.client().putJson(path, bad);
            assertThat(r.status()).as(bad + " " + r.body()).isEqualTo(422);
            assertThat(r.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
        }
        Response unknown = f.seller.client().putJson(path, Map.of("maxMachine", 2));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("code").asText()).isEqualTo("UNKNOWN_FIELD");
        assertThat(f.seller.client().putJson(path, nullDuration).status()).as("null means perpetual").isEqualTo(200);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void hostileInputGetsACodeNeverA500(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        Lic l = f.license(null);
        TestClient anyone = f.e.client();
        String big = "f".repeat(10_240);
        Map<String, Object> nullKey = new LinkedHashMap<>();
        nullKey.put("key", null);
        List<Object> validateBodies = List.of(Map.of("key", "garbage"), Map.of("key", ""), Map.of("key", 42), Map.of("key", List.of(l.key())),
                nullKey, Map.of("other", "x"), "[]", "\"MK1.\"", "42", Map.of("key", "MK1." + "A".repeat(300_000) + ".B"),
                Map.of("key", l.key(), "scope", Map.of("fingerprint", big)), Map.of("key", l.key(), "scope", "everything"),
                Map.of("key", l.key(), "scope", Map.of("fingerprint", 7)), Map.of("key", l.key(), "scope", Map.of("machine", "x")),
                Map.of("key", l.key(), "scope", Map.of("entitlements", "pro")), Map.of("key", l.key(), "scope", Map.of("entitlements", List.of(1))),
                Map.of("key", l.key(), "scope", Map.of("entitlements", java.util.Collections.nCopies(65, "a"))),
                Map.of("key", l.key(), "scope", Map.of("entitlements", List.of("e".repeat(65)))),
                Map.of("key", l.key(), "scope", Map.of("version", "v".repeat(65))),
                Map.of("key", l.key(), "nonce", "n".repeat(129)), Map.of("key", l.key(), "nonce", 5), Map.of("key", l.key(), "extra", true));
        // text no database can store is refused where every request body is parsed, like invalid JSON
        for (String bad : List.of("a\\u0000b", "a\\ud800b")) {
            Response r = anyone.post("/api/v1/licenses/users/add", "application/json", "{\"key\": \"" + l.key() + "\", \"user\": \"" + bad + "\"}");
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.json().get("code").asText()).isEqualTo("INVALID_TEXT");
            assertThat(r.json().at("/errors/0/field").asText()).isEqualTo("user");
        }
        for (Object body : validateBodies) {
            Response r = anyone.postJson("/api/v1/licenses/validate", body);
            String label = body.toString().substring(0, Math.min(80, body.toString().length()));
            assertThat(r.status()).as(label + " " + r.body()).isEqualTo(200);
            assertThat(answer(r.json())).as(label).isEqualTo("false MALFORMED");
            assertThat(r.json().get("detail").asText()).as(label).isNotBlank().hasSizeLessThan(200);
        }
        JsonNode echoed = f.call("/api/v1/licenses/validate", Map.of("key", 42, "nonce", "abc"));
        assertThat(echoed.get("nonce").asText()).as("a good nonce is echoed even on MALFORMED").isEqualTo("abc");

        Map<String, Object> activation = Map.of("key", l.key(), "fingerprint", "fp-1");
        List<Map<String, Object>> activateBodies = List.of(with(activation, "fingerprint", big), with(activation, "fingerprint", ""),
                with(activation, "fingerprint", 12), Map.of("key", l.key()), with(activation, "cores", 0), with(activation, "cores", 2000),
                with(activation, "cores", "8"), with(activation, "cores", 2.5), with(activation, "name", "n".repeat(256)),
                with(activation, "platform", "p".repeat(65)), with(activation, "hostname", List.of("h")), with(activation, "owner", "me"),
                with(activation, "key", "garbage"));
        for (Map<String, Object> body : activateBodies) {
            Response r = anyone.postJson("/api/v1/licenses/machines/activate", body);
            assertThat(r.status()).as(body.keySet() + " " + r.body()).isEqualTo(200);
            assertThat(answer(r.json())).as(body.keySet().toString()).isEqualTo("false MALFORMED");
        }
        for (String action : List.of("deactivate", "heartbeat", "list")) {
            for (Object body : List.of(Map.of("key", l.key(), "fingerprint", big), Map.of("key", 1), "[]", Map.of("key", l.key(), "cores", 1))) {
                Response r = anyone.postJson("/api/v1/licenses/machines/" + action, body);
                assertThat(r.status()).as(action + " " + r.body()).isEqualTo(200);
                assertThat(answer(r.json())).as(action + " " + body.toString().substring(0, Math.min(30, body.toString().length()))).isEqualTo("false MALFORMED");
            }
        }
        assertThat(Purchases.count(f.e, "SELECT COUNT(*) FROM license_machines WHERE license_id = ?", l.id())).as("nothing activated").isZero();

        // users: trimmed 1..255 characters, a string, no control characters; the detail names the field
        Map<String, String> userBodies = new LinkedHashMap<>();
        userBodies.put("{\"key\": \"" + l.key() + "\"}", "user is required");
        userBodies.put("{\"key\": \"" + l.key() + "\", \"user\": null}", "user is required");
        userBodies.put("{\"key\": \"" + l.key() + "\", \"user\": 42}", "user must be a string");
        userBodies.put("{\"key\": \"" + l.key() + "\", \"user\": [\"ann\"]}", "user must be a string");
        userBodies.put("{\"key\": \"" + l.key() + "\", \"user\": \"   \"}", "user must be 1 to 255 characters");
        userBodies.put("{\"key\": \"" + l.key() + "\", \"user\": \"" + "u".repeat(256) + "\"}", "user must be 1 to 255 characters");
        userBodies.put("{\"key\": \"" + l.key() + "\", \"user\": \"ann\", \"fingerprint\": \"x\"}", "unknown field 'fingerprint'");
        userBodies.put("{\"key\": \"garbage\", \"user\": \"ann\"}", "the key is not a license key");
        for (String action : List.of("add", "remove")) {
            for (Map.Entry<String, String> body : userBodies.entrySet()) {
                Response r = anyone.post("/api/v1/licenses/users/" + action, "application/json", body.getKey());
                String label = action + " " + body.getKey().substring(0, Math.min(120, body.getKey().length()));
                assertThat(r.status()).as(label + " " + r.body()).isEqualTo(200);
                assertThat(answer(r.json())).as(label).isEqualTo("false MALFORMED");
                assertThat(r.json().get("detail").asText()).as(label).startsWith(body.getValue()).hasSizeLessThan(200);
            }
        }
        assertThat(answer(f.user("add", l, "u".repeat(255)))).as("255 characters is enough").isEqualTo("true SEAT_CLAIMED");
        assertThat(answer(f.user("add", l, "  " + "u".repeat(255) + "\t "))).as("surrounding spaces do not count").isEqualTo("true ALREADY_SEATED");
        for (Object scope : List.of(Map.of("user", 7), Map.of("user", ""), Map.of("user", "u".repeat(256)), Map.of("user", "a\nb"))) {
            JsonNode r = f.call("/api/v1/licenses/validate", Map.of("key", l.key(), "scope", scope));
            assertThat(answer(r)).as(scope.toString()).isEqualTo("false MALFORMED");
            assertThat(r.get("detail").asText()).as(scope.toString()).startsWith("scope.user ");
        }
        Response listExtra = anyone.postJson("/api/v1/licenses/users/list", Map.of("key", l.key(), "user", "ann"));
        assertThat(answer(listExtra.json())).as("list takes no user").isEqualTo("false MALFORMED");
        assertThat(Purchases.count(f.e, "SELECT COUNT(*) FROM license_users WHERE license_id = ?", l.id())).isEqualTo(1);

        for (String path : List.of("/api/v1/licenses/validate", "/api/v1/licenses/machines/activate", "/api/v1/licenses/check-in",
                "/api/v1/licenses/users/add", "/api/v1/licenses/users/remove", "/api/v1/licenses/users/list")) {
            Response wrongType = anyone.post(path, "text/plain", "{\"key\":\"x\"}");
            assertThat(wrongType.status()).isEqualTo(415);
            assertThat(wrongType.json().get("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
            Response badJson = anyone.post(path, "application/json", "{\"key\": ");
            assertThat(badJson.status()).isEqualTo(400);
            assertThat(badJson.json().get("code").asText()).isEqualTo("MALFORMED_JSON");
        }
        assertThat(answer(f.validate(l, null))).as("the license still validates").isEqualTo("true VALID");
    }

    static Map<String, Object> with(Map<String, Object> base, String field, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(base);
        m.put(field, value);
        return m;
    }
}
