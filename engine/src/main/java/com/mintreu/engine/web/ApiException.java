package com.mintreu.engine.web;

import java.util.List;

/**
 * A failure the caller can act on. The one {@link ErrorMapper} turns it into problem+json for API
 * clients and a themed page for browsers; its message is shown to the caller, so it never holds
 * secrets, SQL or stack traces.
 */
public class ApiException extends RuntimeException {

    /** One bad field: the JSON/form field name, what is wrong with it and, where a list item can fail several ways, a stable code. */
    public record FieldError(String field, String message, String code) {

        /** A field error without a code of its own (the problem's code says it all). */
        public FieldError(String field, String message) {
            this(field, message, null);
        }
    }

    private final ErrorCode error;
    private final List<FieldError> fields;
    private final Long retryAfterSeconds;

    public ApiException(ErrorCode error, String detail) {
        this(error, detail, List.of(), null);
    }

    public ApiException(ErrorCode error, String detail, List<FieldError> fields, Long retryAfterSeconds) {
        super(detail, null, false, false);
        this.error = error;
        this.fields = List.copyOf(fields);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException invalid(List<FieldError> fields) {
        return new ApiException(CommonError.VALIDATION_FAILED, fields.size() == 1 ? fields.getFirst().field() + ": " + fields.getFirst().message()
                : fields.size() + " fields are not valid", fields, null);
    }

    public static ApiException notFound(String what) {
        return new ApiException(CommonError.NOT_FOUND, what + " not found");
    }

    public static ApiException rateLimited(long retryAfterSeconds) {
        return new ApiException(CommonError.RATE_LIMITED, "too many attempts; try again in " + retryAfterSeconds + " s", List.of(), retryAfterSeconds);
    }

    public ErrorCode error() {
        return error;
    }

    public List<FieldError> fields() {
        return fields;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
