package com.mintreu.engine.entitlement;

import com.mintreu.engine.web.ErrorCode;

/** Errors of entitlements and downloads. */
public enum EntitlementError implements ErrorCode {
    LINK_INVALID(403, "This download link is not valid"),
    LINK_EXPIRED(403, "This download link has expired; get a fresh one from your account"),
    RELEASE_AFTER_UPDATES(403, "This release came out after your subscription ended"),
    ENTITLEMENT_INACTIVE(410, "This purchase can no longer be downloaded"),
    DOWNLOAD_LIMIT_REACHED(410, "The download limit of this purchase is reached"),
    RANGE_NOT_SATISFIABLE(416, "The requested range is outside the file"),
    FILE_UNAVAILABLE(503, "The file cannot be read right now; try again later"),
    NOTHING_TO_RECEIPT(409, "This order has no receipt yet");

    private final int status;
    private final String title;

    EntitlementError(int status, String title) {
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
