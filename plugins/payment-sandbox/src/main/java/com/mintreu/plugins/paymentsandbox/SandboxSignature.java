package com.mintreu.plugins.paymentsandbox;

import com.mintreu.api.payment.WebhookRejectedException;
import com.mintreu.api.payment.WebhookRejectedException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code Mintreu-Sandbox-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}.
 * Several {@code v1} values are accepted (one per secret during a rotation); unknown keys are
 * ignored so a later scheme can be added next to v1.
 */
final class SandboxSignature {

    static final String HEADER = "Mintreu-Sandbox-Signature";
    static final Duration TOLERANCE = Duration.ofSeconds(300);

    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,12}");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private SandboxSignature() {
    }

    /** The header value for {@code body} sent at {@code at}. */
    static String header(byte[] secret, Instant at, byte[] body) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac(secret, t, body));
    }

    /**
     * Checks {@code header} against {@code body}: signature first (in constant time), then that
     * {@code t} is within {@link #TOLERANCE} of {@code now} either way.
     */
    static void verify(byte[] secret, String header, byte[] body, Instant now) throws WebhookRejectedException {
        if (header == null || header.isBlank()) {
            throw new WebhookRejectedException(Reason.BAD_SIGNATURE, "no " + HEADER + " header");
        }
        if (header.length() > 1024) {
            throw new WebhookRejectedException(Reason.MALFORMED, HEADER + " is too long");
        }
        Long t = null;
        List<byte[]> candidates = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new WebhookRejectedException(Reason.MALFORMED, HEADER + " has a part without '='");
            }
            String key = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            if (key.equals("t")) {
                if (t != null || !SECONDS.matcher(value).matches()) {
                    throw new WebhookRejectedException(Reason.MALFORMED, HEADER + " needs exactly one numeric t");
                }
                t = Long.parseLong(value);
            } else if (key.equals("v1")) {
                if (!HEX64.matcher(value).matches()) {
                    throw new WebhookRejectedException(Reason.MALFORMED, HEADER + " v1 must be 64 lower-case hex digits");
                }
                candidates.add(HexFormat.of().parseHex(value));
            }
        }
        if (t == null || candidates.isEmpty()) {
            throw new WebhookRejectedException(Reason.MALFORMED, HEADER + " needs t and v1");
        }
        byte[] expected = mac(secret, t, body);
        boolean match = false;
        for (byte[] candidate : candidates) {
            // no early exit: every candidate is compared, each in constant time
            match |= MessageDigest.isEqual(expected, candidate);
        }
        if (!match) {
            throw new WebhookRejectedException(Reason.BAD_SIGNATURE, "signature does not match");
        }
        long skew = Math.abs(now.getEpochSecond() - t);
        if (skew > TOLERANCE.toSeconds()) {
            throw new WebhookRejectedException(Reason.STALE_TIMESTAMP,
                    "signed at t=" + t + ", " + skew + " s away from now (tolerance " + TOLERANCE.toSeconds() + " s)");
        }
    }

    private static byte[] mac(byte[] secret, long t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
