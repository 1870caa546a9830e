package com.mintreu.engine.license;

/**
 * The answer of {@code POST /api/v1/licenses/validate}: always a 200, {@code valid} only for
 * {@link Code#VALID}; {@code license} is null unless the key is one the engine issued.
 */
public record Validation(boolean valid, Code code, Info license) {

    /** Stable reasons a license client may switch on. */
    public enum Code { VALID, NOT_FOUND, SUSPENDED, REVOKED, EXPIRED, MALFORMED }

    /** What a validating client learns about the license: no customer data. */
    public record Info(String id, String product, Long expiresAt, String status) {}

    static Validation of(Code code) {
        return new Validation(false, code, null);
    }
}
