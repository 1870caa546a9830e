package com.mintreu.engine.license.signing;

import com.mintreu.engine.web.ResponseSigner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs every response under {@value #PREFIX} with the engine's key, so a license client can tell
 * an answer from this engine from a forged or replayed one. The exact signed bytes are in
 * {@code license/README-signatures.md}; {@link #signedBytes} is the one place that builds them.
 */
@Singleton
public final class LicenseResponseSigner implements ResponseSigner {

    public static final String HEADER = "Mintreu-Signature";
    static final String PREFIX = "/api/v1/licenses";

    private static final Logger LOG = LoggerFactory.getLogger(LicenseResponseSigner.class);

    private final LicenseSigningKeys keys;

    @Inject
    LicenseResponseSigner(LicenseSigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public boolean appliesTo(String path) {
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }

    @Override
    public Map<String, String> headers(int status, String date, byte[] body, String nonce) {
        try {
            LicenseSigningKeys.Signed signed = keys.sign(LicenseSigningKeys.ENGINE, signedBytes(status, date, body, nonce));
            return Map.of(HEADER, "keyid=\"" + signed.kid() + "\", algorithm=\"ed25519\", signature=\""
                    + Base64.getEncoder().encodeToString(signed.signature()) + "\"");
        } catch (RuntimeException e) {
            // an unsigned answer is still an answer; the client treats it as untrusted
            LOG.error("could not sign a license API response: {}", e.toString());
            return Map.of();
        }
    }

    /**
     * {@code "mintreu-response-v1\n" + status + "\n" + date + "\n" + "sha-256=" + base64(SHA-256(body)) + "\n" + nonce},
     * UTF-8; no trailing newline.
     */
    public static byte[] signedBytes(int status, String date, byte[] body, String nonce) {
        try {
            String digest = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
            return ("mintreu-response-v1\n" + status + "\n" + date + "\n" + "sha-256=" + digest + "\n" + nonce).getBytes(StandardCharsets.UTF_8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
