package com.mintreu.engine.web.session;

import com.mintreu.engine.config.SecurityConfig;
import com.mintreu.engine.security.Tokens;
import java.time.Clock;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Browser sessions kept in the database, so any engine node can serve any request. The cookie
 * holds 256 random bits; the table holds their SHA-256. Idle sessions expire; use slides the
 * expiry forward at most once a minute to keep reads cheap.
 */
@Singleton
public final class Sessions {

    private static final long TOUCH_EVERY_MS = 60_000;

    private final SessionStore store;
    private final Clock clock;
    private final long idleMillis;

    @Inject
    Sessions(SessionStore store, Clock clock, SecurityConfig security) {
        this.store = store;
        this.clock = clock;
        this.idleMillis = security.sessionIdleTimeout().toMillis();
    }

    public String cookieName() {
        return "mintreu_session";
    }

    public int cookieMaxAgeSeconds() {
        return (int) (idleMillis / 1000);
    }

    public Optional<Session> find(String cookieValue) {
        if (cookieValue == null || cookieValue.length() < 20 || cookieValue.length() > 100) {
            return Optional.empty();
        }
        long now = clock.millis();
        Optional<Session> found = store.find(Tokens.sha256(cookieValue), now);
        found.ifPresent(s -> {
            if (s.expiresAt() - idleMillis + TOUCH_EVERY_MS < now) {
                store.touch(s.idHash(), now, now + idleMillis);
            }
        });
        return found;
    }

    public Session.Started create(String userId) {
        String cookie = Tokens.random(32);
        long now = clock.millis();
        Session session = new Session(Tokens.sha256(cookie), userId, Tokens.random(32), now + idleMillis);
        store.insert(session, now);
        return new Session.Started(session, cookie);
    }

    public void destroy(Session session) {
        store.delete(session.idHash());
    }

    /** Signs the user out everywhere except {@code keep} (null: everywhere), e.g. after a password change. */
    public int destroyAllFor(String userId, Session keep) {
        return store.deleteForUser(userId, keep == null ? null : keep.idHash());
    }

    public int purgeExpired() {
        return store.deleteExpired(clock.millis());
    }
}
