package com.mintreu.engine.catalog;

import static com.mintreu.engine.catalog.CatalogTest.product;
import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.plugin.CatalogTestPlugins;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The storefront answers catalog pages from each node's memory and stays correct: two engines on
 * one database, a seller's edit and a withdrawal made on one node show on the writing node at once
 * and on the other within the cache's check interval, on both databases. Also: showing a product
 * page to a visitor writes no session row, and its "Add to cart" form still works. A withdrawn
 * product leaves its page (404) and the home page, search, its category and the API list.
 */
class CatalogCacheTest {

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    private static String yaml() throws Exception {
        Path plugins = CatalogTestPlugins.writeTo(Files.createTempDirectory("catalog-plugins-"));
        return "engine: {pluginsDir: '" + plugins + "'}\n";
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void editAndWithdrawShowOnEveryNode(String kind) throws Exception {
        String yaml = yaml();
        try (TestEngine a = TestEngine.boot(kind, yaml); TestEngine b = TestEngine.secondNode(a, yaml)) {
            TestClient seller = TestUsers.signIn(a, "seller").client();
            TestClient admin = TestUsers.signIn(a, "admin").client();
            String id = CatalogTest.publish(a, seller, admin, product("Cached Book", "first *words*", "ebooks"), 700);
            String page = "/products/cached-book";
            // every storefront read that lists it: home, search, category, the API list
            List<String> lists = List.of("/", "/search?q=cached", "/categories/ebooks", "/api/v1/products?q=cached");
            // warm both nodes: the page and every list, a few times each
            for (TestEngine node : new TestEngine[] {a, b}) {
                for (int i = 0; i < 3; i++) {
                    assertThat(node.client().get(page).body()).contains("<em>words</em>");
                    for (String list : lists) {
                        assertThat(node.client().get(list).body()).as(list).contains(list.startsWith("/api") ? id : "Cached Book");
                    }
                }
            }

            assertThat(seller.post("/api/v1/seller/products/" + id + "/withdraw", null, "").status()).isEqualTo(200);
            assertThat(a.client().get(page).status()).as("gone at once on the writing node").isEqualTo(404);
            for (String list : lists) {
                assertThat(a.client().get(list).body()).as("gone at once from %s", list).doesNotContain("Cached Book").doesNotContain(id);
            }
            awaitOn(b, page, r -> r.status() == 404);
            for (String list : lists) {
                awaitOn(b, list, r -> r.status() == 200 && !r.body().contains("Cached Book") && !r.body().contains(id));
            }
            assertThat(seller.get(page).status()).as("the seller still previews the draft").isEqualTo(200);

            assertThat(seller.putJson("/api/v1/seller/products/" + id, product("Cached Book", "second *text*")).status()).isEqualTo(200);
            assertThat(seller.post("/api/v1/seller/products/" + id + "/submit", null, "").status()).isEqualTo(200);
            assertThat(admin.post("/api/v1/admin/products/" + id + "/approve", null, "").status()).isEqualTo(200);
            Response now = a.client().get(page);
            assertThat(now.body()).as("the edit at once on the writing node").contains("<em>text</em>").doesNotContain("<em>words</em>");
            awaitOn(b, page, r -> r.status() == 200 && r.body().contains("<em>text</em>") && !r.body().contains("<em>words</em>"));
            awaitOn(b, "/search?q=second", r -> r.body().contains("Cached Book"));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void visitorSeesProductPageWithoutASessionAndCanStillAddToCart(String kind) throws Exception {
        try (TestEngine e = TestEngine.boot(kind, yaml())) {
            TestClient seller = TestUsers.signIn(e, "seller").client();
            TestClient admin = TestUsers.signIn(e, "admin").client();
            CatalogTest.publish(e, seller, admin, product("Cart Book", "text"), 900);
            long before = sessions(e);
            TestClient visitor = e.client();
            for (int i = 0; i < 5; i++) {
                Response page = e.client().get("/products/cart-book");
                assertThat(page.status()).isEqualTo(200);
                assertThat(page.header("Set-Cookie")).as("a token cookie, not a session").doesNotContain("mintreu_session");
            }
            assertThat(visitor.get("/products/cart-book").html().select("form[action=/cart/items] input[name=_csrf]").attr("value")).isNotBlank();
            assertThat(sessions(e)).as("no session row per product view").isEqualTo(before);

            Response forged = e.client().postForm("/cart/items", Map.of("_csrf", "x".repeat(43), "planId", "pln_x"));
            assertThat(forged.status()).as("a token that is not the visitor's").isEqualTo(403);
            Response added = visitor.submitForm("/products/cart-book", "form[action=/cart/items]", Map.of());
            assertThat(added.status()).as(added.body()).isEqualTo(303);
            assertThat(visitor.get("/cart").body()).contains("Cart Book");
            assertThat(sessions(e)).as("the cart starts the session").isEqualTo(before + 1);
        }
    }

    private static long sessions(TestEngine e) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM sessions").mapTo(Long.class).one());
    }

    /** Another node learns of a write within the cache's check interval; allow a generous multiple of it. */
    private static void awaitOn(TestEngine node, String path, Predicate<Response> done) throws InterruptedException {
        long deadline = System.nanoTime() + 20 * CatalogCache.CHECK_EVERY_MS * 1_000_000;
        Response last = node.client().get(path);
        while (!done.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            last = node.client().get(path);
        }
        assertThat(done.test(last)).as("%s on the second node: %s %s", path, last.status(), last.body()).isTrue();
    }
}
