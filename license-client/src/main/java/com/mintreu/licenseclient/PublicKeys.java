package com.mintreu.licenseclient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The Ed25519 keys of a JWK Set as published at {@code /api/v1/licenses/keys}, by kid. Immutable. */
final class PublicKeys {

    // X.509 SubjectPublicKeyInfo header for an Ed25519 key (RFC 8410): the raw 32 bytes follow
    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    /** A published key and its {@code mintreu:scope} ("engine", a product id or a scheme id). */
    record Key(String kid, String scope, PublicKey key) {}

    private final Map<String, Key> byKid;

    private PublicKeys(Map<String, Key> byKid) {
        this.byKid = Map.copyOf(byKid);
    }

    static PublicKeys parse(String jwks, ObjectMapper json) {
        JsonNode root;
        try {
            root = json.readTree(jwks);
        } catch (IOException e) {
            throw new LicenseClientException(LicenseClientException.Reason.MALFORMED, "the JWK Set is not JSON", e);
        }
        Map<String, Key> keys = new LinkedHashMap<>();
        for (JsonNode k : root.path("keys")) {
            if (!"OKP".equals(k.path("kty").asText()) || !"Ed25519".equals(k.path("crv").asText())) {
                continue;
            }
            byte[] raw = Base64.getUrlDecoder().decode(k.path("x").asText());
            keys.put(k.path("kid").asText(), new Key(k.path("kid").asText(), k.path("mintreu:scope").asText(), ed25519(raw)));
        }
        return new PublicKeys(keys);
    }

    static PublicKey ed25519(byte[] raw) {
        if (raw.length != 32) {
            throw new LicenseClientException(LicenseClientException.Reason.MALFORMED, "an Ed25519 key is 32 bytes, got " + raw.length);
        }
        byte[] der = new byte[SPKI_PREFIX.length + 32];
        System.arraycopy(SPKI_PREFIX, 0, der, 0, SPKI_PREFIX.length);
        System.arraycopy(raw, 0, der, SPKI_PREFIX.length, 32);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new LicenseClientException(LicenseClientException.Reason.MALFORMED, "not an Ed25519 key", e);
        }
    }

    Optional<Key> find(String kid) {
        return Optional.ofNullable(byKid.get(kid));
    }

    static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
