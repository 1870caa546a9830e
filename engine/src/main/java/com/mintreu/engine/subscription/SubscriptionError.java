package com.mintreu.engine.subscription;

import com.mintreu.engine.web.ErrorCode;

/** Errors of subscriptions. */
public enum SubscriptionError implements ErrorCode {
    ILLEGAL_TRANSITION(409, "The subscription cannot move to that state"),
    /** A recurring plan renewed by the payment provider is bought alone (one line, no voucher). */
    PROVIDER_SUBSCRIPTION_ALONE(422, "A subscription billed by the payment provider must be bought on its own"),
    /** The payment provider did not take the change; nothing changed. */
    PROVIDER_FAILED(502, "The payment provider could not make the change; try again in a few minutes");

    private final int status;
    private final String title;

    SubscriptionError(int status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public String code() {
        return name();
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
