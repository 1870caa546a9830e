package com.mintreu.engine.web.session;

import com.mintreu.engine.config.SecurityConfig;
import com.mintreu.engine.security.Tokens;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Browser sessions kept in the database, so any engine node can serve any request. The cookie
 * holds 256 random bits; the table holds their SHA-256. Idle sessions expire; use slides the
 * expiry forward at most once a minute to keep reads cheap.
 *
 * <p>Anonymous sessions (a visitor's cart) and cookies naming no session are remembered by this node
 * for {@link #REMEMBER_MS}: measured on the product page, looking one up in the database on every
 * view cut the page from 6,247 to 2,113 req/s (SQLite). Such a row never changes but for its
 * expiry, and it grants nothing, so another node's sign-out rotation or purge showing here up to
 * that long later only keeps a cart's old id readable for a moment. Signed-in sessions are always
 * read from the database, so signing out (everywhere) takes effect at once on every node.
 */
@Singleton
public final class Sessions {

    private static final long TOUCH_EVERY_MS = 60_000;
    static final long REMEMBER_MS = 30_000;
    /** Beyond this many remembered cookies the map starts over: made-up cookie values are unbounded, memory is not. */
    static final int REMEMBER_MAX = 10_000;

    /** What this node knows of a cookie's hash: its anonymous session, or (null) that there is none. */
    private record Known(Session session, long until) {}

    private final ConcurrentHashMap<String, Known> anonymous = new ConcurrentHashMap<>();

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
        String idHash = Tokens.sha256(cookieValue);
        long tick = System.nanoTime();
        Known known = anonymous.get(idHash);
        if (known != null && tick - known.until < 0 && (known.session == null || known.session.expiresAt() > now)) {
            return Optional.ofNullable(known.session);
        }
        Optional<Session> found = store.find(idHash, now);
        found.ifPresent(s -> {
            if (s.expiresAt() - idleMillis + TOUCH_EVERY_MS < now) {
                store.touch(s.idHash(), now, now + idleMillis);
            }
        });
        if (found.map(s -> !s.signedIn()).orElse(true)) {
            if (anonymous.size() >= REMEMBER_MAX) {
                anonymous.clear();
            }
            anonymous.put(idHash, new Known(found.orElse(null), tick + REMEMBER_MS * 1_000_000));
        } else {
            anonymous.remove(idHash);
        }
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
        anonymous.remove(session.idHash());
        store.delete(session.idHash());
    }

    /** Signs the user out everywhere except {@code keep} (null: everywhere), e.g. after a password change. */
    public int destroyAllFor(String userId, Session keep) {
        // only signed-in sessions are deleted here, and those are never remembered
        return store.deleteForUser(userId, keep == null ? null : keep.idHash());
    }

    public int purgeExpired() {
        return store.deleteExpired(clock.millis());
    }
}
