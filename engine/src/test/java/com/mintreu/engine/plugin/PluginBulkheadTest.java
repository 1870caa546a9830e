package com.mintreu.engine.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One plugin whose calls hang, over HTTP in a running engine: it cannot slow another plugin down,
 * and its own callers get a 504 problem with a stable code when the call timeout cuts them off.
 * No database work is involved, so it runs on SQLite only.
 */
class PluginBulkheadTest {

    /** A route that blocks like a read on a dead socket: deaf to interrupts, it outlives the engine's timeout. */
    static final String HANG = """
            package test.hang;

            import com.mintreu.api.PluginContext;
            import com.mintreu.api.web.WebResponse;

            @org.pf4j.Extension
            public class Hang implements com.mintreu.api.Extension {
                public String id() { return "hang"; }

                public void start(PluginContext ctx) {
                    long hangNanos = ctx.callTimeout().multipliedBy(2).toNanos();
                    ctx.web().route("GET", "wait", req -> {
                        long until = System.nanoTime() + hangNanos;
                        while (System.nanoTime() < until) {
                            try {
                                Thread.sleep(20);
                            } catch (InterruptedException ignored) {
                                // deaf on purpose
                            }
                        }
                        return WebResponse.text("too late");
                    });
                }
            }
            """;

    // more than the 16 call threads all plugins once shared, fewer than the HTTP server's 32 workers
    static final int HUNG_CALLS = 20;

    @TempDir
    Path dir;

    @Test
    void hungCallsIntoOnePluginLeaveTheOthersAnsweringAndEndIn504() throws Exception {
        Path plugins = dir.resolve("plugins");
        PluginHostTest.greeter().writeTo(plugins);
        TestPluginZip.plugin("hang").source("test.hang.Hang", HANG).writeTo(plugins);
        // the HTTP server's default 32 workers (tests use 16): the hung requests must not exhaust the server itself
        String yaml = "server: {workerThreads: 32}\nengine: {pluginsDir: '" + plugins + "', pluginCallTimeout: 5s}\n"
                + "plugins:\n  greeter: {config: {greeting: Hello}}\n";
        try (TestEngine engine = TestEngine.boot("sqlite", yaml)) {
            PluginDispatcher dispatcher = engine.engine().component().pluginHost().dispatcher();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            List<CompletableFuture<HttpResponse<String>>> hung = new ArrayList<>();
            for (int i = 0; i < HUNG_CALLS; i++) {
                hung.add(http.sendAsync(HttpRequest.newBuilder(engine.base().resolve("/plugins/hang/wait")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
            while (dispatcher.callsInProgress("hang") < HUNG_CALLS && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(dispatcher.callsInProgress("hang")).as("every hung call reached the plugin's share").isEqualTo(HUNG_CALLS);

            for (int i = 0; i < 5; i++) {
                Response hello = engine.client().get("/plugins/greeter/hello/Ada");
                assertThat(hello.status()).isEqualTo(200);
                assertThat(hello.body()).isEqualTo("Hello, Ada!");
            }
            assertThat(hung).as("the greeter answered while every hung call was still blocked").noneMatch(CompletableFuture::isDone);

            ObjectMapper json = new ObjectMapper();
            for (CompletableFuture<HttpResponse<String>> call : hung) {
                HttpResponse<String> response = call.get(30, TimeUnit.SECONDS);
                assertThat(response.statusCode()).isEqualTo(504);
                assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                JsonNode problem = json.readTree(response.body());
                assertThat(problem.path("code").asText()).isEqualTo("PLUGIN_TIMEOUT");
                assertThat(problem.path("detail").asText()).contains("hang");
            }
        }
    }
}
