package com.mintreu.engine.account;

import com.mintreu.engine.db.Ids;
import com.mintreu.engine.web.ApiException;
import java.time.Clock;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

/** Creating the first admin from the command line ({@code mintreu admin create}); the one public door into accounts. */
@Singleton
public final class AdminAccounts {

    /** What {@link #createOrPromote} did. */
    public enum Outcome {
        CREATED, PROMOTED
    }

    private final Jdbi jdbi;
    private final UserStore users;
    private final PasswordHasher hasher;
    private final Clock clock;

    @Inject
    AdminAccounts(Jdbi jdbi, UserStore users, PasswordHasher hasher, Clock clock) {
        this.jdbi = jdbi;
        this.users = users;
        this.hasher = hasher;
        this.clock = clock;
    }

    /**
     * Makes {@code email} an admin with a verified email: a new account with {@code password}, or an
     * existing one promoted (its password is then set to {@code password} too, since whoever runs
     * this command owns the server anyway and may have lost the old one).
     *
     * @throws IllegalArgumentException with a one-line reason for a bad email, name or weak password
     */
    public Outcome createOrPromote(String rawEmail, String rawName, String password) {
        return ensure(rawEmail, rawName, password, Set.of(Roles.ADMIN)).outcome();
    }

    /** The user {@link #ensure} made or found. */
    public record Ensured(String userId, Outcome outcome) {}

    /**
     * Makes sure {@code email} exists with a verified email, {@code password} and at least
     * {@code roles} (plus customer): what {@code admin create} and {@code demo} need.
     */
    public Ensured ensure(String rawEmail, String rawName, String password, Set<String> roles) {
        Checks checks = new Checks();
        String email = checks.email("email", rawEmail);
        String name = checks.line("name", rawName, 1, 80);
        checks.newPassword("password", password, email);
        try {
            checks.throwIfAny();
        } catch (ApiException e) {
            throw new IllegalArgumentException(String.join("; ", e.fields().stream().map(f -> f.field() + " " + f.message()).toList()));
        }
        String hash = hasher.hash(password);
        long now = clock.millis();
        return jdbi.inTransaction(h -> {
            var existing = users.byEmail(h, email);
            String id;
            Outcome outcome;
            if (existing.isPresent()) {
                id = existing.get().id();
                users.setPassword(h, id, hash, now);
                outcome = Outcome.PROMOTED;
            } else {
                id = Ids.next("usr");
                users.insert(h, new User(id, email, name, hash, now, now, Set.of()));
                users.grantRole(h, id, Roles.CUSTOMER, now);
                outcome = Outcome.CREATED;
            }
            users.markVerified(h, id, now);
            for (String role : roles) {
                users.grantRole(h, id, role, now);
            }
            return new Ensured(id, outcome);
        });
    }
}
