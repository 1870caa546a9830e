package com.mintreu.engine.account;

import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.web.Cursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

/** SQL for {@code api_tokens}. Lookups by owner always include the owner id, so one user never reaches another's rows. */
@Singleton
final class ApiTokenStore {

    private static final String COLUMNS = "id, user_id, name, prefix, created_at, last_used_at, revoked_at";

    private final Jdbi jdbi;

    @Inject
    ApiTokenStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    void insert(ApiToken t, String tokenHash) {
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO api_tokens (id, user_id, name, prefix, token_hash, created_at)
                VALUES (:id, :user, :name, :prefix, :hash, :now)""")
                .bind("id", t.id()).bind("user", t.userId()).bind("name", t.name()).bind("prefix", t.prefix())
                .bind("hash", tokenHash).bind("now", t.createdAt()).execute());
    }

    Page<ApiToken> forUser(String userId, PageRequest page) {
        List<ApiToken> rows = jdbi.withHandle(h -> page.bind(h.createQuery("SELECT " + COLUMNS + " FROM api_tokens WHERE user_id = :user AND "
                        + page.after("created_at", "id", true) + " ORDER BY created_at DESC, id DESC LIMIT :limit"))
                .bind("user", userId).map((rs, ctx) -> token(rs)).list());
        return Page.of(rows, page, t -> Cursor.of(t.createdAt(), t.id()));
    }

    List<ApiToken> forUser(String userId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM api_tokens WHERE user_id = :user ORDER BY created_at DESC, id DESC")
                .bind("user", userId).map((rs, ctx) -> token(rs)).list());
    }

    Optional<ApiToken> live(String tokenHash) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM api_tokens WHERE token_hash = :hash AND revoked_at IS NULL")
                .bind("hash", tokenHash).map((rs, ctx) -> token(rs)).findOne());
    }

    /** Revokes the owner's token; false when there is no such token of this owner. Revoking twice is not an error. */
    boolean revoke(String id, String userId, long now) {
        return jdbi.withHandle(h -> {
            h.createUpdate("UPDATE api_tokens SET revoked_at = :now WHERE id = :id AND user_id = :user AND revoked_at IS NULL")
                    .bind("now", now).bind("id", id).bind("user", userId).execute();
            return h.createQuery("SELECT COUNT(*) FROM api_tokens WHERE id = :id AND user_id = :user")
                    .bind("id", id).bind("user", userId).mapTo(Integer.class).one() == 1;
        });
    }

    /** Revokes every live token of the user, inside the caller's transaction (a password change). */
    void revokeAll(org.jdbi.v3.core.Handle h, String userId, long now) {
        h.createUpdate("UPDATE api_tokens SET revoked_at = :now WHERE user_id = :user AND revoked_at IS NULL")
                .bind("now", now).bind("user", userId).execute();
    }

    void touch(String id, long now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE api_tokens SET last_used_at = :now WHERE id = :id").bind("now", now).bind("id", id).execute());
    }

    private static ApiToken token(ResultSet rs) throws SQLException {
        long lastUsed = rs.getLong(6);
        Long lastUsedAt = rs.wasNull() ? null : lastUsed;
        long revoked = rs.getLong(7);
        Long revokedAt = rs.wasNull() ? null : revoked;
        return new ApiToken(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), lastUsedAt, revokedAt);
    }
}
