package com.mintreu.engine.web;

import com.mintreu.engine.web.session.Session;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Synchronizer-token CSRF protection: every form carries the session's random token in a hidden
 * field and a POST is accepted only when it matches. SameSite=Lax cookies are the second line.
 */
@Singleton
public final class Csrf {

    /** The hidden form field's name. */
    public static final String FIELD = "_csrf";

    /** The request header that carries the token on API requests signed in by cookie (see {@link CrossSiteGuard}). */
    public static final String HEADER = "X-CSRF-Token";

    @Inject
    Csrf() {}

    void verify(Session session, String submitted) {
        verify(session, submitted, CommonError.CSRF_INVALID);
    }

    void verify(Session session, String submitted, ErrorCode error) {
        if (submitted == null || submitted.isEmpty()
                || !MessageDigest.isEqual(session.csrfToken().getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(error, error == CommonError.CSRF_INVALID ? "the form's security token is missing or wrong; reload the page and try again"
                    : "the " + HEADER + " header does not match the session's CSRF token");
        }
    }
}
