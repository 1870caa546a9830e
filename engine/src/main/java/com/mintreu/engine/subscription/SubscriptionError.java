package com.mintreu.engine.subscription;

import com.mintreu.engine.web.ErrorCode;

/** Errors of subscriptions. */
public enum SubscriptionError implements ErrorCode {
    ILLEGAL_TRANSITION(409, "The subscription cannot move to that state");

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
