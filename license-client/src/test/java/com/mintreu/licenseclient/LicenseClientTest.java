package com.mintreu.licenseclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client's trust rules against a local fake engine that signs like the real one and can tamper. */
class LicenseClientTest {

    final FakeEngine engine = new FakeEngine();

    LicenseClientTest() throws Exception {}

    @AfterEach
    void stop() {
        engine.close();
    }

    LicenseClient client(Path cache) {
        return LicenseClient.builder().baseUrl(engine.baseUrl()).cacheFile(cache).build();
    }

    @Test
    void aSignedAnswerWithOurNonceIsTrusted() {
        engine.answer = "{\"valid\":true,\"code\":\"IN_GRACE\",\"nonce\":\"%s\",\"ts\":\"2026-01-01T00:00:00Z\",\"license\":{\"id\":\"lic_1\","
                + "\"status\":\"active\",\"expiresAt\":1767225600000,\"product\":\"prd_1\",\"entitlements\":[\"pro\"],\"machines\":1,\"maxMachines\":3}}";
        Validation v = client(null).validate("KEY", Scope.NONE.withFingerprint("fp"));
        assertThat(v.valid()).isTrue();
        assertThat(v.stale()).isFalse();
        assertThat(v.grace()).isEqualTo(Validation.Grace.IN_GRACE);
        assertThat(v.expiresAt()).contains(Instant.ofEpochMilli(1767225600000L));
        assertThat(v.license().orElseThrow().entitlements()).containsExactly("pro");
        // no maxUsers: seats unlimited
        assertThat(v.license().orElseThrow().maxUsers()).isEmpty();
    }

    @Test
    void aFlippedBodyByteIsRejected() {
        engine.inTransit = b -> {
            b[10] ^= 1;
            return b;
        };
        assertThatThrownBy(() -> client(null).validate("KEY", Scope.NONE)).isInstanceOfSatisfying(LicenseClientException.class,
                e -> assertThat(e.reason()).isEqualTo(LicenseClientException.Reason.BAD_SIGNATURE));
    }

    @Test
    void anAnswerSignedForAnotherNonceIsRejected() {
        engine.signedNonce = "someone-elses-nonce";
        engine.echoedNonce = "someone-elses-nonce";
        assertThatThrownBy(() -> client(null).validate("KEY", Scope.NONE)).isInstanceOfSatisfying(LicenseClientException.class,
                e -> assertThat(e.reason()).isEqualTo(LicenseClientException.Reason.BAD_SIGNATURE));
    }

    @Test
    void aBodyEchoingAnotherNonceIsRejected() {
        engine.echoedNonce = "replayed";
        assertThatThrownBy(() -> client(null).validate("KEY", Scope.NONE)).isInstanceOfSatisfying(LicenseClientException.class,
                e -> assertThat(e.reason()).isEqualTo(LicenseClientException.Reason.NONCE_MISMATCH));
    }

    @Test
    void theLastGoodAnswerIsServedStaleWhenTheServerIsDownAndSurvivesARestart(@TempDir Path dir) {
        Path cache = dir.resolve("license.cache");
        LicenseClient c = client(cache);
        assertThat(c.validate("KEY", Scope.NONE).stale()).isFalse();
        engine.close();

        Validation stale = c.validate("KEY", Scope.NONE);
        assertThat(stale.stale()).isTrue();
        assertThat(stale.code()).isEqualTo("VALID");
        // a new process with the pinned keys and the same cache file
        LicenseClient restarted = LicenseClient.builder().baseUrl(engine.baseUrl()).publicKeysJwks(engine.jwks()).cacheFile(cache).build();
        assertThat(restarted.validate("KEY", Scope.NONE).stale()).isTrue();
        assertThatThrownBy(() -> restarted.validate("OTHER", Scope.NONE)).isInstanceOfSatisfying(LicenseClientException.class,
                e -> assertThat(e.reason()).isEqualTo(LicenseClientException.Reason.UNREACHABLE));
    }

    @Test
    void aSignedRateLimitIsReportedAndTheLastGoodAnswerStands() {
        LicenseClient c = client(null);
        assertThat(c.validate("KEY", Scope.NONE).stale()).isFalse();
        engine.status = 429;
        engine.answer = "{\"type\":\"about:blank\",\"status\":429,\"code\":\"RATE_LIMITED\",\"nonce\":\"%s\"}";
        Validation stale = c.validate("KEY", Scope.NONE);
        assertThat(stale.stale()).as("a refusal to answer now is not a verdict").isTrue();
        assertThat(stale.code()).isEqualTo("VALID");
        assertThatThrownBy(() -> c.validate("OTHER", Scope.NONE)).isInstanceOfSatisfying(LicenseClientException.class,
                e -> assertThat(e.reason()).isEqualTo(LicenseClientException.Reason.RATE_LIMITED));
        assertThatThrownBy(() -> c.checkIn("KEY")).isInstanceOfSatisfying(LicenseClientException.class,
                e -> assertThat(e.reason()).isEqualTo(LicenseClientException.Reason.RATE_LIMITED));
    }

    @Test
    void anEditedCacheFileIsNotTrusted(@TempDir Path dir) throws Exception {
        Path cache = dir.resolve("license.cache");
        engine.answer = "{\"valid\":false,\"code\":\"REVOKED\",\"nonce\":\"%s\",\"ts\":\"2026-01-01T00:00:00Z\"}";
        client(cache).validate("KEY", Scope.NONE);
        engine.close();
        String text = java.nio.file.Files.readString(cache);
        String body = text.replaceAll(".*\"body\":\"([^\"]+)\".*", "$1");
        String forged = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8).replace("false,\"code\":\"REVOKED", "true,\"code\":\"VALID");
        java.nio.file.Files.writeString(cache, text.replace(body, Base64.getEncoder().encodeToString(forged.getBytes(StandardCharsets.UTF_8))));
        LicenseClient restarted = LicenseClient.builder().baseUrl(engine.baseUrl()).publicKeysJwks(engine.jwks()).cacheFile(cache).build();
        assertThatThrownBy(() -> restarted.validate("KEY", Scope.NONE)).isInstanceOfSatisfying(LicenseClientException.class,
                e -> assertThat(e.reason()).isEqualTo(LicenseClientException.Reason.BAD_SIGNATURE));
    }

    @Test
    void licenseFilesVerifyOfflineAndRejectTampering() throws Exception {
        LicenseClient offline = LicenseClient.builder().publicKeysJwks(engine.jwks()).build();
        Instant now = Instant.now();
        String payload = "{\"license\":{\"id\":\"lic_1\",\"product\":\"prd_1\",\"status\":\"active\",\"expiry\":null},\"entitlements\":[\"pro\"],"
                + "\"machine\":null,\"issued\":\"" + now.minusSeconds(60) + "\",\"expiry\":\"" + now.plusSeconds(3600) + "\",\"ttl\":3600}";
        String data = Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8));

        LicenseFile f = offline.verifyLicenseFile(file("none", data), Optional.empty(), Optional.empty());
        assertThat(f.licenseId()).isEqualTo("lic_1");
        assertThat(f.entitlements()).containsExactly("pro");
        assertThat(f.licenseExpiry()).isEmpty();

        String flipped = (data.charAt(5) == 'A' ? "B" : "A");
        String tampered = data.substring(0, 5) + flipped + data.substring(6);
        assertThatThrownBy(() -> offline.verifyLicenseFile(envelopeWithSigOf(data, tampered), Optional.empty(), Optional.empty()))
                .isInstanceOfSatisfying(LicenseClientException.class, e -> assertThat(e.reason()).isEqualTo(LicenseClientException.Reason.BAD_SIGNATURE));

        String old = payload.replace(now.plusSeconds(3600).toString(), now.minusSeconds(1).toString());
        assertThatThrownBy(() -> offline.verifyLicenseFile(file("none", Base64.getEncoder().encodeToString(old.getBytes(StandardCharsets.UTF_8))),
                Optional.empty(), Optional.empty()))
                .isInstanceOfSatisfying(LicenseClientException.class, e -> assertThat(e.reason()).isEqualTo(LicenseClientException.Reason.FILE_EXPIRED));

        // encrypted for a machine: verifies without the key, decrypts only with key + fingerprint
        String sealed = Base64.getEncoder().encodeToString(encrypt("KEY\nfp-1", payload.getBytes(StandardCharsets.UTF_8)));
        assertThat(offline.verifyLicenseFile(file("aes-256-gcm", sealed), Optional.of("KEY"), Optional.of("fp-1")).licenseId()).isEqualTo("lic_1");
        assertThatThrownBy(() -> offline.verifyLicenseFile(file("aes-256-gcm", sealed), Optional.of("KEY"), Optional.of("fp-2")))
                .isInstanceOfSatisfying(LicenseClientException.class, e -> assertThat(e.reason()).isEqualTo(LicenseClientException.Reason.CANNOT_DECRYPT));
    }

    private String file(String enc, String data) {
        return armor(enc, data, sig(data));
    }

    private String envelopeWithSigOf(String signedData, String shippedData) {
        return armor("none", shippedData, sig(signedData));
    }

    private String sig(String data) {
        return Base64.getEncoder().encodeToString(FakeEngine.sign(engine.productKey.getPrivate(), ("license/" + data).getBytes(StandardCharsets.UTF_8)));
    }

    private static String armor(String enc, String data, String sig) {
        String env = "{\"enc\":\"" + enc + "\",\"alg\":\"ed25519\",\"kid\":\"prd\",\"data\":\"" + data + "\",\"sig\":\"" + sig + "\"}";
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(env.getBytes(StandardCharsets.UTF_8));
        return "-----BEGIN MINTREU LICENSE FILE-----\n" + b64 + "\n-----END MINTREU LICENSE FILE-----\n";
    }

    private static byte[] encrypt(String secret, byte[] plain) throws Exception {
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)), "AES"),
                new GCMParameterSpec(128, nonce));
        byte[] ct = c.doFinal(plain);
        byte[] out = new byte[12 + ct.length];
        System.arraycopy(nonce, 0, out, 0, 12);
        System.arraycopy(ct, 0, out, 12, ct.length);
        return out;
    }
}
