package com.mintreu.engine.account;

import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.PrincipalResolver;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Loads the caller behind a session or an API token. */
@Singleton
final class AccountPrincipals implements PrincipalResolver {

    private final AccountService accounts;
    private final ApiTokenService tokens;

    @Inject
    AccountPrincipals(AccountService accounts, ApiTokenService tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    @Override
    public Optional<Principal> byUserId(String userId) {
        return accounts.user(userId).map(AccountPrincipals::principal);
    }

    @Override
    public Optional<Principal> byApiToken(String token) {
        return tokens.ownerOf(token).flatMap(this::byUserId);
    }

    static Principal principal(User u) {
        return new Principal(u.id(), u.email(), u.displayName(), u.roles(), u.emailVerified());
    }
}
