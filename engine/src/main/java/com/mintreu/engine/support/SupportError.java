package com.mintreu.engine.support;

import com.mintreu.engine.web.ErrorCode;

/** Stable codes of support failures. */
enum SupportError implements ErrorCode {
    TICKET_CONFLICT(409, "The ticket is not in a state that allows this"),
    ATTACHMENT_TOO_LARGE(422, "The attachment is too large"),
    ATTACHMENT_TYPE(422, "The attachment's type is not accepted"),
    HELPDESK_UNAVAILABLE(503, "The helpdesk is not running"),
    HELPDESK_FAILED(502, "The helpdesk did not answer"),
    STORAGE_UNAVAILABLE(503, "No storage backend is running for attachments");

    private final int status;
    private final String title;

    SupportError(int status, String title) {
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
