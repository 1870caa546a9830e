package com.mintreu.engine.assistant;

import com.mintreu.engine.web.ErrorCode;

/** Stable codes of the assistant's refusals. */
enum AssistantError implements ErrorCode {
    ASSISTANT_LIMIT_REACHED(429, "The assistant has answered all it may for today");

    private final int status;
    private final String title;

    AssistantError(int status, String title) {
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
