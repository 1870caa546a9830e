package com.mintreu.engine.testing;

import com.mintreu.engine.db.Ids;
import com.mintreu.engine.security.Tokens;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Users with roles for tests, signed in by a session row, until account registration is the way
 * in: {@code TestUsers.signIn(engine, "seller")} is a browser whose cookie jar holds the session,
 * and which sends the session's CSRF token header like the shop's own scripts would.
 */
public final class TestUsers {

    private TestUsers() {}

    /** A signed-in user. */
    public record User(String id, String displayName, TestClient client) {}

    public static User signIn(TestEngine engine, String... roles) {
        return signIn(engine.jdbi(), engine.clock().millis(), engine.base(), 1, roles).getFirst();
    }

    /**
     * {@code count} users signed in at once, written straight into {@code jdbi}'s database at time
     * {@code now} in one transaction, for the engine at {@code base}: one running in another
     * process, or many customers without a commit each.
     */
    public static List<User> signIn(Jdbi jdbi, long now, URI base, int count, String... roles) {
        return jdbi.inTransaction(h -> {
            List<User> users = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                users.add(insert(h, now, base, roles));
            }
            return users;
        });
    }

    private static User insert(Handle h, long now, URI base, String... roles) {
        String id = Ids.next("usr");
        String name = "User " + id.substring(id.length() - 6);
        String cookie = Tokens.random(32);
        String csrf = Tokens.random(32);
        h.createUpdate("""
                INSERT INTO users (id, email, display_name, password_hash, email_verified_at, password_changed_at, created_at)
                VALUES (:id, :email, :name, 'x', :now, :now, :now)""")
                .bind("id", id).bind("email", id + "@example.test").bind("name", name).bind("now", now).execute();
        for (String role : roles) {
            h.createUpdate("INSERT INTO user_roles (user_id, role, granted_at) VALUES (:id, :role, :now)")
                    .bind("id", id).bind("role", role).bind("now", now).execute();
        }
        h.createUpdate("""
                INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)
                VALUES (:hash, :id, :csrf, :now, :now, :expires)""")
                .bind("hash", Tokens.sha256(cookie)).bind("id", id).bind("csrf", csrf)
                .bind("now", now).bind("expires", now + 3_600_000).execute();
        return new User(id, name, new TestClient(base).withSession(cookie).csrfHeader(csrf));
    }
}
