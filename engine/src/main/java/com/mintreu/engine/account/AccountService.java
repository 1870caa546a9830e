package com.mintreu.engine.account;

import com.mintreu.engine.config.SecurityConfig;
import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.security.Tokens;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.session.Session;
import com.mintreu.engine.web.session.Sessions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

/**
 * The account rules: registration, sign-in, email verification, password reset and change.
 * Passwords are hashed before a transaction opens, so no write lock is held for Argon2's 19 MiB pass.
 */
@Singleton
final class AccountService {

    /** What the forgot-password answer says whether or not the email has an account. */
    static final String RESET_SENT = "If an account exists for that email, we sent a link to reset the password.";

    // Link tokens are 32 random bytes in base64url (43 characters); anything else is rejected unread.
    private static final Pattern LINK_TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final Jdbi jdbi;
    private final UserStore users;
    private final PasswordHasher hasher;
    private final Throttle throttle;
    private final MailOutbox mail;
    private final Sessions sessions;
    private final Clock clock;
    private final SecurityConfig security;
    private final ApiTokenStore tokens;
    private final AuditLog audit;

    @Inject
    AccountService(Jdbi jdbi, UserStore users, PasswordHasher hasher, Throttle throttle, MailOutbox mail, Sessions sessions,
            Clock clock, SecurityConfig security, ApiTokenStore tokens, AuditLog audit) {
        this.tokens = tokens;
        this.audit = audit;
        this.jdbi = jdbi;
        this.users = users;
        this.hasher = hasher;
        this.throttle = throttle;
        this.mail = mail;
        this.sessions = sessions;
        this.clock = clock;
        this.security = security;
    }

    /** Creates a customer account and queues the verification mail. */
    User register(String rawEmail, String password, String rawName) {
        Checks checks = new Checks();
        String email = checks.email("email", rawEmail);
        String name = checks.line("displayName", rawName, 1, 80);
        checks.newPassword("password", password, email);
        checks.throwIfAny();
        if (jdbi.withHandle(h -> users.byEmail(h, email)).isPresent()) {
            throw emailTaken();
        }
        String hash = hasher.hash(password);
        long now = clock.millis();
        User user = new User(Ids.next("usr"), email, name, hash, null, now, Set.of(Roles.CUSTOMER));
        String token = Tokens.random(32);
        try {
            jdbi.useTransaction(h -> {
                users.insert(h, user);
                users.grantRole(h, user.id(), Roles.CUSTOMER, now);
                users.insertToken(h, Tokens.sha256(token), user.id(), UserStore.VERIFY_EMAIL, now, now + security.tokenTtl().toMillis());
                mail.enqueue(h, email, "Confirm your email address", "Hello " + name + ",\n\nplease confirm your email address by opening this link:\n"
                        + mail.link("/verify-email?token=" + token) + "\n\nThe link works once and expires in "
                        + security.tokenTtl().toMinutes() + " minutes.", now);
            });
        } catch (RuntimeException e) {
            // Two registrations racing for one email: the UNIQUE constraint decides, the loser hears EMAIL_TAKEN.
            if (Sql.isUniqueViolation(e)) {
                throw emailTaken();
            }
            throw e;
        }
        return user;
    }

    /**
     * The user for a correct email and password. Unknown emails and wrong passwords take the same
     * time and give the same answer; failures count against the account's and the IP's limit.
     */
    User login(String rawEmail, String password, String ip) {
        Checks checks = new Checks();
        String email = checks.email("email", rawEmail);
        checks.anyPassword("password", password);
        checks.throwIfAny();
        Throttle.Permit permit = throttle.acquire(Throttle.Kind.LOGIN, email, ip);
        Optional<User> user = jdbi.withHandle(h -> users.byEmail(h, email));
        boolean ok = user.isPresent() ? hasher.verify(password, user.get().passwordHash()) : hasher.verifyDummy(password);
        boolean admin = user.isPresent() && user.get().roles().contains(Roles.ADMIN);
        if (!ok) {
            if (admin) {
                // someone guessing at an admin account is worth a row; the password never is
                audit.record(new AuditLog.Actor(null, "anonymous", ip), "admin.sign_in_failed", "user", user.get().id(), Map.of("email", email));
            }
            throw new ApiException(AccountError.INVALID_CREDENTIALS, "the email or password is wrong");
        }
        throttle.refund(permit);
        if (admin) {
            audit.record(new AuditLog.Actor(user.get().id(), Roles.ADMIN, ip), "admin.sign_in", "user", user.get().id(), Map.of("email", email));
        }
        return user.get();
    }

    Optional<User> user(String id) {
        return jdbi.withHandle(h -> users.byId(h, id));
    }

    /** Uses a verification link. */
    void verifyEmail(String token) {
        String hash = linkTokenHash(token);
        long now = clock.millis();
        jdbi.useTransaction(h -> {
            String userId = users.liveTokenUser(h, hash, UserStore.VERIFY_EMAIL, now).orElseThrow(AccountService::tokenInvalid);
            if (!users.useToken(h, hash, UserStore.VERIFY_EMAIL, now)) {
                throw tokenInvalid();
            }
            users.markVerified(h, userId, now);
        });
    }

    /** Queues a reset link when the email has an account; the caller always hears {@link #RESET_SENT}. */
    void forgotPassword(String rawEmail, String ip) {
        Checks checks = new Checks();
        String email = checks.email("email", rawEmail);
        checks.throwIfAny();
        // Counted for unknown emails too, so the limit itself does not tell which emails exist.
        throttle.acquire(Throttle.Kind.RESET, email, ip);
        long now = clock.millis();
        String token = Tokens.random(32);
        jdbi.useTransaction(h -> users.byEmail(h, email).ifPresent(user -> {
            users.insertToken(h, Tokens.sha256(token), user.id(), UserStore.RESET_PASSWORD, now, now + security.tokenTtl().toMillis());
            mail.enqueue(h, email, "Reset your password", "Hello " + user.displayName() + ",\n\nsomeone asked to reset the password of your account. "
                    + "If it was you, choose a new password here:\n" + mail.link("/reset-password?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))
                    + "\n\nThe link works once and expires in " + security.tokenTtl().toMinutes() + " minutes. If it was not you, ignore this mail.", now);
        }));
    }

    /**
     * Sets a new password with a reset link, signs the user out everywhere and revokes their API
     * tokens. The link also proves the mailbox, so the email counts as verified.
     */
    void resetPassword(String token, String password) {
        Checks checks = new Checks();
        if (token == null || token.isBlank()) {
            checks.add("token", "is required");
        }
        checks.anyPassword("password", password);
        checks.throwIfAny();
        String hash = linkTokenHash(token);
        long now = clock.millis();
        User user = jdbi.withHandle(h -> users.liveTokenUser(h, hash, UserStore.RESET_PASSWORD, now).flatMap(id -> users.byId(h, id)))
                .orElseThrow(AccountService::tokenInvalid);
        Checks strength = new Checks();
        strength.newPassword("password", password, user.email());
        strength.throwIfAny();
        String newHash = hasher.hash(password);
        long at = clock.millis();
        jdbi.useTransaction(h -> {
            if (!users.useToken(h, hash, UserStore.RESET_PASSWORD, at)) {
                throw tokenInvalid();
            }
            users.useAllTokens(h, user.id(), UserStore.RESET_PASSWORD, at);
            users.setPassword(h, user.id(), newHash, at);
            users.markVerified(h, user.id(), at);
            tokens.revokeAll(h, user.id(), at);
        });
        sessions.destroyAllFor(user.id(), null);
    }

    /**
     * Changes the password after checking the current one; every other session of the user ends and
     * every API token is revoked (account README: a password change is what an owner does when they
     * fear someone else got in, and a token minted by the intruder must die with the old password).
     */
    void changePassword(String userId, String current, String newPassword, Session keep, String ip) {
        User user = user(userId).orElseThrow(() -> ApiException.notFound("user"));
        Checks checks = new Checks();
        checks.anyPassword("currentPassword", current);
        checks.newPassword("newPassword", newPassword, user.email());
        checks.throwIfAny();
        // A stolen session must not be a free password oracle: wrong guesses count like failed logins.
        Throttle.Permit permit = throttle.acquire(Throttle.Kind.LOGIN, user.email(), ip);
        if (!hasher.verify(current, user.passwordHash())) {
            Checks wrong = new Checks();
            wrong.add("currentPassword", "is not your current password");
            wrong.throwIfAny();
        }
        throttle.refund(permit);
        String hash = hasher.hash(newPassword);
        long now = clock.millis();
        jdbi.useTransaction(h -> {
            users.setPassword(h, userId, hash, now);
            users.useAllTokens(h, userId, UserStore.RESET_PASSWORD, now);
            tokens.revokeAll(h, userId, now);
        });
        sessions.destroyAllFor(userId, keep);
    }

    private static String linkTokenHash(String token) {
        if (token == null || !LINK_TOKEN.matcher(token).matches()) {
            throw tokenInvalid();
        }
        return Tokens.sha256(token);
    }

    private static ApiException tokenInvalid() {
        return new ApiException(AccountError.TOKEN_INVALID, "the link is invalid, expired or already used; ask for a new one");
    }

    private static ApiException emailTaken() {
        return new ApiException(AccountError.EMAIL_TAKEN, "an account with this email already exists",
                java.util.List.of(new ApiException.FieldError("email", "is already registered")), null);
    }
}
