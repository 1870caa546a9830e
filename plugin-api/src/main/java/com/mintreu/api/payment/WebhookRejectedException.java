package com.mintreu.api.payment;

import java.util.Objects;

/**
 * Thrown by {@link PaymentGateway#parseWebhook(WebhookRequest)} when a webhook cannot be trusted
 * or read. The engine answers 400 with {@link #reason()} as a stable code, records nothing and
 * does not acknowledge the event. The message is for the operator's log and must not contain the
 * secret or the expected signature.
 */
public class WebhookRejectedException extends Exception {

    /** Why a webhook was refused. */
    public enum Reason {
        /** The signature is missing or does not match: possibly forged; never processed. */
        BAD_SIGNATURE,
        /** The signed timestamp is outside the tolerance (too old: a replay, or in the future). */
        STALE_TIMESTAMP,
        /** The signature header or the body cannot be parsed; nothing was verified. */
        MALFORMED
    }

    private final Reason reason;

    /** A refusal for {@code reason}, with a message naming what was wrong (never a secret). */
    public WebhookRejectedException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the webhook was refused. */
    public Reason reason() {
        return reason;
    }
}
