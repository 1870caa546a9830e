package com.mintreu.engine.license.signing;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Verification as an independent client does it: the JDK's Ed25519 and a JWK from the published
 * set, no engine class. Public so the license file tests use the same client.
 */
public final class JdkEd25519 {

    // RFC 8410: SubjectPublicKeyInfo of an Ed25519 key = this prefix + the raw 32-byte key
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private JdkEd25519() {}

    /** The key of {@code kid} in a JWK Set, or an assertion failure when it is not there. */
    public static PublicKey fromJwks(JsonNode jwks, String kid) throws Exception {
        for (JsonNode k : jwks.get("keys")) {
            if (k.get("kid").asText().equals(kid)) {
                byte[] raw = Base64.getUrlDecoder().decode(k.get("x").asText());
                byte[] spki = new byte[SPKI_PREFIX.length + raw.length];
                System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
                System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, raw.length);
                return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
            }
        }
        throw new AssertionError("kid " + kid + " is not in the published keys " + jwks);
    }

    public static boolean verify(PublicKey key, byte[] message, byte[] signature) throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initVerify(key);
        s.update(message);
        return s.verify(signature);
    }
}
