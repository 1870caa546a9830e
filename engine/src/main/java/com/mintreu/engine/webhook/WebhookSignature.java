package com.mintreu.engine.webhook;

import com.mintreu.engine.security.Tokens;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures as the Standard Webhooks specification defines them, so a seller verifies a delivery
 * with any Standard Webhooks library: the signed content is {@code "{webhook-id}.{webhook-timestamp}.{body}"},
 * the signature {@code v1,<base64 HMAC-SHA256>} under the secret's key, the secret shown as
 * {@code whsec_<base64 key>}. During a rotation's overlap the header carries one entry per secret,
 * space-separated; a verifier accepts a delivery when any entry matches.
 */
final class WebhookSignature {

    static final String PREFIX = "whsec_";
    private static final int KEY_BYTES = 32; // the specification allows 24 to 64 bytes

    private WebhookSignature() {}

    /** A fresh secret in its shown form. */
    static String newSecret() {
        return PREFIX + Base64.getEncoder().encodeToString(Tokens.randomBytes(KEY_BYTES));
    }

    /** The HMAC key of a {@code whsec_} secret: the base64-decoded part after the prefix. */
    static byte[] key(String secret) {
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }

    /** One {@code v1,...} entry. */
    static String sign(String secret, String msgId, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            byte[] digest = mac.doFinal((msgId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code webhook-signature} header: one entry per secret still signing, newest first. */
    static String header(List<String> secrets, String msgId, long timestampSeconds, String body) {
        return secrets.stream().map(s -> sign(s, msgId, timestampSeconds, body)).collect(Collectors.joining(" "));
    }
}
