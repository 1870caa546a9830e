package com.mintreu.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import java.util.Map;

/** What the engine shows to whom: /metrics per server.metrics, HSTS when the public URL is https. */
class OpsExposureTest {

    private static Response metrics(TestEngine engine, Map<String, String> headers) {
        return engine.client().send("GET", "/metrics", null, new byte[0], headers);
    }

    @EngineTest
    void metricsAreForThisMachineByDefault(TestEngine engine) {
        assertThat(metrics(engine, Map.of()).status()).isEqualTo(200);
        Response proxied = metrics(engine, Map.of("X-Forwarded-For", "203.0.113.5"));
        assertThat(proxied.status()).as("a local proxy that is not trusted passes the outside in").isEqualTo(403);
        assertThat(proxied.body()).contains("server.metrics");

        try (TestEngine behindProxy = TestEngine.boot(engine.kind(), "server: {trustedProxies: [127.0.0.1]}")) {
            assertThat(metrics(behindProxy, Map.of("X-Forwarded-For", "203.0.113.5")).status()).as("a client out there").isEqualTo(403);
            assertThat(metrics(behindProxy, Map.of("X-Forwarded-For", "127.0.0.1")).status()).as("a scraper on this machine").isEqualTo(200);
        }
    }

    @EngineTest
    void metricsCanAskForATokenOrBePublic(TestEngine engine) {
        try (TestEngine token = TestEngine.boot(engine.kind(), "server: {metrics: token, metricsToken: 0123456789abcdef-scrape}")) {
            assertThat(metrics(token, Map.of()).status()).isEqualTo(403);
            assertThat(metrics(token, Map.of("Authorization", "Bearer 0123456789abcdef-wrong")).status()).isEqualTo(403);
            Response ok = metrics(token, Map.of("Authorization", "Bearer 0123456789abcdef-scrape"));
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.body()).contains("jvm_memory_used_bytes");
        }
        try (TestEngine open = TestEngine.boot(engine.kind(), "server: {metrics: public}")) {
            assertThat(metrics(open, Map.of("X-Forwarded-For", "203.0.113.5")).status()).isEqualTo(200);
        }
    }

    @EngineTest
    void httpsPublicUrlsGetStrictTransportSecurity(TestEngine engine) {
        assertThat(engine.client().get("/healthz").header("Strict-Transport-Security")).as("plain http: none").isNull();
        try (TestEngine https = TestEngine.boot(engine.kind(), "server: {publicUrl: 'https://shop.example'}")) {
            for (String path : new String[] {"/healthz", "/api/v1/missing", "/missing"}) {
                assertThat(https.client().get(path).header("Strict-Transport-Security")).as(path).isEqualTo("max-age=31536000");
            }
        }
    }
}
