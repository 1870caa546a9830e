package com.mintreu.engine.license;

import static com.mintreu.engine.license.LicenseFixture.answer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mintreu.engine.license.LicenseFixture.Lic;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.web.OpenApiDocument;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OpenAPI document served at {@code /api/v1/openapi.json} against real answers of a real engine
 * (with the real license plugins) on both databases: every documented path and response of the
 * license client API ({@code license-client} tag) is called, and each body must match its
 * documented schema with no undocumented field. The rest of the API: {@code web.ApiDocumentTest}.
 */
class OpenApiContractTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, LicenseFixture> FIXTURES = new LinkedHashMap<>();

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    @BeforeAll
    static void boot() throws Exception {
        for (String kind : TestDatabase.kinds()) {
            // one unknown key a minute: the budget refills in real time, and at the default (one a second) a
            // refill between the 429 that proves the budget spent and the next route's call made this test flaky
            FIXTURES.put(kind, LicenseFixture.boot(kind, com.mintreu.engine.plugin.EntitlementTestPlugins.writeTo(
                    java.nio.file.Files.createTempDirectory("license-plugins-")), "security: {unknownKeysPerMinute: 1}\n"));
        }
    }

    @AfterAll
    static void close() {
        FIXTURES.values().forEach(LicenseFixture::close);
    }

    @Test
    void theCodeEnumIsEveryValidationCode() throws Exception {
        JsonNode doc = OpenApiDocument.assemble(Set.of("license"));
        Set<String> documented = new TreeSet<>();
        doc.at("/components/schemas/Code/enum").forEach(n -> documented.add(n.asText()));
        Set<String> real = new TreeSet<>(Arrays.stream(ValidationCode.values()).map(Enum::name).toList());
        assertThat(documented).isEqualTo(real);
        assertThat(doc.get("openapi").asText()).startsWith("3.1.");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void realAnswersMatchTheDocument(String kind) throws Exception {
        LicenseFixture f = FIXTURES.get(kind);
        Response served = f.e.client().get("/api/v1/openapi.json");
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.header("Content-Type")).startsWith("application/json");
        OpenApiChecker api = new OpenApiChecker(served.json(), true);

        Lic lic = f.license(Map.of("graceSeconds", 60, "maxMachines", 2));
        Set<String> called = new TreeSet<>();
        String v = "/api/v1/licenses/validate";
        json(f, api, called, v, Map.of("key", lic.key(), "nonce", "n1", "scope", Map.of("product", lic.productId(), "version", "1.0.0")), "true VALID");
        json(f, api, called, v, Map.of("key", lic.key(), "scope", Map.of("fingerprint", "fp-none")), "false NO_MACHINES");
        json(f, api, called, v, Map.of("key", "garbage"), "false MALFORMED");
        json(f, api, called, v, Map.of("key", lic.key(), "extra", 1), "false MALFORMED");
        String m = "/api/v1/licenses/machines/";
        Map<String, Object> machine = Map.of("key", lic.key(), "fingerprint", "fp-1", "name", "Laptop", "platform", "linux", "hostname", "h1", "cores", 4);
        json(f, api, called, m + "activate", machine, "true ACTIVATED");
        json(f, api, called, m + "activate", machine, "true ALREADY_ACTIVATED");
        json(f, api, called, m + "activate", Map.of("key", lic.key(), "fingerprint", "fp-2"), "true ACTIVATED");
        json(f, api, called, m + "activate", Map.of("key", lic.key(), "fingerprint", "fp-3"), "false TOO_MANY_MACHINES");
        json(f, api, called, v, Map.of("key", lic.key(), "scope", Map.of("fingerprint", "fp-1")), "true VALID");
        json(f, api, called, m + "heartbeat", Map.of("key", lic.key(), "fingerprint", "fp-1"), "true HEARTBEAT_OK");
        json(f, api, called, m + "heartbeat", Map.of("key", lic.key(), "fingerprint", "nope"), "false MACHINE_NOT_FOUND");
        json(f, api, called, m + "list", Map.of("key", lic.key()), "true LISTED");
        json(f, api, called, "/api/v1/licenses/check-in", Map.of("key", lic.key()), "true CHECKED_IN");
        json(f, api, called, m + "deactivate", Map.of("key", lic.key(), "fingerprint", "fp-2"), "true DEACTIVATED");
        json(f, api, called, m + "deactivate", Map.of("key", "garbage", "fingerprint", "fp-2"), "false MALFORMED");

        // seats, on a license whose policy caps them
        Lic seated = f.license(Map.of("maxUsers", 1));
        String u = "/api/v1/licenses/users/";
        json(f, api, called, u + "add", Map.of("key", seated.key(), "user", "ann@example.com", "nonce", "n2"), "true SEAT_CLAIMED");
        json(f, api, called, u + "add", Map.of("key", seated.key(), "user", "ANN@example.com"), "true ALREADY_SEATED");
        json(f, api, called, u + "add", Map.of("key", seated.key(), "user", "bob"), "false TOO_MANY_USERS");
        json(f, api, called, u + "add", Map.of("key", seated.key(), "user", ""), "false MALFORMED");
        json(f, api, called, v, Map.of("key", seated.key(), "scope", Map.of("user", "ann@example.com")), "true VALID");
        json(f, api, called, v, Map.of("key", seated.key()), "false USER_SCOPE_REQUIRED");
        json(f, api, called, u + "list", Map.of("key", seated.key()), "true LISTED");
        json(f, api, called, u + "remove", Map.of("key", seated.key(), "user", "bob"), "false USER_NOT_FOUND");
        json(f, api, called, u + "remove", Map.of("key", seated.key(), "user", "ann@example.com"), "true SEAT_RELEASED");

        // problem+json: wrong content type and broken JSON on a client route, a bad nonce header
        for (String path : List.of(v, m + "activate", m + "deactivate", m + "heartbeat", m + "list", "/api/v1/licenses/check-in", u + "add",
                u + "remove", u + "list")) {
            problem(api, called, path, 415, f.e.client().post(path, "text/plain", "{}"));
            problem(api, called, path, 400, f.e.client().post(path, "application/json", "{not json"));
        }
        problem(api, called, v, 400, f.e.client().post(v, "application/json", "{}", Map.of("Mintreu-Nonce", "has space")));

        Response keys = f.e.client().get("/api/v1/licenses/keys");
        expect(api, called, "/api/v1/licenses/keys", "get", keys, 200, "application/json");
        String kid = keys.json().get("keys").get(0).get("kid").asText();
        Response pem = f.e.client().get("/api/v1/licenses/keys/" + kid + "/pem");
        assertThat(pem.body()).startsWith("-----BEGIN PUBLIC KEY-----");
        expect(api, called, "/api/v1/licenses/keys/{kid}/pem", "get", pem, 200, "application/x-pem-file");
        expect(api, called, "/api/v1/licenses/keys/{kid}/pem", "get", f.e.client().get("/api/v1/licenses/keys/nope/pem"), 404,
                "application/problem+json");

        String file = "/api/v1/licenses/{id}/file";
        Response lf = lic.customer().client().post("/api/v1/licenses/" + lic.id() + "/file", "application/json", "{\"ttlSeconds\": 3600}");
        expect(api, called, file, "post", lf, 200, "text/plain");
        expect(api, called, file, "post", f.e.client().post("/api/v1/licenses/" + lic.id() + "/file", "application/json", "{}"), 401,
                "application/problem+json");
        expect(api, called, file, "post", com.mintreu.engine.testing.TestUsers.signIn(f.e, "customer").client().post("/api/v1/licenses/" + lic.id() + "/file", "application/json", "{}"), 404,
                "application/problem+json");
        expect(api, called, file, "post", lic.customer().client().post("/api/v1/licenses/" + lic.id() + "/file", "application/json",
                "{\"ttlSeconds\": 5}"), 422, "application/problem+json");
        assertThat(f.admin.post("/api/v1/admin/licenses/" + lic.id() + "/suspend", null, "").status()).isEqualTo(200);
        expect(api, called, file, "post", lic.customer().client().post("/api/v1/licenses/" + lic.id() + "/file", "application/json", "{}"), 409,
                "application/problem+json");

        // the owner's seats: list and release, 401 anonymous, 404 to anyone else
        assertThat(answer(f.user("add", seated, "carol"))).isEqualTo("true SEAT_CLAIMED");
        String users = "/api/v1/licenses/{id}/users";
        Response listed = seated.customer().client().get("/api/v1/licenses/" + seated.id() + "/users");
        expect(api, called, users, "get", listed, 200, "application/json");
        assertThat(listed.json().get("data")).hasSize(1);
        expect(api, called, users, "get", f.e.client().get("/api/v1/licenses/" + seated.id() + "/users"), 401, "application/problem+json");
        expect(api, called, users, "get", lic.customer().client().get("/api/v1/licenses/" + seated.id() + "/users"), 404,
                "application/problem+json");
        String one = "/api/v1/licenses/{id}/users/{user}";
        String carol = "/api/v1/licenses/" + seated.id() + "/users/Carol";
        expect(api, called, one, "delete", f.e.client().delete(carol), 401, "application/problem+json");
        expect(api, called, one, "delete", lic.customer().client().delete(carol), 404, "application/problem+json");
        noContent(f, api, called, one, "delete", seated.customer().client().delete(carol));

        // an IP that sent too many unknown keys: every client route answers 429 to unknown keys until its minute refills
        String forged = lic.key().substring(0, lic.key().length() - 4) + (lic.key().endsWith("AAAA") ? "BBBB" : "AAAA");
        for (int tries = 0; tries < 1000 && f.e.client().postJson(v, Map.of("key", forged)).status() == 200; tries++) {
            // each NOT_FOUND takes one of the IP's misses
        }
        List<String> clientRoutes = new ArrayList<>();
        served.json().get("paths").fields().forEachRemaining(p -> {
            if (clientOp(p.getValue().path("post")) && p.getValue().path("post").path("responses").has("429")) {
                clientRoutes.add(p.getKey());
            }
        });
        assertThat(clientRoutes).contains(v, m + "activate", u + "add");
        for (String route : clientRoutes) {
            // a well-formed request (a malformed one is answered MALFORMED, cheaply, before any key is looked at)
            Map<String, Object> body = route.contains("/machines/") && !route.endsWith("/list") ? Map.of("key", forged, "fingerprint", "fp")
                    : route.contains("/users/") && !route.endsWith("/list") ? Map.of("key", forged, "user", "ann") : Map.of("key", forged);
            // the budget refills in real time (one a minute here): spend what came back meanwhile
            for (int tries = 0; tries < 100 && f.e.client().postJson(v, Map.of("key", forged)).status() == 200; tries++) {
                // each NOT_FOUND takes one of the IP's misses
            }
            Response limited = f.e.client().postJson(route, body);
            problem(api, called, route, 429, limited);
            assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        }
        json(f, api, called, v, Map.of("key", lic.key()), "false SUSPENDED"); // an issued key is answered all the while (suspended above)

        // every documented path and response was exercised
        Set<String> documented = new TreeSet<>();
        served.json().get("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op -> {
            if (clientOp(op.getValue())) {
                op.getValue().get("responses").fieldNames().forEachRemaining(st -> documented.add(op.getKey() + " " + p.getKey() + " " + st));
            }
        }));
        assertThat(documented).hasSizeGreaterThan(40);
        assertThat(called).isEqualTo(documented);
    }

    /** An operation of the license client API (its keys, files and seats), the part this test covers call by call. */
    private static boolean clientOp(JsonNode op) {
        for (JsonNode tag : op.path("tags")) {
            if (Set.of("license-client", "license-keys", "license-files", "license-owner").contains(tag.asText())) {
                return true;
            }
        }
        return false;
    }

    private static void json(LicenseFixture f, OpenApiChecker api, Set<String> called, String path, Map<String, Object> body, String expected) {
        String nonce = UUID.randomUUID().toString();
        Response r = f.e.client().postJson(path, body, Map.of("Mintreu-Nonce", nonce));
        expect(api, called, path, "post", r, 200, "application/json");
        JsonNode n = r.json();
        assertThat(LicenseFixture.answer(n)).as(path + " " + r.body()).isEqualTo(expected);
        if (body.containsKey("nonce")) {
            assertThat(n.get("nonce").asText()).isEqualTo(body.get("nonce"));
        }
    }

    /** A 204: documented without content, sent without a body, signed over the empty body. */
    private static void noContent(LicenseFixture f, OpenApiChecker api, Set<String> called, String path, String method, Response r)
            throws Exception {
        assertThat(r.status()).as(method + " " + path + " " + r.body()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(api.response(path, method, 204).has("content")).as("documented without content").isFalse();
        assertThat(api.response(path, method, 204).path("headers").has("Mintreu-Signature")).as("documented as signed").isTrue();
        assertThat(r.header("Mintreu-Signature")).as("signed " + path).matches(api.headerPattern("Mintreu-Signature"));
        assertThat(com.mintreu.engine.license.signing.SignedResponsesTest.verifies(f.e, r, "")).as("over the empty body").isTrue();
        called.add(method + " " + path + " 204");
    }

    private static void problem(OpenApiChecker api, Set<String> called, String path, int status, Response r) {
        expect(api, called, path, "post", r, status, "application/problem+json");
    }

    private static void expect(OpenApiChecker api, Set<String> called, String path, String method, Response r, int status, String mediaType) {
        assertThat(r.status()).as(method + " " + path + " " + r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).as(path).startsWith(mediaType);
        assertThat(r.header("Mintreu-Signature")).as("signed " + path)
                .matches(api.headerPattern("Mintreu-Signature"));
        JsonNode schema = api.responseSchema(path, method, status, mediaType);
        JsonNode value = mediaType.endsWith("json") ? r.json() : JSON.getNodeFactory().textNode(r.body());
        List<String> errors = api.check(schema, value);
        assertThat(errors).as(method + " " + path + " " + status + ": " + r.body()).isEmpty();
        called.add(method + " " + path + " " + status);
    }
}
