package com.mintreu.engine.catalog;

import static com.mintreu.engine.catalog.CatalogTest.product;
import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.plugin.CatalogTestPlugins;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import java.net.HttpCookie;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each node remembers anonymous sessions (a visitor's cart) for a while instead of reading them on
 * every page, and stays correct with two engines on one database: a cart started on one node shows
 * on the other, an expired one is gone, and a signed-in session, never remembered, is signed out on
 * every node at once, however often that node has just seen it.
 */
class VisitorSessionTest {

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    private static String yaml() throws Exception {
        Path plugins = CatalogTestPlugins.writeTo(Files.createTempDirectory("catalog-plugins-"));
        return "engine: {pluginsDir: '" + plugins + "'}\n";
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aVisitorsCartShowsOnEveryNodeAndExpires(String kind) throws Exception {
        String yaml = yaml();
        try (TestEngine a = TestEngine.boot(kind, yaml); TestEngine b = TestEngine.secondNode(a, yaml)) {
            TestClient seller = TestUsers.signIn(a, "seller").client();
            TestClient admin = TestUsers.signIn(a, "admin").client();
            CatalogTest.publish(a, seller, admin, product("Session Book", "text"), 900);
            TestClient visitor = a.client();
            assertThat(visitor.submitForm("/products/session-book", "form[action=/cart/items]", Map.of()).status()).isEqualTo(303);
            TestClient sameBrowserOnB = b.client().withSession(sessionCookie(visitor));
            for (int i = 0; i < 3; i++) {
                assertThat(visitor.get("/cart").body()).contains("Session Book");
                assertThat(sameBrowserOnB.get("/cart").body()).as("the cart on the other node").contains("Session Book");
            }
            // a remembered session still ends when it expires (both nodes share the clock's notion through the rows)
            a.clock().advance(Duration.ofDays(60));
            b.clock().advance(Duration.ofDays(60));
            assertThat(visitor.get("/cart").body()).doesNotContain("Session Book");
            assertThat(sameBrowserOnB.get("/cart").body()).doesNotContain("Session Book");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void signingOutEndsTheSessionOnEveryNodeAtOnce(String kind) throws Exception {
        String yaml = yaml();
        try (TestEngine a = TestEngine.boot(kind, yaml); TestEngine b = TestEngine.secondNode(a, yaml)) {
            TestClient user = TestUsers.signIn(a, "seller").client();
            TestClient sameBrowserOnB = b.client().withSession(sessionCookie(user));
            for (int i = 0; i < 5; i++) {
                assertThat(sameBrowserOnB.get("/api/v1/auth/me").status()).isEqualTo(200);
                assertThat(sameBrowserOnB.get("/products/nothing-here").status()).isEqualTo(404);
            }
            assertThat(user.post("/api/v1/auth/logout", null, "").status()).isBetween(200, 204);
            assertThat(sameBrowserOnB.get("/api/v1/auth/me").status()).as("signed out on the other node at once").isEqualTo(401);
            assertThat(sameBrowserOnB.get("/seller/products").status()).isNotEqualTo(200);
        }
    }

    private static String sessionCookie(TestClient client) {
        return client.cookies().stream().filter(c -> c.getName().equals("mintreu_session")).map(HttpCookie::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + client.cookies()));
    }
}
