package com.mintreu.api.license;

import java.util.Objects;

/**
 * A verification key a scheme publishes, so license clients can check keys offline.
 *
 * @param keyId           the {@code kid} carried by keys it verifies
 * @param algorithm       the JCA/JOSE algorithm name, e.g. {@code Ed25519}
 * @param publicKeyBase64 the X.509 SubjectPublicKeyInfo DER, standard base64 (the body of a
 *                        {@code -----BEGIN PUBLIC KEY-----} PEM)
 */
public record PublicKeyInfo(String keyId, String algorithm, String publicKeyBase64) {

    public PublicKeyInfo {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(publicKeyBase64, "publicKeyBase64");
    }

    /** The key as a PEM block, as openssl and most libraries read it. */
    public String pem() {
        StringBuilder out = new StringBuilder("-----BEGIN PUBLIC KEY-----\n");
        for (int i = 0; i < publicKeyBase64.length(); i += 64) {
            out.append(publicKeyBase64, i, Math.min(publicKeyBase64.length(), i + 64)).append('\n');
        }
        return out.append("-----END PUBLIC KEY-----\n").toString();
    }
}
