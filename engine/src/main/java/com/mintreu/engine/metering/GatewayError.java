package com.mintreu.engine.metering;

import com.mintreu.engine.web.ErrorCode;

/** What the gateway ({@code /gw/{product}/...}) answers when it does not pass a call on; stable codes. */
enum GatewayError implements ErrorCode {
    PRODUCT_NOT_FOUND(404, "No API product with this slug or id"),
    KEY_MISSING(401, "Send your API key as 'Authorization: Bearer mk_live_...' or in the X-Api-Key header"),
    KEY_INVALID(401, "The API key is not valid for this product"),
    KEY_REVOKED(403, "The API key is revoked"),
    KEY_SUSPENDED(403, "The API key is suspended by the seller"),
    KEY_EXPIRED(403, "The API key or its purchase has expired"),
    RATE_LIMITED(429, "Too many calls; wait for the rate limit to reset"),
    QUOTA_EXCEEDED(429, "The quota of this period is used up"),
    BODY_TOO_LARGE(413, "The request body is larger than the gateway passes on"),
    UPSTREAM_NOT_CONFIGURED(502, "The seller has not set where this API's calls go"),
    UPSTREAM_FORBIDDEN(502, "The API's upstream address is not allowed (loopback or private network)"),
    UPSTREAM_UNREACHABLE(502, "The API's upstream refused the connection or broke it off"),
    UPSTREAM_TIMEOUT(504, "The API's upstream did not answer in time");

    private final int status;
    private final String title;

    GatewayError(int status, String title) {
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
