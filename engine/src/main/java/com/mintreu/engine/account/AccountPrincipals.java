package com.mintreu.engine.account;

import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.PrincipalResolver;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

/** Loads the caller behind a session or an API token. */
@Singleton
final class AccountPrincipals implements PrincipalResolver {

    private final Jdbi jdbi;

    @Inject
    AccountPrincipals(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<Principal> byUserId(String userId) {
        return jdbi.withHandle(h -> {
            Set<String> roles = new HashSet<>(h.createQuery("SELECT role FROM user_roles WHERE user_id = :id")
                    .bind("id", userId).mapTo(String.class).list());
            return h.createQuery("SELECT id, email, display_name, email_verified_at FROM users WHERE id = :id")
                    .bind("id", userId)
                    .map((rs, ctx) -> new Principal(rs.getString(1), rs.getString(2), rs.getString(3), roles, rs.getObject(4) != null))
                    .findOne();
        });
    }

    @Override
    public Optional<Principal> byApiToken(String token) {
        return Optional.empty();
    }
}
