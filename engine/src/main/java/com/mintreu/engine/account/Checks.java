package com.mintreu.engine.account;

import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.ApiException.FieldError;
import com.mintreu.engine.web.CommonError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Field checks for account input, collected so the caller hears about every bad field at once.
 * Strings are checked for control characters too: PostgreSQL refuses NUL in TEXT, and a 500 is
 * not an answer to bad input.
 */
final class Checks {

    static final int EMAIL_MAX = 254;
    static final int PASSWORD_MIN = 10;
    static final int PASSWORD_MAX = 128;

    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    // The very commonest choices that still pass the length rule; a full breach list belongs in a plugin.
    private static final Set<String> COMMON = Set.of("password123", "password12", "password1!", "passw0rd123", "1234567890",
            "12345678910", "0123456789", "9876543210", "1q2w3e4r5t", "qwertyuiop", "qwerty1234", "qwerty12345",
            "qwerty123456", "iloveyou12", "letmein123", "welcome123", "administrator", "abc1234567", "abcdefghij",
            "1234qwerty", "trustno1234", "football123", "baseball123", "sunshine123", "princess123", "changeme123",
            "mintreu123", "password1234", "aaaaaaaaaa1", "1111111111");

    private final Map<String, String> errors = new LinkedHashMap<>();
    private boolean onlyWeakPassword = true;

    /** Trimmed, lower-cased email, or null (with a field error). */
    String email(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return fail(field, "is required");
        }
        String email = raw.strip().toLowerCase(Locale.ROOT);
        if (email.length() > EMAIL_MAX) {
            return fail(field, "must be at most " + EMAIL_MAX + " characters");
        }
        if (!EMAIL.matcher(email).matches()) {
            return fail(field, "is not a valid email address");
        }
        return email;
    }

    /** Stripped single-line text of {@code min..max} characters. */
    String line(String field, String raw, int min, int max) {
        return text(field, raw, min, max, false);
    }

    /** Stripped text that may span lines. */
    String paragraph(String field, String raw, int min, int max) {
        return text(field, raw, min, max, true);
    }

    private String text(String field, String raw, int min, int max, boolean multiline) {
        String value = raw == null ? "" : raw.strip();
        if (value.isEmpty() && min > 0) {
            return fail(field, "is required");
        }
        if (value.codePointCount(0, value.length()) > max) {
            return fail(field, "must be at most " + max + " characters");
        }
        if (value.codePointCount(0, value.length()) < min) {
            return fail(field, "must be at least " + min + " characters");
        }
        boolean control = value.chars().anyMatch(c -> Character.isISOControl(c) && !(multiline && (c == '\n' || c == '\r' || c == '\t')));
        if (control) {
            return fail(field, "must not contain control characters");
        }
        return value;
    }

    /** A password as typed (not stripped), present and not absurdly long; used where strength does not matter. */
    String anyPassword(String field, String raw) {
        if (raw == null || raw.isEmpty()) {
            return fail(field, "is required");
        }
        if (raw.length() > PASSWORD_MAX) {
            return fail(field, "must be at most " + PASSWORD_MAX + " characters");
        }
        return raw;
    }

    /** A new password: the length limits plus the strength rules. {@code email} may be null. */
    String newPassword(String field, String raw, String email) {
        String pw = anyPassword(field, raw);
        if (pw == null) {
            return null;
        }
        String weakness = weakness(pw, email);
        if (weakness != null) {
            errors.put(field, weakness);
            return null;
        }
        return pw;
    }

    /** Why {@code pw} is too weak, or null when it is acceptable. */
    static String weakness(String pw, String email) {
        if (pw.codePointCount(0, pw.length()) < PASSWORD_MIN) {
            return "must be at least " + PASSWORD_MIN + " characters";
        }
        if (pw.codePoints().distinct().count() == 1) {
            return "must not repeat one character";
        }
        String lower = pw.toLowerCase(Locale.ROOT);
        if (email != null && (lower.equals(email) || lower.equals(email.substring(0, Math.max(0, email.indexOf('@')))))) {
            return "must not be your email address";
        }
        if (COMMON.contains(lower)) {
            return "is one of the most common passwords; choose another";
        }
        return null;
    }

    /** Adds an error for a field the caller checked itself. */
    void add(String field, String message) {
        fail(field, message);
    }

    boolean ok() {
        return errors.isEmpty();
    }

    /** Throws WEAK_PASSWORD when the only problem is a weak password, else VALIDATION_FAILED. */
    void throwIfAny() {
        if (errors.isEmpty()) {
            return;
        }
        List<FieldError> fields = new ArrayList<>();
        errors.forEach((f, m) -> fields.add(new FieldError(f, m)));
        if (onlyWeakPassword) {
            throw new ApiException(AccountError.WEAK_PASSWORD, fields.getFirst().field() + " " + fields.getFirst().message(), fields, null);
        }
        throw ApiException.invalid(fields);
    }

    private String fail(String field, String message) {
        errors.putIfAbsent(field, message);
        onlyWeakPassword = false;
        return null;
    }

    static ApiException required(String field) {
        return new ApiException(CommonError.VALIDATION_FAILED, field + ": is required", List.of(new FieldError(field, "is required")), null);
    }
}
