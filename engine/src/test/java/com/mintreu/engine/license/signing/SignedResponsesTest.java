package com.mintreu.engine.license.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every answer under /api/v1/licenses is signed over status, Date, body digest and nonce, as
 * README-signatures.md documents; checked here with the JDK's Ed25519 and the published JWKS, by
 * rebuilding the signed bytes from the documentation (not from the engine's code).
 */
public class SignedResponsesTest {

    private static final Pattern HEADER = Pattern.compile("keyid=\"([^\"]+)\", algorithm=\"ed25519\", signature=\"([^\"]+)\"");

    @EngineTest
    void validateAnswersAreSignedOverStatusDateBodyAndNonce(TestEngine e) throws Exception {
        Response r = e.client().postJson("/api/v1/licenses/validate", Map.of("key", "not-a-key"), Map.of("Mintreu-Nonce", "n-4711"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(verifies(e, r, "n-4711")).isTrue();
        assertThat(verifies(e, r, "")).as("the nonce is part of the signed bytes").isFalse();
        assertThat(verifies(e, new Response(r.status(), r.headers(), r.body().replace("MALFORMED", "VALID")), "n-4711"))
                .as("an altered body does not verify").isFalse();
        assertThat(verifies(e, new Response(201, r.headers(), r.body()), "n-4711")).as("nor an altered status").isFalse();
    }

    @EngineTest
    void errorsUnderTheLicenseApiAreSignedToo(TestEngine e) throws Exception {
        Response badJson = e.client().post("/api/v1/licenses/validate", "application/json", "{oops", Map.of("Mintreu-Nonce", "abc"));
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.header("Content-Type")).startsWith("application/problem+json");
        assertThat(verifies(e, badJson, "abc")).isTrue();

        Response missing = e.client().get("/api/v1/licenses/keys/no-such-kid/pem");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(verifies(e, missing, "")).isTrue();

        Response anonymous = e.client().get("/api/v1/licenses");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(verifies(e, anonymous, "")).isTrue();
    }

    @EngineTest
    void aNonceThatCannotBeSignedIsA400SignedWithoutIt(TestEngine e) throws Exception {
        for (String nonce : List.of("x".repeat(129), "has space", "tab\there")) {
            Response r = e.client().postJson("/api/v1/licenses/validate", Map.of("key", "k"), Map.of("Mintreu-Nonce", nonce));
            assertThat(r.status()).as(nonce).isEqualTo(400);
            assertThat(r.json().get("code").asText()).isEqualTo("MALFORMED_REQUEST");
            assertThat(r.json().get("detail").asText()).contains("Mintreu-Nonce");
            assertThat(verifies(e, r, "")).isTrue();
        }
        Response longest = e.client().postJson("/api/v1/licenses/validate", Map.of("key", "k"), Map.of("Mintreu-Nonce", "y".repeat(128)));
        assertThat(longest.status()).isEqualTo(200);
        assertThat(verifies(e, longest, "y".repeat(128))).isTrue();
    }

    @EngineTest
    void otherPathsAreNotSigned(TestEngine e) {
        Response r = e.client().get("/api/v1/categories");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Mintreu-Signature")).isNull();
    }

    @EngineTest
    void publishedKeysAreAJwkSet(TestEngine e) throws Exception {
        e.client().postJson("/api/v1/licenses/validate", Map.of("key", "k")); // the engine key exists from the first signature
        JsonNode jwks = e.client().get("/api/v1/licenses/keys").json();
        JsonNode engineKey = null;
        for (JsonNode k : jwks.get("keys")) {
            if (k.get("mintreu:scope").asText().equals("engine")) {
                engineKey = k;
            }
        }
        assertThat(engineKey).isNotNull();
        assertThat(engineKey.get("kty").asText()).isEqualTo("OKP");
        assertThat(engineKey.get("crv").asText()).isEqualTo("Ed25519");
        assertThat(engineKey.get("use").asText()).isEqualTo("sig");
        assertThat(Base64.getUrlDecoder().decode(engineKey.get("x").asText())).hasSize(32);
        assertThat(engineKey.toString()).doesNotContain("\"d\"");
        Response pem = e.client().get("/api/v1/licenses/keys/" + engineKey.get("kid").asText() + "/pem");
        assertThat(pem.body()).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
    }

    @EngineTest
    void rotationKeepsTheOldKeyPublishedAndOnlyAdminsRotate(TestEngine e) throws Exception {
        Response first = e.client().postJson("/api/v1/licenses/validate", Map.of("key", "k"));
        String oldKid = kid(first);
        assertThat(TestUsers.signIn(e, "seller").client().post("/api/v1/admin/licenses/keys/engine/rotate", null, "").status()).isEqualTo(403);
        var admin = TestUsers.signIn(e, "admin").client();
        assertThat(admin.post("/api/v1/admin/licenses/keys/not%20a%20scope/rotate", null, "").status()).isEqualTo(422);
        Response rotated = admin.post("/api/v1/admin/licenses/keys/engine/rotate", null, "");
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.json().get("retiredKid").asText()).isEqualTo(oldKid);

        Response after = e.client().postJson("/api/v1/licenses/validate", Map.of("key", "k"));
        assertThat(kid(after)).isNotEqualTo(oldKid);
        assertThat(verifies(e, after, "")).isTrue();
        assertThat(verifies(e, first, "")).as("an answer signed before the rotation still verifies").isTrue();
    }

    @EngineTest
    void racingFirstSignaturesAfterARotationMakeOneActiveKey(TestEngine e) throws Exception {
        TestUsers.signIn(e, "admin").client().post("/api/v1/admin/licenses/keys/engine/rotate", null, "");
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return e.client().postJson("/api/v1/licenses/validate", Map.of("key", "k"));
            }));
        }
        start.countDown();
        List<String> kids = new ArrayList<>();
        for (Future<Response> f : answers) {
            Response r = f.get();
            assertThat(verifies(e, r, "")).isTrue();
            kids.add(kid(r));
        }
        pool.shutdown();
        assertThat(kids).containsOnly(kids.getFirst());
        long active = e.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM license_signing_keys WHERE scope = 'engine' AND retired_at IS NULL").mapTo(Long.class).one());
        assertThat(active).isEqualTo(1);
    }

    private static String kid(Response r) {
        Matcher m = HEADER.matcher(r.header("Mintreu-Signature"));
        assertThat(m.matches()).as(r.header("Mintreu-Signature")).isTrue();
        return m.group(1);
    }

    /** Rebuilds the signed bytes as README-signatures.md states them and verifies with the published key. */
    /** Whether {@code r}'s Mintreu-Signature verifies over the bytes README-signatures.md documents. */
    public static boolean verifies(TestEngine e, Response r, String nonce) throws Exception {
        String header = r.header("Mintreu-Signature");
        assertThat(header).as("signature header on " + r).isNotNull();
        Matcher m = HEADER.matcher(header);
        assertThat(m.matches()).as(header).isTrue();
        String date = r.header("Date");
        assertThat(date).isNotNull();
        byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
        String digest = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
        String signed = "mintreu-response-v1\n" + r.status() + "\n" + date + "\n" + "sha-256=" + digest + "\n" + nonce;
        JsonNode jwks = e.client().get("/api/v1/licenses/keys").json();
        return JdkEd25519.verify(JdkEd25519.fromJwks(jwks, m.group(1)), signed.getBytes(StandardCharsets.UTF_8),
                Base64.getDecoder().decode(m.group(2)));
    }
}
