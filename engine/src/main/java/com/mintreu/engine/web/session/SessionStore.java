package com.mintreu.engine.web.session;

import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

/** SQL for {@code sessions}. */
@Singleton
final class SessionStore {

    private final Jdbi jdbi;

    @Inject
    SessionStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    void insert(Session s, long now) {
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)
                VALUES (:id, :user, :csrf, :now, :now, :expires)""")
                .bind("id", s.idHash()).bind("user", s.userId()).bind("csrf", s.csrfToken())
                .bind("now", now).bind("expires", s.expiresAt()).execute());
    }

    Optional<Session> find(String idHash, long now) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT id_hash, user_id, csrf_token, expires_at FROM sessions
                WHERE id_hash = :id AND expires_at > :now""")
                .bind("id", idHash).bind("now", now)
                .map((rs, ctx) -> new Session(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
                .findOne());
    }

    void touch(String idHash, long now, long expiresAt) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE sessions SET last_seen_at = :now, expires_at = :expires WHERE id_hash = :id")
                .bind("id", idHash).bind("now", now).bind("expires", expiresAt).execute());
    }

    void delete(String idHash) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM sessions WHERE id_hash = :id").bind("id", idHash).execute());
    }

    int deleteForUser(String userId, String exceptIdHash) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM sessions WHERE user_id = :user AND id_hash <> :except")
                .bind("user", userId).bind("except", exceptIdHash == null ? "" : exceptIdHash).execute());
    }

    int deleteExpired(long now) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM sessions WHERE expires_at <= :now").bind("now", now).execute());
    }
}
