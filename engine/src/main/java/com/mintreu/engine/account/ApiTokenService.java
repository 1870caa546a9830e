package com.mintreu.engine.account;

import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.security.Tokens;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.CommonError;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Personal API tokens: created (shown once), listed, revoked, and resolved for {@code Authorization: Bearer}. */
@Singleton
final class ApiTokenService {

    static final int MAX_LIVE_TOKENS = 50;
    // Writing last_used_at on every request would make each API call a write; once a minute is enough to be useful.
    private static final long TOUCH_EVERY_MS = 60_000;

    private final ApiTokenStore store;
    private final Clock clock;

    @Inject
    ApiTokenService(ApiTokenStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    ApiToken.Created create(String userId, String rawName) {
        Checks checks = new Checks();
        String name = checks.line("name", rawName, 1, 80);
        checks.throwIfAny();
        // A soft cap against runaway scripts, not a security limit, so a racing extra token is acceptable.
        if (store.forUser(userId).stream().filter(t -> !t.revoked()).count() >= MAX_LIVE_TOKENS) {
            throw new ApiException(CommonError.CONFLICT, "you have " + MAX_LIVE_TOKENS + " live tokens; revoke one first");
        }
        String secret = ApiTokenFormat.generate();
        ApiToken token = new ApiToken(Ids.next("tok"), userId, name, ApiTokenFormat.displayPrefix(secret), clock.millis(), null, null);
        store.insert(token, Tokens.sha256(secret));
        return new ApiToken.Created(token, secret);
    }

    Page<ApiToken> list(String userId, PageRequest page) {
        return store.forUser(userId, page);
    }

    List<ApiToken> list(String userId) {
        return store.forUser(userId);
    }

    /** Revokes at once; another user's token id is "not found", never "forbidden", so ids cannot be probed. */
    void revoke(String userId, String tokenId) {
        if (tokenId == null || tokenId.length() > 64 || !store.revoke(tokenId, userId, clock.millis())) {
            throw ApiException.notFound("token");
        }
    }

    /** The owner's user id for a live token; malformed tokens (bad checksum) never reach the database. */
    Optional<String> ownerOf(String secret) {
        return live(secret).map(ApiToken::userId);
    }

    /** The live token behind a secret, its last use written (at most once a minute); empty when malformed, unknown or revoked. */
    Optional<ApiToken> live(String secret) {
        if (!ApiTokenFormat.isWellFormed(secret)) {
            return Optional.empty();
        }
        Optional<ApiToken> token = store.live(Tokens.sha256(secret));
        long now = clock.millis();
        token.filter(t -> t.lastUsedAt() == null || t.lastUsedAt() + TOUCH_EVERY_MS < now).ifPresent(t -> store.touch(t.id(), now));
        return token;
    }

    /** A per-node last-use mark for a token {@link #live} just read (and touched when it was due). */
    java.util.concurrent.atomic.AtomicLong touchedNow() {
        return new java.util.concurrent.atomic.AtomicLong(clock.millis());
    }

    /** Writes a token's last use when this node last wrote it over a minute ago ({@code touchedAt}, per node). */
    /** Whether {@link #touchThrottled} would write now. */
    boolean touchDue(java.util.concurrent.atomic.AtomicLong touchedAt) {
        return touchedAt.get() + TOUCH_EVERY_MS < clock.millis();
    }

    void touchThrottled(String tokenId, java.util.concurrent.atomic.AtomicLong touchedAt) {
        long now = clock.millis();
        long touched = touchedAt.get();
        if (touched + TOUCH_EVERY_MS < now && touchedAt.compareAndSet(touched, now)) {
            store.touch(tokenId, now);
        }
    }
}
