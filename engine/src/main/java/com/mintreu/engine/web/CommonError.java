package com.mintreu.engine.web;

/** Errors every endpoint can give. */
public enum CommonError implements ErrorCode {
    MALFORMED_JSON(400, "The request body is not valid JSON"),
    MALFORMED_REQUEST(400, "The request is malformed"),
    INVALID_TEXT(400, "The request contains a NUL character or text that is not valid Unicode"),
    INVALID_CURSOR(400, "The pagination cursor is not valid for this list"),
    UNKNOWN_FIELD(400, "The request has a field this endpoint does not know"),
    VALIDATION_FAILED(422, "Some fields are not valid"),
    UNAUTHENTICATED(401, "Sign in first"),
    FORBIDDEN(403, "You may not do this"),
    CSRF_INVALID(403, "The form expired or did not come from this site; reload the page and try again"),
    CSRF_REQUIRED(403, "A request signed in by cookie must be JSON or carry the CSRF token header"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    CONFLICT(409, "The request conflicts with the current state"),
    PAYLOAD_TOO_LARGE(413, "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported content type"),
    RATE_LIMITED(429, "Too many requests; wait and try again"),
    UNAVAILABLE(503, "Temporarily unavailable"),
    INTERNAL(500, "Something went wrong on our side");

    private final int status;
    private final String title;

    CommonError(int status, String title) {
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
