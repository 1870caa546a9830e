package com.mintreu.engine.catalog;

import com.mintreu.engine.web.ErrorCode;

/** Stable codes of the catalog's failures. */
public enum CatalogError implements ErrorCode {
    PRODUCT_NOT_FOUND(404, "No such product"),
    SLUG_TAKEN(409, "Another product already uses this slug"),
    ILLEGAL_TRANSITION(409, "The product is not in a state that allows this"),
    NOT_READY_FOR_REVIEW(422, "The product is not complete enough to submit"),
    UNKNOWN_PRODUCT_TYPE(422, "No started plugin provides this product type"),
    UNKNOWN_CATEGORY(422, "No such category"),
    VERSION_EXISTS(409, "This product already has a release with this version"),
    UPLOAD_TOO_LARGE(413, "The file is larger than allowed"),
    UNSUPPORTED_IMAGE(415, "Images must be PNG, JPEG or WebP"),
    EMPTY_UPLOAD(400, "The upload is empty"),
    INVALID_CURSOR(400, "The pagination cursor is not valid for this query"),
    STORAGE_UNAVAILABLE(503, "No storage backend is running"),
    PLUGIN_FAILED(502, "A plugin failed to answer");

    private final int status;
    private final String title;

    CatalogError(int status, String title) {
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
