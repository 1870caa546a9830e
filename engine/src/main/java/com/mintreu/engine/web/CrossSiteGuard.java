package com.mintreu.engine.web;

import java.util.Locale;
import java.util.Set;

/**
 * Keeps cookie-authenticated state changes under {@code /api/v1} out of cross-site reach. A page on
 * any site can make a browser send a "simple" request (a form or text body, or none) with the
 * shop's cookie; it cannot send {@code Content-Type: application/json} or a custom header without
 * a CORS preflight, which the engine never grants. So a POST, PUT, PATCH or DELETE that carries the
 * session cookie must be JSON or carry the session's CSRF token in {@value Csrf#HEADER} (multipart
 * and raw uploads do the latter). Requests with an {@code Authorization} header (API tokens) carry
 * no ambient credential and pass, and so does everything without the cookie (webhooks, the license
 * client API). Checked by the {@link Router} before any handler runs.
 */
final class CrossSiteGuard {

    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private CrossSiteGuard() {}

    static void check(Exchange x, WebContext web) {
        if (!x.path().startsWith("/api/") || !STATE_CHANGING.contains(x.method())
                || x.header("Authorization").isPresent()
                || x.raw().getRequestCookie(web.sessions().cookieName()) == null) {
            return;
        }
        String type = x.header("Content-Type").orElse("").split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (type.equals("application/json")) {
            return;
        }
        String token = x.header(Csrf.HEADER).orElse(null);
        if (token == null) {
            throw new ApiException(CommonError.CSRF_REQUIRED, "a request signed in by cookie must send its body as application/json, "
                    + "or the session's CSRF token in the " + Csrf.HEADER + " header");
        }
        web.csrf().verify(x.existingSession().orElseThrow(() -> new ApiException(CommonError.CSRF_REQUIRED,
                "the " + Csrf.HEADER + " header does not belong to a live session")), token, CommonError.CSRF_REQUIRED);
    }
}
