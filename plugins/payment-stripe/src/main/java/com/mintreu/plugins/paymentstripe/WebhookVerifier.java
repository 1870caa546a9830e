package com.mintreu.plugins.paymentstripe;

import com.mintreu.api.payment.WebhookRejectedException;
import com.mintreu.api.payment.WebhookRejectedException.Reason;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.regex.Pattern;

/**
 * Checks a Stripe webhook before anything in it is used: {@code Stripe-Signature:
 * t=<unix seconds>,v1=<hex HMAC-SHA256(whsec, t + "." + body)>} with stripe-java's
 * {@link Webhook#constructEvent} (constant-time compare, 300 s tolerance for old timestamps), plus
 * what the library leaves out: a strict header form (it would throw a NumberFormatException on
 * {@code t=x}), a refusal of timestamps more than 300 s in the future, and a reason code that
 * tells a bad signature from a stale one.
 */
final class WebhookVerifier {

    static final String HEADER = "Stripe-Signature";
    static final long TOLERANCE_SECONDS = 300;
    /** Checkout events are a few KiB; Stripe's largest payloads stay far below this. */
    static final int MAX_BODY_BYTES = 512 * 1024;

    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,12}");

    private final String secret;

    WebhookVerifier(String secret) {
        this.secret = secret;
    }

    /** The verified event; throws for anything not signed with this endpoint's secret within the tolerance. */
    Event verify(String header, byte[] body, Clock clock) throws WebhookRejectedException {
        if (body.length > MAX_BODY_BYTES) {
            throw new WebhookRejectedException(Reason.MALFORMED, "body over " + MAX_BODY_BYTES + " bytes");
        }
        if (header == null || header.isBlank()) {
            throw new WebhookRejectedException(Reason.BAD_SIGNATURE, "no " + HEADER + " header");
        }
        long t = timestamp(header);
        String payload = utf8(body);
        Event event;
        try {
            event = Webhook.constructEvent(payload, header, secret, TOLERANCE_SECONDS, clock);
        } catch (SignatureVerificationException e) {
            if (signedButStale(payload, header, clock)) {
                throw new WebhookRejectedException(Reason.STALE_TIMESTAMP, staleMessage(t, clock));
            }
            throw new WebhookRejectedException(Reason.BAD_SIGNATURE, "signature does not match this endpoint's secret");
        } catch (RuntimeException e) {
            // verified, but not a Stripe event: JsonSyntaxException, a v2 event notification, a JSON array...
            throw new WebhookRejectedException(Reason.MALFORMED, "signed body is not a Stripe event: " + e.getClass().getSimpleName());
        }
        if (t - clock.instant().getEpochSecond() > TOLERANCE_SECONDS) {
            throw new WebhookRejectedException(Reason.STALE_TIMESTAMP, staleMessage(t, clock));
        }
        return event;
    }

    /** The signature matches when time is not checked: only the timestamp was wrong. */
    private boolean signedButStale(String payload, String header, Clock clock) {
        try {
            return Webhook.Signature.verifyHeader(payload, header, secret, 0, clock);
        } catch (SignatureVerificationException | RuntimeException e) {
            return false;
        }
    }

    private static String staleMessage(long t, Clock clock) {
        long skew = t - clock.instant().getEpochSecond();
        return "signed at t=" + t + ", " + Math.abs(skew) + " s " + (skew > 0 ? "in the future" : "ago")
                + " (tolerance " + TOLERANCE_SECONDS + " s)";
    }

    /** Exactly one numeric {@code t} and at least one {@code v1}; other schemes ({@code v0}) are ignored. */
    private static long timestamp(String header) throws WebhookRejectedException {
        if (header.length() > 4096) {
            throw new WebhookRejectedException(Reason.MALFORMED, HEADER + " is too long");
        }
        Long t = null;
        boolean v1 = false;
        for (String part : header.split(",", -1)) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new WebhookRejectedException(Reason.MALFORMED, HEADER + " has a part without a key and '='");
            }
            String key = part.substring(0, eq);
            String value = part.substring(eq + 1);
            if (key.equals("t")) {
                if (t != null || !SECONDS.matcher(value).matches()) {
                    throw new WebhookRejectedException(Reason.MALFORMED, HEADER + " needs exactly one numeric t");
                }
                t = Long.parseLong(value);
            } else if (key.equals("v1")) {
                v1 |= !value.isEmpty();
            }
        }
        if (t == null || !v1) {
            throw new WebhookRejectedException(Reason.MALFORMED, HEADER + " needs t and v1");
        }
        return t;
    }

    /** Stripe signs the UTF-8 bytes; a body that is not UTF-8 cannot be what Stripe sent. */
    private static String utf8(byte[] body) throws WebhookRejectedException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new WebhookRejectedException(Reason.MALFORMED, "body is not UTF-8");
        }
    }
}
