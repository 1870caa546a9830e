package com.mintreu.engine.license.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mintreu.engine.license.License;
import com.mintreu.engine.plugin.EntitlementTestPlugins;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * License files over HTTP on both databases, checked as a customer's software would: only the JDK
 * (Base64, Jackson for the JSON, Ed25519 and AES-GCM from the JCA) and the published JWKS; no
 * engine class touches the file or the keys.
 */
class LicenseFileTest {

    static final Map<String, TestEngine> ENGINES = new LinkedHashMap<>();
    static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    @BeforeAll
    static void boot() throws Exception {
        Path plugins = EntitlementTestPlugins.writeTo(Files.createTempDirectory("license-file-plugins-"));
        for (String kind : TestDatabase.kinds()) {
            ENGINES.put(kind, TestEngine.boot(kind, "engine: {pluginsDir: '" + plugins + "'}\n"));
        }
    }

    @AfterAll
    static void close() {
        ENGINES.values().forEach(TestEngine::close);
    }

    /** A signed-in customer and their license. */
    record Owned(TestUsers.User owner, License license) {}

    static Owned owned(TestEngine e, Long expiresAt) {
        TestUsers.User owner = TestUsers.signIn(e);
        return new Owned(owner, LicenseFixture.issue(e, owner.id(), "license-ed25519", expiresAt));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theOwnerGetsAFileThatVerifiesWithTheJdkAlone(String kind) throws Exception {
        TestEngine e = ENGINES.get(kind);
        Owned o = owned(e, null);
        Response r = o.owner().client().post("/api/v1/licenses/" + o.license().id() + "/file", null, "");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/plain");
        assertThat(r.header("Mintreu-Signature")).as("the file answer is a signed license API response").isNotNull();

        JsonNode envelope = envelope(r.body());
        assertThat(envelope.get("enc").asText()).isEqualTo("none");
        assertThat(envelope.get("alg").asText()).isEqualTo("ed25519");
        assertThat(verify(e, envelope)).isTrue();
        JsonNode payload = JSON.readTree(Base64.getDecoder().decode(envelope.get("data").asText()));
        assertThat(payload.get("license").get("id").asText()).isEqualTo(o.license().id());
        assertThat(payload.get("license").get("product").asText()).isEqualTo(o.license().productId());
        assertThat(payload.get("license").get("status").asText()).isEqualTo("active");
        assertThat(payload.get("license").get("expiry").isNull()).isTrue();
        assertThat(payload.get("entitlements").isArray()).isTrue();
        assertThat(payload.get("machine").isNull()).isTrue();
        assertThat(payload.get("ttl").asLong()).isEqualTo(Duration.ofDays(30).toSeconds());
        Instant issued = Instant.parse(payload.get("issued").asText());
        assertThat(Instant.parse(payload.get("expiry").asText())).isEqualTo(issued.plus(Duration.ofDays(30)));
        assertThat(r.body()).doesNotContain(o.license().key());
        assertThat(new String(Base64.getDecoder().decode(envelope.get("data").asText()), StandardCharsets.UTF_8))
                .doesNotContain(o.license().key());

        String data = envelope.get("data").asText();
        String tampered = (data.charAt(10) == 'A' ? "B" : "A");
        ((com.fasterxml.jackson.databind.node.ObjectNode) envelope).put("data", data.substring(0, 10) + tampered + data.substring(11));
        assertThat(verify(e, envelope)).as("an altered payload does not verify").isFalse();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void anEncryptedFileOpensWithTheLicenseKeyOnly(String kind) throws Exception {
        TestEngine e = ENGINES.get(kind);
        Owned o = owned(e, null);
        Response r = o.owner().client().postJson("/api/v1/licenses/" + o.license().id() + "/file", Map.of("encrypt", true, "ttlSeconds", 3600));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode envelope = envelope(r.body());
        assertThat(envelope.get("enc").asText()).isEqualTo("aes-256-gcm");
        assertThat(verify(e, envelope)).as("the signature covers the ciphertext").isTrue();
        byte[] data = Base64.getDecoder().decode(envelope.get("data").asText());
        JsonNode payload = JSON.readTree(decrypt(o.license().key(), data));
        assertThat(payload.get("license").get("id").asText()).isEqualTo(o.license().id());
        assertThat(payload.get("ttl").asLong()).isEqualTo(3600);
        assertThat(catchDecrypt(o.license().key() + "x", data)).as("another key does not open it").isTrue();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aFileNeverOutlivesItsLicense(String kind) throws Exception {
        TestEngine e = ENGINES.get(kind);
        long licenseExpiry = e.clock().millis() + Duration.ofDays(2).toMillis();
        Owned o = owned(e, licenseExpiry);
        Response r = o.owner().client().post("/api/v1/licenses/" + o.license().id() + "/file", null, "");
        JsonNode payload = JSON.readTree(Base64.getDecoder().decode(envelope(r.body()).get("data").asText()));
        assertThat(Instant.parse(payload.get("expiry").asText()).toEpochMilli()).isEqualTo(licenseExpiry);
        assertThat(Instant.parse(payload.get("license").get("expiry").asText()).toEpochMilli()).isEqualTo(licenseExpiry);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void othersGet404AndAdminsGetTheFile(String kind) {
        TestEngine e = ENGINES.get(kind);
        Owned o = owned(e, null);
        String path = "/api/v1/licenses/" + o.license().id() + "/file";
        assertThat(TestUsers.signIn(e).client().post(path, null, "").status()).isEqualTo(404);
        assertThat(TestUsers.signIn(e, "seller").client().post(path, null, "").status()).isEqualTo(404);
        assertThat(e.client().post(path, null, "").status()).isEqualTo(401);
        assertThat(TestUsers.signIn(e, "admin").client().post(path, null, "").status()).isEqualTo(200);
        assertThat(o.owner().client().post("/api/v1/licenses/lic_nope/file", null, "").status()).isEqualTo(404);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void badInputIsA4xxWithACode(String kind) {
        TestEngine e = ENGINES.get(kind);
        Owned o = owned(e, null);
        TestClient c = o.owner().client();
        String path = "/api/v1/licenses/" + o.license().id() + "/file";
        for (Object ttl : List.of(3599, 31_536_001, -1, 0)) {
            Response r = c.postJson(path, Map.of("ttlSeconds", ttl));
            assertThat(r.status()).as(ttl + ": " + r.body()).isEqualTo(422);
            assertThat(r.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
            assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("ttlSeconds");
        }
        assertThat(c.postJson(path, Map.of("ttlSeconds", "soon")).json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(c.postJson(path, Map.of("encrypt", "yes please")).status()).isEqualTo(422);
        assertThat(c.postJson(path, Map.of("color", "red")).json().get("code").asText()).isEqualTo("UNKNOWN_FIELD");
        assertThat(c.post(path, "application/json", "{nope").json().get("code").asText()).isEqualTo("MALFORMED_JSON");
        assertThat(c.post(path, "text/plain", "ttl=5").json().get("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(c.postJson(path, Map.of("ttlSeconds", 31_536_000)).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void suspendedRevokedAndExpiredLicensesHaveNoFile(String kind) {
        TestEngine e = ENGINES.get(kind);
        Owned o = owned(e, null);
        String path = "/api/v1/licenses/" + o.license().id() + "/file";
        TestClient admin = TestUsers.signIn(e, "admin").client();
        assertThat(admin.post("/api/v1/admin/licenses/" + o.license().id() + "/suspend", null, "").status()).isEqualTo(200);
        Response suspended = o.owner().client().post(path, null, "");
        assertThat(suspended.status()).isEqualTo(409);
        assertThat(suspended.json().get("code").asText()).isEqualTo("CONFLICT");

        Owned expiring = owned(e, e.clock().millis() + 1000);
        e.clock().advance(Duration.ofSeconds(2));
        assertThat(expiring.owner().client().post("/api/v1/licenses/" + expiring.license().id() + "/file", null, "").status()).isEqualTo(409);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aFileSignedBeforeARotationStillVerifiesWithThePublishedKeys(String kind) throws Exception {
        TestEngine e = ENGINES.get(kind);
        Owned o = owned(e, null);
        String path = "/api/v1/licenses/" + o.license().id() + "/file";
        JsonNode before = envelope(o.owner().client().post(path, null, "").body());
        TestClient admin = TestUsers.signIn(e, "admin").client();
        Response rotated = admin.post("/api/v1/admin/licenses/keys/" + o.license().productId() + "/rotate", null, "");
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        assertThat(rotated.json().get("retiredKid").asText()).isEqualTo(before.get("kid").asText());

        JsonNode after = envelope(o.owner().client().post(path, null, "").body());
        assertThat(after.get("kid").asText()).isNotEqualTo(before.get("kid").asText());
        assertThat(verify(e, before)).isTrue();
        assertThat(verify(e, after)).isTrue();
        JsonNode old = key(e, before.get("kid").asText());
        assertThat(old.get("mintreu:scope").asText()).isEqualTo(o.license().productId());
        assertThat(old.get("mintreu:expiresAt").asLong()).isGreaterThan(e.clock().millis() + Duration.ofDays(365).toMillis());

        // a year and a day on, every file the old key signed has expired, and the key is gone
        e.clock().advance(Duration.ofDays(367));
        try {
            assertThat(key(e, before.get("kid").asText())).isNull();
        } finally {
            e.clock().advance(Duration.ofDays(-367));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theKeySetAlsoCarriesTheLicenseSchemesKeys(String kind) throws Exception {
        TestEngine e = ENGINES.get(kind);
        JsonNode scheme = null;
        for (JsonNode k : e.client().get("/api/v1/licenses/keys").json().get("keys")) {
            if (k.get("mintreu:scope").asText().equals("license-ed25519")) {
                scheme = k;
            }
        }
        assertThat(scheme).as("license-ed25519's signing key is published").isNotNull();
        assertThat(scheme.get("kty").asText()).isEqualTo("OKP");
        assertThat(Base64.getUrlDecoder().decode(scheme.get("x").asText())).hasSize(32);
        assertThat(e.client().get("/api/v1/licenses/keys/" + scheme.get("kid").asText() + "/pem").body()).startsWith("-----BEGIN PUBLIC KEY-----");
    }

    // ---- an independent client: JDK only ----------------------------------------------------------

    static JsonNode envelope(String file) throws Exception {
        String[] lines = file.split("\n");
        assertThat(lines[0]).isEqualTo("-----BEGIN MINTREU LICENSE FILE-----");
        assertThat(lines[lines.length - 1]).isEqualTo("-----END MINTREU LICENSE FILE-----");
        String b64 = String.join("", Arrays.copyOfRange(lines, 1, lines.length - 1));
        return JSON.readTree(Base64.getDecoder().decode(b64));
    }

    static JsonNode key(TestEngine e, String kid) {
        for (JsonNode k : e.client().get("/api/v1/licenses/keys").json().get("keys")) {
            if (k.get("kid").asText().equals(kid)) {
                return k;
            }
        }
        return null;
    }

    /** Verifies sig over "license/" + data with the JWK named by kid, rebuilt into an X.509 key (RFC 8410). */
    static boolean verify(TestEngine e, JsonNode envelope) throws Exception {
        JsonNode jwk = key(e, envelope.get("kid").asText());
        assertThat(jwk).as("kid is published").isNotNull();
        byte[] raw = Base64.getUrlDecoder().decode(jwk.get("x").asText());
        byte[] spki = new byte[44];
        System.arraycopy(HexFormat.of().parseHex("302a300506032b6570032100"), 0, spki, 0, 12);
        System.arraycopy(raw, 0, spki, 12, 32);
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        Signature s = Signature.getInstance("Ed25519");
        s.initVerify(key);
        s.update(("license/" + envelope.get("data").asText()).getBytes(StandardCharsets.UTF_8));
        return s.verify(Base64.getDecoder().decode(envelope.get("sig").asText()));
    }

    static byte[] decrypt(String licenseKey, byte[] data) throws Exception {
        byte[] key = MessageDigest.getInstance("SHA-256").digest(licenseKey.getBytes(StandardCharsets.UTF_8));
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, data, 0, 12));
        return c.doFinal(data, 12, data.length - 12);
    }

    static boolean catchDecrypt(String licenseKey, byte[] data) {
        try {
            decrypt(licenseKey, data);
            return false;
        } catch (Exception expected) {
            return true;
        }
    }
}
