package com.mintreu.engine.license.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mintreu.engine.license.License;
import com.mintreu.engine.license.LicenseStatus;
import com.mintreu.engine.license.signing.LicenseSigningKeys;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.CommonError;
import com.mintreu.engine.web.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Builds license files: a signed (optionally encrypted) snapshot of a license that software
 * checks offline until the file's expiry. Format and signed bytes: {@code license/README-signatures.md}.
 */
@Singleton
public final class LicenseFiles {

    public static final String BEGIN = "-----BEGIN MINTREU LICENSE FILE-----";
    public static final String END = "-----END MINTREU LICENSE FILE-----";
    public static final Duration DEFAULT_TTL = Duration.ofDays(30);
    public static final Duration MIN_TTL = Duration.ofHours(1);
    /** Retired keys stay published at least this long (see {@link LicenseSigningKeys#RETIRED_KEY_LIFETIME}). */
    public static final Duration MAX_TTL = Duration.ofDays(365);

    private final LicenseSigningKeys keys;
    private final Clock clock;

    @Inject
    LicenseFiles(LicenseSigningKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * The armored file for {@code license}. {@code fingerprint} is the machine's for a machine file,
     * else null. Only an active, unexpired license gets a file: a file is a promise of validity.
     */
    public String build(License license, Duration ttl, boolean encrypt, String fingerprint) {
        Instant now = clock.instant();
        if (license.status() != LicenseStatus.ACTIVE) {
            throw new ApiException(CommonError.CONFLICT, "a " + license.status().id() + " license has no license file");
        }
        if (license.expiredAt(now.toEpochMilli())) {
            throw new ApiException(CommonError.CONFLICT, "the license has expired; it has no license file");
        }
        Instant issued = Instant.ofEpochSecond(now.getEpochSecond());
        Instant expiry = issued.plus(ttl);
        // the file never outlives the license it describes
        if (license.expiresAt() != null && expiry.toEpochMilli() > license.expiresAt()) {
            expiry = Instant.ofEpochMilli(license.expiresAt());
        }
        byte[] payload = payload(license, fingerprint, issued, expiry, ttl);
        byte[] data = encrypt ? FileCipher.encrypt(FileCipher.key(license.key(), fingerprint), payload) : payload;
        String dataB64 = Base64.getEncoder().encodeToString(data);
        LicenseSigningKeys.Signed signed = keys.sign(license.productId(), signedBytes(dataB64));
        ObjectNode envelope = Json.MAPPER.createObjectNode();
        envelope.put("enc", encrypt ? "aes-256-gcm" : "none");
        envelope.put("alg", "ed25519");
        envelope.put("kid", signed.kid());
        envelope.put("data", dataB64);
        envelope.put("sig", Base64.getEncoder().encodeToString(signed.signature()));
        return armor(write(envelope));
    }

    /** The exact bytes a file's {@code sig} covers: UTF-8 of {@code "license/" + data}. */
    public static byte[] signedBytes(String dataBase64) {
        return ("license/" + dataBase64).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] payload(License l, String fingerprint, Instant issued, Instant expiry, Duration ttl) {
        ObjectNode p = Json.MAPPER.createObjectNode();
        ObjectNode license = p.putObject("license");
        // never the key itself: an encrypted file would carry its own decryption key
        license.put("id", l.id());
        license.put("product", l.productId());
        license.put("status", l.status().id());
        license.put("expiry", l.expiresAt() == null ? null : Instant.ofEpochMilli(l.expiresAt()).toString());
        p.set("entitlements", Json.MAPPER.valueToTree(List.of())); // policies bring entitlements; none yet
        if (fingerprint == null) {
            p.putNull("machine");
        } else {
            p.putObject("machine").put("fingerprint", fingerprint);
        }
        p.put("issued", issued.toString());
        p.put("expiry", expiry.toString());
        p.put("ttl", ttl.toSeconds());
        return write(p).getBytes(StandardCharsets.UTF_8);
    }

    // 64-character lines, as PEM: openssl base64 -d reads them without -A
    private static String armor(String envelopeJson) {
        String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(envelopeJson.getBytes(StandardCharsets.UTF_8));
        return BEGIN + "\n" + b64 + "\n" + END + "\n";
    }

    private static String write(ObjectNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
