package com.mintreu.api.payment;

import java.util.Objects;

/**
 * A call to a payment provider failed. {@link #reason()} tells the engine whether the state of the
 * money is known: after {@link Reason#TIMEOUT} or {@link Reason#UNAVAILABLE} a money-moving call may
 * or may not have happened, so the engine retries with the same idempotency key or reconciles; it
 * never assumes failure. Messages must not contain secrets or card data.
 */
public class PaymentGatewayException extends RuntimeException {

    /** How a provider call failed. */
    public enum Reason {
        /** The provider could not be reached or answered 5xx; retry with the same idempotency key. */
        UNAVAILABLE,
        /** No answer in time; the outcome is unknown (UNDEFINED) until reconciled. */
        TIMEOUT,
        /** The provider refused the request as invalid (4xx, over-refund, wrong currency); do not retry as is. */
        REJECTED,
        /** The provider does not know the reference. */
        NOT_FOUND,
        /** The gateway is misconfigured (bad credentials); an operator must act. */
        CONFIGURATION
    }

    private final Reason reason;

    /** A failure for {@code reason}, with a message naming the call and the reference. */
    public PaymentGatewayException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** A failure caused by {@code cause}, typically an I/O error. */
    public PaymentGatewayException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** How the call failed. */
    public Reason reason() {
        return reason;
    }
}
