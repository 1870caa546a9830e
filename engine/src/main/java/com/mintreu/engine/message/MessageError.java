package com.mintreu.engine.message;

import com.mintreu.engine.web.ErrorCode;

/** Stable codes of message failures. */
enum MessageError implements ErrorCode {
    ALREADY_REPORTED(409, "You already reported this message"),
    REPORT_DECIDED(409, "The report was already decided");

    private final int status;
    private final String title;

    MessageError(int status, String title) {
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
