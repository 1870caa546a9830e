package com.mintreu.engine.metering;

import com.mintreu.engine.web.ErrorCode;

/** Errors of API keys and their verification. */
public enum MeteringError implements ErrorCode {
    KEY_MALFORMED(422, "The API key is malformed: wrong prefix, length or checksum (a typo?)"),
    KEY_LIMIT_REACHED(409, "This purchase has as many API keys as it may have; revoke one first"),
    KEY_NOT_USABLE(409, "This API key cannot be changed in its current state"),
    PURCHASE_INACTIVE(409, "This purchase is revoked or expired; it can have no new keys"),
    USAGE_BATCH_TOO_LARGE(413, "A usage batch holds at most 1000 events; send the rest in another batch"),
    USAGE_EVENTS_INVALID(422, "Some usage events are not valid; the whole batch was refused and nothing was recorded"),
    METER_UNAVAILABLE(503, "Usage cannot be counted right now; try again shortly");

    private final int status;
    private final String title;

    MeteringError(int status, String title) {
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
