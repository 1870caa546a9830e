package com.mintreu.engine.web.session;

/** A browser session: anonymous ({@code userId == null}) or signed in. */
public record Session(String idHash, String userId, String csrfToken, long expiresAt) {

    public boolean signedIn() {
        return userId != null;
    }

    /** A new session and the cookie value that names it (only its hash is stored). */
    public record Started(Session session, String cookieValue) {}
}
