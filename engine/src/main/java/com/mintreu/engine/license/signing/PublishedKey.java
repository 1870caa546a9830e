package com.mintreu.engine.license.signing;

import java.util.Base64;

/**
 * A public verification key as the engine publishes it.
 *
 * @param spkiDer   X.509 SubjectPublicKeyInfo DER
 * @param retiredAt when it stopped signing (epoch ms), null while active
 * @param expiresAt when it stops being published (epoch ms), null while active
 */
public record PublishedKey(String kid, String scope, byte[] spkiDer, Long retiredAt, Long expiresAt) {

    /** The raw 32-byte key, base64url without padding: JWK {@code x} (RFC 8037). */
    public String x() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Ed25519.raw(spkiDer));
    }

    /** The key as a PEM block, as {@code openssl pkeyutl -pubin -inkey} reads it. */
    public String pem() {
        String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(spkiDer);
        return "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n";
    }
}
