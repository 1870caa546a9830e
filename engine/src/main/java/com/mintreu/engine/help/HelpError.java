package com.mintreu.engine.help;

import com.mintreu.engine.web.ErrorCode;

/** Stable codes of help failures. */
enum HelpError implements ErrorCode {
    KNOWLEDGE_BASE_UNAVAILABLE(503, "The help articles are unavailable for a moment");

    private final int status;
    private final String title;

    HelpError(int status, String title) {
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
