package com.mintreu.plugins.payoutstripeconnect;

import com.mintreu.api.payment.WebhookRejectedException;
import com.mintreu.api.payment.WebhookRejectedException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stripe's webhook signature: {@code Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret,
 * t + "." + raw body)>[,v1=...]}. The body is accepted when any {@code v1} matches any of the
 * endpoint secrets (compared in constant time) and {@code t} is within 300 s of now, either way:
 * an old timestamp is a replay, one from the future a forged or broken clock.
 */
final class SignatureCheck {

    static final String HEADER = "Stripe-Signature";
    static final long TOLERANCE_SECONDS = 300;
    static final int MAX_BODY_BYTES = 512 * 1024;
    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,12}");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private final List<byte[]> secrets;

    SignatureCheck(List<String> secrets) {
        this.secrets = secrets.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** Returns normally only for a body signed with one of the secrets within the tolerance. */
    void verify(String header, byte[] body, Clock clock) throws WebhookRejectedException {
        if (body.length > MAX_BODY_BYTES) {
            throw new WebhookRejectedException(Reason.MALFORMED, "body over " + MAX_BODY_BYTES + " bytes");
        }
        if (header == null || header.isBlank()) {
            throw new WebhookRejectedException(Reason.BAD_SIGNATURE, "no " + HEADER + " header");
        }
        if (header.length() > 4096) {
            throw new WebhookRejectedException(Reason.MALFORMED, HEADER + " is too long");
        }
        Long t = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : header.split(",", -1)) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new WebhookRejectedException(Reason.MALFORMED, HEADER + " has a part without a key and '='");
            }
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (key.equals("t")) {
                if (t != null || !SECONDS.matcher(value).matches()) {
                    throw new WebhookRejectedException(Reason.MALFORMED, HEADER + " needs exactly one numeric t");
                }
                t = Long.parseLong(value);
            } else if (key.equals("v1") && HEX.matcher(value).matches()) {
                signatures.add(HexFormat.of().parseHex(value));
            }
        }
        if (t == null) {
            throw new WebhookRejectedException(Reason.MALFORMED, HEADER + " has no t");
        }
        if (signatures.isEmpty()) {
            throw new WebhookRejectedException(Reason.BAD_SIGNATURE, HEADER + " has no v1 signature");
        }
        boolean match = false;
        for (byte[] secret : secrets) {
            byte[] expected = hmac(secret, t, body);
            for (byte[] given : signatures) {
                match |= MessageDigest.isEqual(expected, given); // constant time; no early exit either
            }
        }
        if (!match) {
            throw new WebhookRejectedException(Reason.BAD_SIGNATURE, "signature does not match this endpoint's secret");
        }
        long skew = t - clock.instant().getEpochSecond();
        if (Math.abs(skew) > TOLERANCE_SECONDS) {
            throw new WebhookRejectedException(Reason.STALE_TIMESTAMP, "signed at t=" + t + ", " + Math.abs(skew) + " s "
                    + (skew > 0 ? "in the future" : "ago") + " (tolerance " + TOLERANCE_SECONDS + " s)");
        }
    }

    static byte[] hmac(byte[] secret, long t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
