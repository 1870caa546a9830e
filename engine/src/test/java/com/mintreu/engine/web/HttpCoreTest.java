package com.mintreu.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import java.util.Map;

class HttpCoreTest {

    @EngineTest
    void healthAndReadinessAnswer(TestEngine engine) {
        assertThat(engine.client().get("/healthz").json().get("status").asText()).isEqualTo("ok");
        Response ready = engine.client().get("/readyz");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("status").asText()).isEqualTo("ready");
    }

    @EngineTest
    void metricsArePrometheusText(TestEngine engine) {
        engine.client().get("/healthz");
        Response metrics = engine.client().get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).startsWith("text/plain");
        assertThat(metrics.body()).contains("jvm_memory_used_bytes{area=\"heap\"").contains("http_server_requests_seconds_count");
    }

    @EngineTest
    void everyResponseCarriesSecurityHeaders(TestEngine engine) {
        for (String path : new String[] {"/", "/healthz", "/api/v1/missing", "/missing"}) {
            Response r = engine.client().get(path);
            assertThat(r.header("Content-Security-Policy")).as(path).contains("frame-ancestors 'none'").contains("script-src 'self'");
            assertThat(r.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(r.header("Referrer-Policy")).as(path).isEqualTo("strict-origin-when-cross-origin");
        }
    }

    @EngineTest
    void apiErrorsAreProblemJsonWithAStableCode(TestEngine engine) {
        Response missing = engine.client().get("/api/v1/no-such-thing");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(missing.json().get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(missing.json().get("status").asInt()).isEqualTo(404);

        Response wrongMethod = engine.client().post("/healthz", "application/json", "{}");
        assertThat(wrongMethod.status()).isEqualTo(405);
    }

    @EngineTest
    void browsersGetAThemedErrorPage(TestEngine engine) {
        Response page = engine.client().get("/no-such-page");
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.html().select("main h1").text()).isEqualTo("Not found");
        assertThat(page.header("Set-Cookie")).as("an error page starts no session").isNull();
    }

    @EngineTest
    void unexpectedErrorsGiveAnErrorIdAndNoInternals(TestEngine engine) {
        Router router = engine.engine().component().router();
        if (!routeExists(engine, "/api/v1/test-boom")) {
            router.get("/api/v1/test-boom", x -> {
                throw new IllegalStateException("SELECT secret FROM users -- internal detail");
            });
        }
        Response boom = engine.client().get("/api/v1/test-boom");
        assertThat(boom.status()).isEqualTo(500);
        assertThat(boom.json().get("code").asText()).isEqualTo("INTERNAL");
        assertThat(boom.json().get("detail").asText()).matches(".*err_[A-Za-z0-9_-]{12}.*");
        assertThat(boom.body()).doesNotContain("SELECT").doesNotContain("IllegalStateException").doesNotContain("at com.");
    }

    @EngineTest
    void oversizeBodiesAre413(TestEngine engine) {
        Router router = engine.engine().component().router();
        if (!routeExists(engine, "/api/v1/test-echo")) {
            router.post("/api/v1/test-echo", x -> x.json(200, Map.of("size", x.bodyBytes().length)));
        }
        String big = "x".repeat(1_048_577);
        Response tooBig = engine.client().post("/api/v1/test-echo", "application/octet-stream", big);
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.json().get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(engine.client().post("/api/v1/test-echo", "application/octet-stream", "small").json().get("size").asInt()).isEqualTo(5);
    }

    private static boolean routeExists(TestEngine engine, String path) {
        return engine.client().get(path).status() != 404;
    }
}
