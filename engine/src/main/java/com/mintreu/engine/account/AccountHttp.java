package com.mintreu.engine.account;

import com.mintreu.engine.web.Timestamps;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.CommonError;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Json;
import com.mintreu.engine.web.Principal;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** HTTP helpers shared by the account routes: caller checks, bodies without fields, JSON shapes. */
final class AccountHttp {

    /** A request body with no fields: {@code {}} or nothing. */
    record Empty() {}

    private AccountHttp() {}

    /**
     * The signed-in caller, who must have come with a session cookie rather than an API token.
     * Creating tokens and changing the password are account takeover steps; a leaked token must not
     * be able to mint more tokens or lock the owner out.
     */
    static Principal requireSessionUser(Exchange x) {
        if (x.header("Authorization").isPresent()) {
            throw new ApiException(AccountError.SESSION_REQUIRED, "sign in with your password to do this; API tokens cannot");
        }
        return x.requireUser();
    }

    /**
     * Accepts an empty body or {@code {}} as JSON. A cross-site HTML form cannot send
     * application/json, so insisting on it (when a content type is given at all) also keeps
     * body-less state changes like logout and approve out of CSRF reach.
     */
    static void emptyBody(Exchange x) throws IOException {
        String type = x.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.isEmpty() && !type.startsWith("application/json")) {
            throw new ApiException(CommonError.UNSUPPORTED_MEDIA_TYPE, "send no body, or {} as application/json");
        }
        byte[] body = x.bodyBytes();
        if (body.length > 0) {
            if (type.isEmpty()) {
                throw new ApiException(CommonError.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json");
            }
            try {
                Json.MAPPER.readValue(body, Empty.class);
            } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
                throw new ApiException(CommonError.UNKNOWN_FIELD, "unknown field '" + e.getPropertyName() + "'",
                        java.util.List.of(new ApiException.FieldError(e.getPropertyName(), "is not a field of this request")), null);
            } catch (IOException e) {
                throw new ApiException(CommonError.MALFORMED_JSON, "the body is not a JSON object");
            }
        }
    }

    /** A required JSON field, or 422 naming it (a missing field reads as null in a record). */
    static <T> T required(String field, T value) {
        if (value == null) {
            throw Checks.required(field);
        }
        return value;
    }

    static Map<String, Object> user(User u) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", u.id());
        out.put("email", u.email());
        out.put("displayName", u.displayName());
        out.put("roles", new TreeSet<>(u.roles()));
        out.put("emailVerified", u.emailVerified());
        out.put("createdAt", instant(u.createdAt()));
        return out;
    }

    static Map<String, Object> token(ApiToken t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", t.id());
        out.put("name", t.name());
        out.put("prefix", t.prefix());
        out.put("createdAt", instant(t.createdAt()));
        out.put("lastUsedAt", instant(t.lastUsedAt()));
        out.put("revoked", t.revoked());
        out.put("revokedAt", instant(t.revokedAt()));
        return out;
    }

    static Map<String, Object> application(SellerApplication a, boolean withApplicant) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", a.id());
        out.put("businessName", a.businessName());
        out.put("description", a.description());
        out.put("status", a.status());
        out.put("reason", a.reason());
        out.put("createdAt", instant(a.createdAt()));
        out.put("decidedAt", instant(a.decidedAt()));
        if (withApplicant) {
            out.put("applicant", Map.of("id", a.userId(), "email", a.applicantEmail(), "displayName", a.applicantName()));
        }
        return out;
    }

    static String instant(Long millis) {
        return Timestamps.iso(millis);
    }

    /** {@code next} when it is a path on this site, else {@code fallback}: no open redirects. */
    static String localPath(String next, String fallback) {
        if (next == null || next.isEmpty() || next.length() > 2000 || !next.startsWith("/") || next.startsWith("//")
                || next.contains("\\") || next.chars().anyMatch(Character::isISOControl)) {
            return fallback;
        }
        return next;
    }
}
