package com.mintreu.engine.web;

import com.mintreu.engine.web.session.Session;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Synchronizer-token CSRF protection: every form carries a token in a hidden field and a POST is
 * accepted only when it matches. SameSite=Lax cookies are the second line.
 *
 * <p>The token is the session's. A visitor without a session gets a random token in an HttpOnly
 * {@value #VISITOR_COOKIE} cookie instead (double submit), so showing a page with a form, such as
 * a product page's "Add to cart", writes no session row: that insert was most of the product page's
 * cost (measured: 1,462 req/s and p99 473 ms with it on SQLite). The visitor token is accepted only
 * while the caller is not signed in; a signed-in session's forms need the session's own token.
 */
@Singleton
public final class Csrf {

    /** The hidden form field's name. */
    public static final String FIELD = "_csrf";

    /** The request header that carries the token on API requests signed in by cookie (see {@link CrossSiteGuard}). */
    public static final String HEADER = "X-CSRF-Token";

    /** The cookie holding the token of a visitor who has no session yet. */
    static final String VISITOR_COOKIE = "mintreu_csrf";

    @Inject
    Csrf() {}

    /** A well-formed visitor token from the cookie, if the request carries one. */
    static Optional<String> visitorToken(String cookieValue) {
        return cookieValue != null && cookieValue.length() >= 40 && cookieValue.length() <= 100
                && cookieValue.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_')
                ? Optional.of(cookieValue) : Optional.empty();
    }

    /** A form post: the session's token, or (not signed in) the visitor cookie's. */
    void verifyForm(Optional<Session> session, Optional<String> visitorToken, String submitted) {
        boolean ok = session.map(s -> same(s.csrfToken(), submitted)).orElse(false)
                || session.map(s -> !s.signedIn()).orElse(true) && visitorToken.map(t -> same(t, submitted)).orElse(false);
        if (!ok) {
            throw new ApiException(CommonError.CSRF_INVALID, "the form's security token is missing or wrong; reload the page and try again");
        }
    }

    void verify(Session session, String submitted, ErrorCode error) {
        if (!same(session.csrfToken(), submitted)) {
            throw new ApiException(error, "the " + HEADER + " header does not match the session's CSRF token");
        }
    }

    private static boolean same(String expected, String submitted) {
        return submitted != null && !submitted.isEmpty()
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8));
    }
}
