package com.mintreu.licenseclient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** Offline verification of the engine's armored license files (README-signatures.md, "License files"). */
final class LicenseFiles {

    private static final String BEGIN = "-----BEGIN MINTREU LICENSE FILE-----";
    private static final String END = "-----END MINTREU LICENSE FILE-----";

    private LicenseFiles() {}

    static LicenseFile verify(String armored, Optional<String> licenseKey, Optional<String> fingerprint, Function<String, PublicKeys.Key> keys,
            Instant now, ObjectMapper json) {
        String text = armored.strip();
        if (!text.startsWith(BEGIN) || !text.endsWith(END)) {
            throw bad("not an armored MINTREU LICENSE FILE");
        }
        JsonNode env;
        try {
            byte[] envelope = Base64.getMimeDecoder().decode(text.substring(BEGIN.length(), text.length() - END.length()).strip());
            env = json.readTree(envelope);
        } catch (IOException | IllegalArgumentException e) {
            throw bad("the envelope is not base64 JSON");
        }
        String data = env.path("data").asText();
        if (!"ed25519".equals(env.path("alg").asText()) || data.isEmpty()) {
            throw bad("unsupported alg " + env.path("alg") + " or no data");
        }
        PublicKeys.Key key = keys.apply(env.path("kid").asText());
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(env.path("sig").asText());
        } catch (IllegalArgumentException e) {
            throw new LicenseClientException(LicenseClientException.Reason.BAD_SIGNATURE, "sig is not base64");
        }
        if (!PublicKeys.verify(key.key(), ("license/" + data).getBytes(StandardCharsets.UTF_8), sig)) {
            throw new LicenseClientException(LicenseClientException.Reason.BAD_SIGNATURE, "the file's signature does not verify with " + key.kid());
        }
        byte[] payload = Base64.getDecoder().decode(data);
        String enc = env.path("enc").asText();
        if (enc.equals("aes-256-gcm")) {
            payload = decrypt(payload, licenseKey, fingerprint);
        } else if (!enc.equals("none")) {
            throw bad("unknown enc " + enc);
        }
        return parse(payload, key, now, json);
    }

    private static byte[] decrypt(byte[] data, Optional<String> licenseKey, Optional<String> fingerprint) {
        if (licenseKey.isEmpty()) {
            throw new LicenseClientException(LicenseClientException.Reason.CANNOT_DECRYPT, "the file is encrypted: give the license key");
        }
        String secret = licenseKey.get() + fingerprint.map(f -> "\n" + f).orElse("");
        try {
            byte[] aesKey = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new GCMParameterSpec(128, Arrays.copyOf(data, 12)));
            return c.doFinal(data, 12, data.length - 12);
        } catch (GeneralSecurityException e) {
            throw new LicenseClientException(LicenseClientException.Reason.CANNOT_DECRYPT, "wrong license key or machine fingerprint", e);
        }
    }

    private static LicenseFile parse(byte[] payload, PublicKeys.Key key, Instant now, ObjectMapper json) {
        try {
            JsonNode p = json.readTree(payload);
            JsonNode l = p.path("license");
            Instant issued = Instant.parse(p.path("issued").asText());
            Instant expiry = Instant.parse(p.path("expiry").asText());
            if (!l.path("product").asText().equals(key.scope())) {
                throw new LicenseClientException(LicenseClientException.Reason.BAD_SIGNATURE,
                        "signed by the key of " + key.scope() + ", not of the file's product " + l.path("product").asText());
            }
            if (now.isAfter(expiry) || issued.isAfter(now.plusSeconds(300))) {
                throw new LicenseClientException(LicenseClientException.Reason.FILE_EXPIRED, "valid " + issued + " to " + expiry + ", now " + now);
            }
            List<String> ents = new ArrayList<>();
            p.path("entitlements").forEach(e -> ents.add(e.asText()));
            JsonNode m = p.path("machine");
            Optional<String> machine = m.isTextual() ? Optional.of(m.asText())
                    : m.isObject() ? Optional.of(m.path("fingerprint").asText()) : Optional.empty();
            Optional<Instant> licenseExpiry = l.path("expiry").isTextual() ? Optional.of(Instant.parse(l.get("expiry").asText())) : Optional.empty();
            return new LicenseFile(l.path("id").asText(), l.path("product").asText(), l.path("status").asText(), licenseExpiry,
                    List.copyOf(ents), machine, issued, expiry, new String(payload, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            if (e instanceof LicenseClientException lce) {
                throw lce;
            }
            throw bad("the payload does not have the documented shape: " + e.getMessage());
        }
    }

    private static LicenseClientException bad(String message) {
        return new LicenseClientException(LicenseClientException.Reason.MALFORMED, message);
    }
}
