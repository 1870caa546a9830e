package com.mintreu.engine.account;

import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.CommonError;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Helpers for the account pages: which failures re-render the form, and how errors reach the template. */
final class Pages {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    // Failures the user fixes in the form itself; anything else (CSRF, throttling, 404) goes to the error page.
    private static final Set<String> FORM_ERRORS = Set.of(CommonError.VALIDATION_FAILED.code(), AccountError.WEAK_PASSWORD.code(),
            AccountError.EMAIL_TAKEN.code(), AccountError.INVALID_CREDENTIALS.code(), AccountError.TOKEN_INVALID.code(),
            AccountError.APPLICATION_OPEN.code(), AccountError.ALREADY_SELLER.code(), AccountError.APPLICATION_DECIDED.code());

    private Pages() {}

    /** True when the page should show {@code e} next to the fields instead of on the error page. */
    static boolean isFormError(ApiException e) {
        return FORM_ERRORS.contains(e.error().code());
    }

    /** Rethrows {@code e} unless the form should show it. */
    static ApiException formErrorOrThrow(ApiException e) {
        if (!isFormError(e)) {
            throw e;
        }
        return e;
    }

    /** field name → message; an error without fields goes under "form". */
    static Map<String, String> errors(ApiException e) {
        Map<String, String> out = new LinkedHashMap<>();
        e.fields().forEach(f -> out.putIfAbsent(f.field(), f.message()));
        if (out.isEmpty()) {
            out.put("form", e.error().title());
        }
        return out;
    }

    static String when(Long millis) {
        return millis == null ? "" : WHEN.format(Instant.ofEpochMilli(millis));
    }
}
