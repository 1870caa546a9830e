package com.mintreu.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.db.Ids;
import com.mintreu.engine.security.Tokens;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.nio.charset.StandardCharsets;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A page on another site can make the browser send a form, a text body or no body at all, with the
 * shop's cookie. Every state-changing route under /api/v1, taken from the router itself (bundled
 * plugins included), must refuse such a request before its handler runs.
 */
@WithConfig(bundledPlugins = true)
class CrossSiteApiTest {

    private static final String MULTIPART = "multipart/form-data; boundary=XyZ";
    private static final Map<String, String> CROSS_SITE_BODIES = Map.of(
            "application/x-www-form-urlencoded", "title=pwned&status=approved",
            "text/plain", "{\"title\":\"pwned\"}",
            MULTIPART, "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.zip\"\r\n\r\nPK\r\n--XyZ--\r\n",
            "", "");

    @EngineTest
    void noCookieStateChangeUnderTheApiAcceptsAFormTextOrEmptyBody(TestEngine engine) throws Exception {
        String cookie = sessionFor(engine, TestUsers.signIn(engine, "admin", "seller", "affiliate").id());
        TestClient crossSite = engine.client().withSession(cookie);
        List<Router.Route> routes = engine.engine().component().router().routes().stream()
                .filter(r -> r.path().startsWith("/api/v1/") && !r.method().equals("GET")).toList();
        assertThat(routes).as("state-changing API routes").hasSizeGreaterThan(40);
        Map<String, Long> before = rowCounts(engine);

        List<String> accepted = new ArrayList<>();
        for (Router.Route route : routes) {
            String path = route.path().replaceAll("\\{[^}]+}", "x1");
            for (Map.Entry<String, String> body : CROSS_SITE_BODIES.entrySet()) {
                Response r = crossSite.send(route.method(), path, body.getKey().isEmpty() ? null : body.getKey(),
                        body.getValue().getBytes(StandardCharsets.UTF_8), Map.of());
                boolean refused = r.status() == 403 && "application/problem+json".equals(r.header("Content-Type"))
                        && "CSRF_REQUIRED".equals(r.json().get("code").asText());
                if (!refused) {
                    accepted.add(route.method() + " " + path + " with '" + body.getKey() + "' -> " + r);
                }
            }
        }
        assertThat(accepted).as("routes that let a cross-site request through").isEmpty();
        assertThat(rowCounts(engine)).as("no table changed").isEqualTo(before);
        assertThat(crossSite.get("/api/v1/auth/me").status()).as("the session survived the walk (logout included)").isEqualTo(200);
    }

    @EngineTest
    void jsonOrTheSessionsTokenHeaderPassesAndAWrongTokenDoesNot(TestEngine engine) {
        String userId = TestUsers.signIn(engine).id();
        String cookie = sessionFor(engine, userId);
        TestClient browser = engine.client().withSession(cookie);
        String token = browser.get("/api/v1/auth/me").json().get("csrfToken").asText();

        Response wrong = browser.send("POST", "/api/v1/tokens", "text/plain", "{}".getBytes(), Map.of(Csrf.HEADER, "not-the-token"));
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.json().get("code").asText()).isEqualTo("CSRF_REQUIRED");

        // with the token the request reaches its handler, which insists on JSON for its own reasons
        Response text = browser.send("POST", "/api/v1/tokens", "text/plain", "{}".getBytes(), Map.of(Csrf.HEADER, token));
        assertThat(text.status()).isEqualTo(415);
        assertThat(browser.postJson("/api/v1/tokens", Map.of("name", "ci")).status()).isEqualTo(201);

        Response logout = browser.send("POST", "/api/v1/auth/logout", null, new byte[0], Map.of(Csrf.HEADER, token));
        assertThat(logout.status()).as(logout.toString()).isEqualTo(204);
    }

    @EngineTest
    void bearerTokensWebhooksAndLicenseClientsCarryNoCookieAndAreNotAffected(TestEngine engine) {
        TestClient owner = TestUsers.signIn(engine).client();
        String secret = owner.postJson("/api/v1/tokens", Map.of("name", "script")).json().get("token").asText();
        TestClient script = engine.client().bearer(secret);
        Response form = script.post("/api/v1/auth/logout", "application/x-www-form-urlencoded", "a=b");
        assertThat(form.json().get("code").asText()).isNotEqualTo("CSRF_REQUIRED");

        Response license = engine.client().postJson("/api/v1/licenses/validate", Map.of("key", "NOPE-NOPE"));
        assertThat(license.status()).isEqualTo(200);
    }

    /** A second session of the user whose cookie value the test knows (what a browser holds). */
    static String sessionFor(TestEngine engine, String userId) {
        String cookie = Tokens.random(32);
        long now = engine.clock().millis();
        engine.jdbi().useHandle(h -> h.createUpdate("""
                INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)
                VALUES (:hash, :id, :csrf, :now, :now, :expires)""")
                .bind("hash", Tokens.sha256(cookie)).bind("id", userId).bind("csrf", Ids.next("csrf"))
                .bind("now", now).bind("expires", now + 3_600_000).execute());
        return cookie;
    }

    private static Map<String, Long> rowCounts(TestEngine engine) throws java.sql.SQLException {
        return engine.jdbi().withHandle(h -> {
            DatabaseMetaData meta = h.getConnection().getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(null, h.getConnection().getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            Map<String, Long> counts = new TreeMap<>();
            for (String table : tables) {
                // written by the engine's own start-up and jobs while the test runs, not by requests
                boolean background = table.equals("job_leases") || table.equals("license_signing_keys");
                if (!table.startsWith("sqlite_") && !table.contains("schema_history") && !background) {
                    counts.put(table, h.createQuery("SELECT COUNT(*) FROM \"" + table + "\"").mapTo(Long.class).one());
                }
            }
            return counts;
        });
    }
}
