package com.mintreu.engine.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mintreu.engine.demo.DemoShop;
import com.mintreu.engine.plugin.BundledTestPlugins;
import com.mintreu.engine.testing.EngineProcess;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine is killed (SIGKILL) after an order's paid transition committed but before its
 * fulfilment ran; after a restart the outbox finishes the fulfilment, exactly once.
 */
class CrashRecoveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void fulfilmentCompletesOnceAfterAKill(String kind) throws Exception {
        Path dir = Files.createTempDirectory("mintreu-crash-");
        TestDatabase db = TestDatabase.create(kind, dir);
        Path plugins = BundledTestPlugins.writeTo(dir.resolve("plugins"));
        int port = EngineProcess.freePort();
        // the first engine never delivers its outbox: it dies with the order paid and unfulfilled
        EngineProcess engine = EngineProcess.start(dir, port, "demo", """
                server: {host: 127.0.0.1, port: %d, publicUrl: 'http://127.0.0.1:%d', accessLog: false}
                database: {url: '%s'}
                engine: {dataDir: '%s', pluginsDir: '%s'}
                outbox: {pollInterval: 1h}
                """.formatted(port, port, db.jdbcUrl(), dir.resolve("data"), plugins));
        String orderId;
        try {
            HttpClient http = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
            URI base = engine.base();
            engine.awaitReady("/api/v1/products/starter-wallpapers");
            DemoShop.Login customer = DemoShop.LOGINS.get(2);
            post(http, base, "/api/v1/auth/login", Map.of("email", customer.email(), "password", customer.password()));
            JsonNode product = JSON.readTree(http.send(HttpRequest.newBuilder(base.resolve("/api/v1/products/starter-wallpapers")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            String planId = product.findValue("plans").get(0).get("id").asText();
            post(http, base, "/api/v1/cart/items", Map.of("planId", planId));
            JsonNode placed = JSON.readTree(post(http, base, "/api/v1/checkout", Map.of()));
            orderId = placed.get("orderId").asText();
            assertThat(placed.get("status").asText()).as("a free order is paid at checkout").isEqualTo("paid");
        } finally {
            engine.kill();
        }

        try (TestEngine restarted = TestEngine.bootOn(kind, db.jdbcUrl(), "engine: {pluginsDir: '" + plugins + "'}\noutbox: {pollInterval: 1h}\n")) {
            assertThat(count(restarted, "SELECT COUNT(*) FROM entitlements WHERE order_id = :o", orderId)).as("nothing granted before the restart").isZero();
            var dispatcher = restarted.engine().component().outboxDispatcher();
            for (int pass = 0; pass < 3; pass++) {
                dispatcher.deliverDue();
            }
            assertThat(count(restarted, "SELECT COUNT(*) FROM entitlements WHERE order_id = :o", orderId)).isEqualTo(1);
            assertThat(count(restarted, "SELECT COUNT(*) FROM orders WHERE id = :o AND status = 'fulfilled'", orderId)).isEqualTo(1);
            assertThat(count(restarted, "SELECT COUNT(*) FROM outbox WHERE topic = 'mail' AND payload LIKE '%' || :o || '%'", orderId))
                    .as("one receipt").isEqualTo(1);
        } finally {
            db.cleanup().run();
        }
    }

    private static int count(TestEngine e, String sql, String orderId) {
        return e.jdbi().withHandle(h -> h.createQuery(sql).bind("o", orderId).mapTo(Integer.class).one());
    }

    private static String post(HttpClient http, URI base, String path, Object body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isBetween(200, 299);
        return r.body();
    }
}
