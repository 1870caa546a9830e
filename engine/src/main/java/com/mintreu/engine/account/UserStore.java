package com.mintreu.engine.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;

/** SQL for {@code users}, {@code user_roles} and the one-time {@code account_tokens}. Callers own the handle (and so the transaction). */
@Singleton
final class UserStore {

    static final String VERIFY_EMAIL = "verify_email";
    static final String RESET_PASSWORD = "reset_password";

    @Inject
    UserStore() {}

    Optional<User> byEmail(Handle h, String email) {
        return h.createQuery("SELECT id, email, display_name, password_hash, email_verified_at, created_at FROM users WHERE email = :email")
                .bind("email", email).map((rs, ctx) -> user(rs)).findOne().map(u -> withRoles(h, u));
    }

    Optional<User> byId(Handle h, String id) {
        return h.createQuery("SELECT id, email, display_name, password_hash, email_verified_at, created_at FROM users WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> user(rs)).findOne().map(u -> withRoles(h, u));
    }

    void insert(Handle h, User u) {
        h.createUpdate("""
                INSERT INTO users (id, email, display_name, password_hash, email_verified_at, password_changed_at, created_at)
                VALUES (:id, :email, :name, :hash, :verified, :now, :now)""")
                .bind("id", u.id()).bind("email", u.email()).bind("name", u.displayName()).bind("hash", u.passwordHash())
                .bind("verified", u.emailVerifiedAt()).bind("now", u.createdAt()).execute();
    }

    void grantRole(Handle h, String userId, String role, long now) {
        h.createUpdate("INSERT INTO user_roles (user_id, role, granted_at) VALUES (:user, :role, :now) ON CONFLICT (user_id, role) DO NOTHING")
                .bind("user", userId).bind("role", role).bind("now", now).execute();
    }

    void setPassword(Handle h, String userId, String hash, long now) {
        h.createUpdate("UPDATE users SET password_hash = :hash, password_changed_at = :now WHERE id = :id")
                .bind("hash", hash).bind("now", now).bind("id", userId).execute();
    }

    /** Marks the email verified unless it already was (the first verification time is kept). */
    void markVerified(Handle h, String userId, long now) {
        h.createUpdate("UPDATE users SET email_verified_at = :now WHERE id = :id AND email_verified_at IS NULL")
                .bind("now", now).bind("id", userId).execute();
    }

    void insertToken(Handle h, String tokenHash, String userId, String purpose, long now, long expiresAt) {
        h.createUpdate("""
                INSERT INTO account_tokens (token_hash, user_id, purpose, created_at, expires_at)
                VALUES (:hash, :user, :purpose, :now, :expires)""")
                .bind("hash", tokenHash).bind("user", userId).bind("purpose", purpose).bind("now", now).bind("expires", expiresAt).execute();
    }

    /** The user of a live (unused, unexpired) token, without using it. */
    Optional<String> liveTokenUser(Handle h, String tokenHash, String purpose, long now) {
        return h.createQuery("""
                SELECT user_id FROM account_tokens
                WHERE token_hash = :hash AND purpose = :purpose AND used_at IS NULL AND expires_at > :now""")
                .bind("hash", tokenHash).bind("purpose", purpose).bind("now", now).mapTo(String.class).findOne();
    }

    /** Uses a token; true only for the one caller whose conditional UPDATE changed the row. */
    boolean useToken(Handle h, String tokenHash, String purpose, long now) {
        return h.createUpdate("""
                UPDATE account_tokens SET used_at = :now
                WHERE token_hash = :hash AND purpose = :purpose AND used_at IS NULL AND expires_at > :now""")
                .bind("hash", tokenHash).bind("purpose", purpose).bind("now", now).execute() == 1;
    }

    /** Spends every other open token of this purpose, e.g. older reset links once a reset succeeded. */
    void useAllTokens(Handle h, String userId, String purpose, long now) {
        h.createUpdate("UPDATE account_tokens SET used_at = :now WHERE user_id = :user AND purpose = :purpose AND used_at IS NULL")
                .bind("now", now).bind("user", userId).bind("purpose", purpose).execute();
    }

    private static User withRoles(Handle h, User u) {
        return u.withRoles(new HashSet<>(h.createQuery("SELECT role FROM user_roles WHERE user_id = :id")
                .bind("id", u.id()).mapTo(String.class).list()));
    }

    private static User user(ResultSet rs) throws SQLException {
        long verified = rs.getLong(5);
        Long verifiedAt = rs.wasNull() ? null : verified;
        return new User(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), verifiedAt,
                rs.getLong(6), java.util.Set.of());
    }
}
