package com.mintreu.engine.account;

import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.PrincipalResolver;
import com.mintreu.engine.hotpath.HotCache;
import com.mintreu.engine.hotpath.HotChanges;
import com.mintreu.engine.security.Tokens;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Loads the caller behind a session or an API token. */
@Singleton
final class AccountPrincipals implements PrincipalResolver {

    /** TTL of a remembered token's caller: the safety net behind the change feed. */
    static final Duration TOKEN_TTL = Duration.ofSeconds(30);
    static final int MAX_TOKENS = 10_000;

    /** A live token's caller as this node remembers it; {@code touchedAt} throttles last_used_at per node. */
    private record Caller(String hash, String tokenId, Principal principal, AtomicLong touchedAt) {}

    private final AccountService accounts;
    private final ApiTokenService tokens;
    private final HotCache<String, Caller> callers;

    @Inject
    AccountPrincipals(AccountService accounts, ApiTokenService tokens, HotChanges changes) {
        this.accounts = accounts;
        this.tokens = tokens;
        // a revoked token, a changed user or changed roles drop the entry on every node (hotpath/README.md)
        this.callers = new HotCache<>(changes, MAX_TOKENS, TOKEN_TTL,
                (c, changed) -> changed.has("token", c.hash()) || changed.has("user", c.principal().userId()));
    }

    @Override
    public Optional<Principal> byUserId(String userId) {
        return accounts.user(userId).map(AccountPrincipals::principal);
    }

    @Override
    public Optional<Principal> byApiToken(String token) {
        if (!ApiTokenFormat.isWellFormed(token)) {
            return Optional.empty();
        }
        String hash = Tokens.sha256(token);
        Caller known = callers.get(hash);
        if (known != null) {
            tokens.touchThrottled(known.tokenId(), known.touchedAt());
            return Optional.of(known.principal());
        }
        long epoch = callers.epoch();
        Optional<ApiToken> live = tokens.live(token);
        Optional<Principal> p = live.flatMap(t -> byUserId(t.userId()));
        if (p.isPresent()) {
            ApiToken t = live.get();
            callers.put(hash, new Caller(hash, t.id(), p.get(), tokens.touchedNow()),
                    epoch);
        }
        return p;
    }

    @Override
    public Optional<Principal> rememberedApiToken(String token) {
        if (!ApiTokenFormat.isWellFormed(token)) {
            return Optional.empty();
        }
        Caller known = callers.get(Tokens.sha256(token));
        // a due last_used_at is a write: byApiToken on a worker does it
        return known == null || tokens.touchDue(known.touchedAt()) ? Optional.empty() : Optional.of(known.principal());
    }

    static Principal principal(User u) {
        return new Principal(u.id(), u.email(), u.displayName(), u.roles(), u.emailVerified());
    }
}
