package com.mintreu.engine.account;

import com.mintreu.engine.web.ErrorCode;

/** Errors of the account feature; the codes are stable API. */
enum AccountError implements ErrorCode {
    EMAIL_TAKEN(409, "An account with this email already exists"),
    WEAK_PASSWORD(422, "The password is too weak"),
    // One code and message for "no such email" and "wrong password", so the answer reveals nothing.
    INVALID_CREDENTIALS(401, "The email or password is wrong"),
    TOKEN_INVALID(400, "The link is invalid, expired or already used"),
    SESSION_REQUIRED(403, "This needs a signed-in session, not an API token"),
    APPLICATION_OPEN(409, "You already have an open seller application"),
    ALREADY_SELLER(409, "You are already a seller"),
    APPLICATION_DECIDED(409, "This application was already decided");

    private final int status;
    private final String title;

    AccountError(int status, String title) {
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
