package com.mintreu.plugins.paymentpaypal;

import com.mintreu.api.payment.PaymentGatewayException;

/**
 * PayPal answered with an error: its HTTP status, error name and first detail issue (e.g.
 * {@code INSTRUMENT_DECLINED}, {@code REFUND_AMOUNT_EXCEEDED}) so callers can tell a declined
 * card from an invalid request. The message names the call and PayPal's debug id, never a secret.
 */
final class PayPalError extends PaymentGatewayException {

    private final int status;
    private final String issue;

    private PayPalError(Reason reason, String message, int status, String issue) {
        super(reason, message);
        this.status = status;
        this.issue = issue;
    }

    static PayPalError of(String what, int status, Reason reason, String name, String issue, String debugId) {
        StringBuilder message = new StringBuilder("PayPal answered HTTP ").append(status).append(" to ").append(what);
        if (name != null) {
            message.append(": ").append(name);
        }
        if (issue != null) {
            message.append(" / ").append(issue);
        }
        if (debugId != null) {
            message.append(" (debug_id ").append(debugId).append(')');
        }
        return new PayPalError(reason, message.toString(), status, issue);
    }

    int status() {
        return status;
    }

    /** The first {@code details[].issue}, or null. */
    String issue() {
        return issue;
    }
}
