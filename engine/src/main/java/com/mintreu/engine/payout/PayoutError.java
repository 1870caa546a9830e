package com.mintreu.engine.payout;

import com.mintreu.engine.web.ErrorCode;

/** Stable codes of payout failures. */
enum PayoutError implements ErrorCode {
    PAYOUT_NOT_PENDING(409, "The payout is already paid or failed"),
    PAYOUT_WEBHOOK_REJECTED(400, "The payout webhook could not be verified"),
    PAYOUT_SETUP_UNAVAILABLE(503, "Payout setup is not available right now");

    private final int status;
    private final String title;

    PayoutError(int status, String title) {
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
