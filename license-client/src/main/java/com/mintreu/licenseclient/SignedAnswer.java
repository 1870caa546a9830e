package com.mintreu.licenseclient;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An answer exactly as received: what the engine's response signature covers, plus the signature header. */
record SignedAnswer(int status, String date, String nonce, String signature, byte[] body) {

    private static final Pattern HEADER = Pattern.compile("keyid=\"([^\"]+)\", algorithm=\"ed25519\", signature=\"([A-Za-z0-9+/=]+)\"");

    /** The bytes of README-signatures.md: "mintreu-response-v1" LF status LF Date LF "sha-256=" b64(sha256(body)) LF nonce. */
    byte[] signedBytes() {
        try {
            String digest = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
            return ("mintreu-response-v1\n" + status + "\n" + date + "\nsha-256=" + digest + "\n" + nonce).getBytes(StandardCharsets.UTF_8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The parsed {@code Mintreu-Signature} header. */
    record Header(String kid, byte[] signature) {
        static Header parse(String value) {
            Matcher m = HEADER.matcher(value == null ? "" : value);
            if (!m.matches()) {
                throw new LicenseClientException(LicenseClientException.Reason.BAD_SIGNATURE, "missing or malformed Mintreu-Signature: " + value);
            }
            try {
                return new Header(m.group(1), Base64.getDecoder().decode(m.group(2)));
            } catch (IllegalArgumentException e) {
                throw new LicenseClientException(LicenseClientException.Reason.BAD_SIGNATURE, "signature is not base64", e);
            }
        }
    }
}
