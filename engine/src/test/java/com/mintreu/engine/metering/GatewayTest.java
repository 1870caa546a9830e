package com.mintreu.engine.metering;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.api.product.ProductType;
import com.mintreu.engine.entitlement.Purchases;
import com.mintreu.engine.plugin.ApiTestPlugins;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.web.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gateway {@code /gw/{product}/...} over HTTP on both databases, in front of a fake upstream on
 * loopback: the key is checked and metered, removed, and the upstream secret added; status, headers
 * and bodies pass (20 MB each way, streamed); limits answer 429 with Retry-After and the rate
 * headers, exactly under a race; bad, revoked and other products' keys never reach the upstream; a dead or slow upstream
 * is a 502 or 504; a private upstream is refused unless allowed.
 */
class GatewayTest {

    static final String CONFIG = "outbox: {pollInterval: 1h}\napiKeys: {gatewayAllowPrivateUpstreams: true, "
            + "gatewayReadTimeout: 2s, gatewayConnectTimeout: 1s}\n";
    static final int BIG = 20 * 1024 * 1024;
    static final Map<String, TestEngine> ENGINES = new LinkedHashMap<>();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static FakeUpstream upstream;

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    @BeforeAll
    static void boot() throws IOException {
        upstream = new FakeUpstream();
        for (String kind : TestDatabase.kinds()) {
            ENGINES.put(kind, TestEngine.boot(kind, CONFIG, true,
                    ApiTestPlugins::writeProductApiTo));
        }
    }

    @AfterAll
    static void close() {
        ENGINES.values().forEach(TestEngine::close);
        upstream.close();
    }

    /** A published API product with {@code attributes}, bought by a new customer, with one key. */
    record Sold(TestEngine e, Purchases.Item item, String slug, String key, ApiProducts.Bought bought) {}

    static Sold sold(TestEngine e, Map<String, String> attributes) throws Exception {
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        Purchases.Item item = ApiProducts.publish(e, seller, attributes);
        ApiProducts.Bought b = ApiProducts.buy(e, item);
        String slug = seller.client().get("/api/v1/seller/products/" + item.productId()).json().findValue("slug").asText();
        return new Sold(e, item, slug, ApiProducts.newKey(b.customer().client(), b.entitlementId(), "app"), b);
    }

    static HttpResponse<String> call(TestEngine e, String method, String path, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(e.base().resolve(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(r::header);
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(Sold s, String path) throws Exception {
        return call(s.e(), "GET", path, Map.of("Authorization", "Bearer " + s.key()), null);
    }

    static String code(HttpResponse<String> r) throws IOException {
        assertThat(r.headers().firstValue("Content-Type")).as(r.body()).hasValue("application/problem+json");
        return Json.MAPPER.readTree(r.body()).get("code").asText();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void passesTheCallWithTheSecretAddedAndTheKeyRemoved(String kind) throws Exception {
        TestEngine e = ENGINES.get(kind);
        Sold s = sold(e, Map.of("upstreamUrl", upstream.url("/api/v2"), "ratePerMinute", "100", "monthlyQuota", "1000"));
        String secret = e.engine().component().pluginHost().extension(ProductType.class, "api").orElseThrow()
                .upstreamSecret(s.item().productId()).orElseThrow();

        HttpResponse<String> r = call(e, "GET", "/gw/" + s.slug() + "/quotes/today%20x?lang=en&q=a%26b", Map.of("Authorization", "Bearer " + s.key(),
                "X-Custom", "kept", "Cookie", "mintreu_session=abc", "X-Mintreu-Upstream-Secret", "forged", "X-Forwarded-For", "6.6.6.6"), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode seen = Json.MAPPER.readTree(r.body());
        assertThat(seen.get("method").asText()).isEqualTo("GET");
        assertThat(seen.get("path").asText()).isEqualTo("/api/v2/quotes/today%20x");
        assertThat(seen.get("query").asText()).isEqualTo("lang=en&q=a%26b");
        JsonNode h = seen.get("headers");
        assertThat(h.get("x-custom").asText()).isEqualTo("kept");
        assertThat(h.get("x-mintreu-upstream-secret").asText()).as("the product's secret, not the client's").isEqualTo(secret);
        assertThat(h.get("x-mintreu-product").asText()).isEqualTo(s.item().productId());
        assertThat(h.has("authorization")).as("the client's key never reaches the upstream").isFalse();
        assertThat(h.has("cookie")).as("the shop's cookies neither").isFalse();
        assertThat(h.get("x-forwarded-for").asText()).isEqualTo("127.0.0.1");
        assertThat(h.get("x-forwarded-proto").asText()).isEqualTo("http");
        assertThat(h.get("x-forwarded-host").asText()).isEqualTo(e.base().getAuthority());
        assertThat(r.headers().firstValue("X-Upstream")).hasValue("fake");
        assertThat(r.headers().firstValue("Set-Cookie")).as("an upstream cannot set cookies on the shop's domain").isEmpty();
        assertThat(r.headers().firstValue("X-RateLimit-Limit")).hasValue("100");
        assertThat(r.headers().firstValue("X-RateLimit-Remaining")).hasValue("99");
        assertThat(Long.parseLong(r.headers().firstValue("X-RateLimit-Reset").orElseThrow()))
                .isEqualTo(e.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plusSeconds(60).getEpochSecond());

        HttpResponse<String> posted = call(e, "POST", "/gw/" + s.item().productId() + "/echo", Map.of("X-Api-Key", s.key(),
                "Content-Type", "text/plain"), "hello upstream");
        assertThat(posted.statusCode()).as("by id and X-Api-Key: " + posted.body()).isEqualTo(200);
        JsonNode echoed = Json.MAPPER.readTree(posted.body());
        assertThat(echoed.get("body").asText()).isEqualTo("hello upstream");
        assertThat(echoed.get("headers").has("x-api-key")).isFalse();
        assertThat(echoed.get("headers").get("content-type").asText()).isEqualTo("text/plain");

        Sold teapot = sold(e, Map.of("upstreamUrl", upstream.url("/teapot")));
        HttpResponse<String> t = get(teapot, "/gw/" + teapot.slug());
        assertThat(t.statusCode()).as("the upstream's status passes as is").isEqualTo(418);
        assertThat(t.body()).isEqualTo("short and stout");
        assertThat(t.headers().firstValue("X-RateLimit-Limit")).as("a plan without limits has no rate headers").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void streamsTwentyMegabytesEachWay(String kind) throws Exception {
        TestEngine e = ENGINES.get(kind);
        Sold up = sold(e, Map.of("upstreamUrl", upstream.url("/big/up")));
        HttpRequest upload = HttpRequest.newBuilder(e.base().resolve("/gw/" + up.slug())).header("Authorization", "Bearer " + up.key())
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> bigStream(BIG)), BIG)).build();
        HttpResponse<String> stored = HTTP.send(upload, HttpResponse.BodyHandlers.ofString());
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        JsonNode got = Json.MAPPER.readTree(stored.body());
        assertThat(got.get("bytes").asLong()).isEqualTo(BIG);
        assertThat(got.get("sha256").asText()).isEqualTo(sha256(bigStream(BIG)));

        Sold down = sold(e, Map.of("upstreamUrl", upstream.url("/big/down")));
        HttpResponse<InputStream> fetched = HTTP.send(HttpRequest.newBuilder(e.base().resolve("/gw/" + down.slug() + "?bytes=" + BIG))
                .header("Authorization", "Bearer " + down.key()).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.headers().firstValue("Content-Length")).as("passed on chunked, as the upstream sent it").isEmpty();
        assertThat(sha256(fetched.body())).isEqualTo(sha256(bigStream(BIG)));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void limitsAnswer429WithRetryAfterAndTheRateHeaders(String kind) throws Exception {
        TestEngine e = ENGINES.get(kind);
        Sold s = sold(e, Map.of("upstreamUrl", upstream.url("/api"), "ratePerMinute", "3"));
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> ok = get(s, "/gw/" + s.slug() + "/x");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("X-RateLimit-Remaining")).hasValue(String.valueOf(2 - i));
        }
        int before = upstream.calls.get();
        HttpResponse<String> refused = get(s, "/gw/" + s.slug() + "/x");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(code(refused)).isEqualTo("RATE_LIMITED");
        long resetAt = e.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plusSeconds(60).getEpochSecond();
        assertThat(refused.headers().firstValue("Retry-After")).hasValue(String.valueOf(resetAt - e.clock().instant().getEpochSecond()));
        assertThat(refused.headers().firstValue("X-RateLimit-Limit")).hasValue("3");
        assertThat(refused.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        assertThat(refused.headers().firstValue("X-RateLimit-Reset")).hasValue(String.valueOf(resetAt));
        assertThat(upstream.calls.get()).as("a refused call never reaches the upstream").isEqualTo(before);
        e.clock().advance(java.time.Duration.ofMinutes(1));
        assertThat(get(s, "/gw/" + s.slug() + "/x").statusCode()).as("the next minute").isEqualTo(200);

        Sold q = sold(e, Map.of("upstreamUrl", upstream.url("/api"), "monthlyQuota", "2"));
        assertThat(get(q, "/gw/" + q.slug()).statusCode()).isEqualTo(200);
        assertThat(get(q, "/gw/" + q.slug()).statusCode()).isEqualTo(200);
        HttpResponse<String> over = get(q, "/gw/" + q.slug());
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(code(over)).isEqualTo("QUOTA_EXCEEDED");
        assertThat(Long.parseLong(over.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        assertThat(over.headers().firstValue("X-RateLimit-Limit")).hasValue("2");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void racingCallsAdmitExactlyTheLimit(String kind) throws Exception {
        TestEngine e = ENGINES.get(kind);
        Sold s = sold(e, Map.of("upstreamUrl", upstream.url("/api"), "ratePerMinute", "10"));
        int before = upstream.calls.get();
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(30);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 30; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return get(s, "/gw/" + s.slug() + "/race").statusCode();
                }));
            }
            start.countDown();
            Map<Integer, Integer> byStatus = new java.util.TreeMap<>();
            for (var a : answers) {
                byStatus.merge(a.get(), 1, Integer::sum);
            }
            assertThat(byStatus).as(kind).isEqualTo(Map.of(200, 10, 429, 20));
            assertThat(upstream.calls.get() - before).as("only the admitted calls reached the upstream").isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void missingBadRevokedAndOtherProductsKeysNeverReachTheUpstream(String kind) throws Exception {
        TestEngine e = ENGINES.get(kind);
        Sold s = sold(e, Map.of("upstreamUrl", upstream.url("/api")));
        Sold other = sold(e, Map.of("upstreamUrl", upstream.url("/api")));
        String path = "/gw/" + s.slug() + "/x";
        int before = upstream.calls.get();

        HttpResponse<String> none = call(e, "GET", path, Map.of(), null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(code(none)).isEqualTo("KEY_MISSING");
        HttpResponse<String> typo = call(e, "GET", path, Map.of("X-Api-Key", s.key().substring(0, 20) + (s.key().charAt(20) == 'x' ? "y" : "x") + s.key().substring(21)), null);
        assertThat(typo.statusCode()).isEqualTo(401);
        assertThat(code(typo)).isEqualTo("KEY_INVALID");
        HttpResponse<String> unknown = call(e, "GET", path, Map.of("X-Api-Key", ApiKeyFormat.generate()), null);
        assertThat(code(unknown)).isEqualTo("KEY_INVALID");
        HttpResponse<String> foreign = call(e, "GET", path, Map.of("Authorization", "Bearer " + other.key()), null);
        assertThat(foreign.statusCode()).as("another product's key").isEqualTo(401);
        assertThat(foreign.body()).as("the same answer as an unknown key: no oracle").isEqualTo(unknown.body());
        assertThat(code(foreign)).isEqualTo("KEY_INVALID");
        HttpResponse<String> noProduct = call(e, "GET", "/gw/no-such-product/x", Map.of("X-Api-Key", s.key()), null);
        assertThat(noProduct.statusCode()).isEqualTo(404);
        assertThat(code(noProduct)).isEqualTo("PRODUCT_NOT_FOUND");
        HttpResponse<String> nul = call(e, "GET", "/gw/" + s.slug() + "/a%00b", Map.of("X-Api-Key", s.key()), null);
        assertThat(nul.statusCode()).as("the router's own refusals are JSON on /gw too").isEqualTo(400);
        assertThat(code(nul)).isEqualTo("INVALID_TEXT");

        TestClient customer = s.bought().customer().client();
        String keyId = ApiProducts.keyId(customer, s.key());
        assertThat(customer.submitForm("/account/api-keys", "#key-" + keyId + " form[action$=/revoke]", Map.of()).status()).isLessThan(400);
        HttpResponse<String> revoked = get(s, path);
        assertThat(revoked.statusCode()).isEqualTo(403);
        assertThat(code(revoked)).isEqualTo("KEY_REVOKED");
        assertThat(upstream.calls.get()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aDeadUpstreamIs502ASlowOne504AndTheKillSwitch503(String kind) throws Exception {
        TestEngine e = ENGINES.get(kind);
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Sold dead = sold(e, Map.of("upstreamUrl", "http://127.0.0.1:" + closedPort + "/v1"));
        HttpResponse<String> refused = get(dead, "/gw/" + dead.slug() + "/x");
        assertThat(refused.statusCode()).isEqualTo(502);
        assertThat(code(refused)).isEqualTo("UPSTREAM_UNREACHABLE");

        Sold slow = sold(e, Map.of("upstreamUrl", upstream.url("/slow")));
        long t0 = System.nanoTime();
        HttpResponse<String> late = get(slow, "/gw/" + slow.slug());
        assertThat(late.statusCode()).isEqualTo(504);
        assertThat(code(late)).isEqualTo("UPSTREAM_TIMEOUT");
        assertThat((System.nanoTime() - t0) / 1_000_000).as("gave up at the 2 s read timeout").isLessThan(4_500);

        Sold stall = sold(e, Map.of("upstreamUrl", upstream.url("/stall")));
        long t1 = System.nanoTime();
        HttpResponse<InputStream> stalled = HTTP.send(HttpRequest.newBuilder(e.base().resolve("/gw/" + stall.slug()))
                .header("Authorization", "Bearer " + stall.key()).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stalled.statusCode()).isEqualTo(200);
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        try (InputStream in = stalled.body()) {
            in.transferTo(got);
        } catch (IOException cut) {
            // the gateway cut the answer short: what a client sees of an upstream that stalled midway
        }
        assertThat(got.toString()).isEqualTo("first part;");
        assertThat((System.nanoTime() - t1) / 1_000_000).as("a body stalled for the 2 s read timeout is cut, not waited on for 6 s").isLessThan(5_000);

        Sold fine = sold(e, Map.of("upstreamUrl", upstream.url("/api")));
        TestClient admin = TestUsers.signIn(e, "admin").client();
        assertThat(admin.putJson("/api/v1/admin/switches/gateway", Map.of("engaged", true, "reason", "test")).status()).isEqualTo(200);
        try {
            HttpResponse<String> off = get(fine, "/gw/" + fine.slug());
            assertThat(off.statusCode()).isEqualTo(503);
            assertThat(code(off)).isEqualTo("GATEWAY_DISABLED");
        } finally {
            admin.putJson("/api/v1/admin/switches/gateway", Map.of("engaged", false, "reason", "back"));
        }
        assertThat(get(fine, "/gw/" + fine.slug()).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aPrivateUpstreamIsRefusedUnlessAllowed(String kind) throws Exception {
        try (TestEngine e = TestEngine.boot(kind, "outbox: {pollInterval: 1h}\n", true, ApiTestPlugins::writeProductApiTo)) {
            int before = upstream.calls.get();
            for (String url : List.of(upstream.url("/api"), "http://10.1.2.3/api", "http://[::1]:8080/", "http://169.254.169.254/latest")) {
                Sold s = sold(e, Map.of("upstreamUrl", url));
                HttpResponse<String> r = get(s, "/gw/" + s.slug());
                assertThat(r.statusCode()).as(url).isEqualTo(502);
                assertThat(code(r)).as(url).isEqualTo("UPSTREAM_FORBIDDEN");
            }
            assertThat(upstream.calls.get()).isEqualTo(before);
        }
    }

    static InputStream bigStream(int bytes) {
        int chunk = 64 * 1024;
        byte[] pattern = FakeUpstream.pattern(chunk);
        List<InputStream> parts = new java.util.ArrayList<>();
        for (int left = bytes; left > 0; left -= chunk) {
            parts.add(new java.io.ByteArrayInputStream(pattern, 0, Math.min(chunk, left)));
        }
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    static String sha256(InputStream in) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[64 * 1024];
        try (in) {
            for (int r; (r = in.read(buf)) > 0;) {
                sha.update(buf, 0, r);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
