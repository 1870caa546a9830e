package com.mintreu.engine.metering;

import static com.mintreu.engine.metering.ApiProducts.code;
import static com.mintreu.engine.metering.ApiProducts.keyId;
import static com.mintreu.engine.metering.ApiProducts.newKey;
import static com.mintreu.engine.metering.ApiProducts.verify;
import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.entitlement.Purchases;
import com.mintreu.engine.hotpath.HotChanges;
import com.mintreu.engine.hotpath.RequestQueries;
import com.mintreu.engine.plugin.ApiTestPlugins;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Key verification answered from each node's memory (hotpath/README.md): a warm verify, its API
 * token included, runs no SQL on the request thread while the meter still counts exactly; a key
 * suspended, unsuspended or revoked, or the seller's token revoked, on one node shows on another
 * node on the same database within {@link HotChanges#STALE_AFTER_MS}; on SQLite and PostgreSQL.
 */
class KeySnapshotTest {

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aWarmVerifyRunsNoSqlAndStillCountsEveryCall(String kind) throws Exception {
        try (TestEngine e = ApiProducts.boot(kind)) {
            TestUsers.User seller = TestUsers.signIn(e, "seller");
            // a monthly hard quota, not a per-minute rate: a slow machine may cross a minute boundary mid-test
            Purchases.Item item = ApiProducts.publish(e, seller, Map.of("monthlyQuota", "25"));
            ApiProducts.Bought b = ApiProducts.buy(e, item);
            String key = newKey(b.customer().client(), b.entitlementId(), "prod");
            TestClient server = ApiProducts.withToken(e, seller);
            assertThat(code(verify(server, key, 1, null))).as("cold").isEqualTo("VALID");
            try (RequestQueries sql = RequestQueries.on(e)) {
                for (int i = 2; i <= 25; i++) {
                    Response r = verify(server, key, 1, "ev-" + i);
                    assertThat(code(r)).isEqualTo("VALID");
                    assertThat(r.json().get("remaining").asLong()).isEqualTo(25 - i);
                }
                assertThat(code(verify(server, key, 1, "ev-26"))).as("the limit still holds from memory").isEqualTo("QUOTA_EXCEEDED");
                assertThat(code(verify(server, key, 1, "ev-25"))).as("a replayed event id counts once").isEqualTo("VALID");
                assertThat(sql.statements()).as("SQL run by warm verifications").isEmpty();
            }
            assertThat(fromMemory(e, "answered")).as("warm verifications answered on the IO thread").isGreaterThanOrEqualTo(26);
            String otherKey = newKey(b.customer().client(), b.entitlementId(), "second");
            // unknown hashes are never remembered, so a key made now verifies at once (cost 0: the quota is spent)
            assertThat(code(verify(server, otherKey, 0, null))).as("a key made after the first one was remembered").isEqualTo("VALID");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aChangeOnOneNodeShowsOnTheOtherWithinTheBound(String kind) throws Exception {
        try (TestEngine a = ApiProducts.boot(kind);
                TestEngine bNode = TestEngine.secondNode(a, ApiProducts.CONFIG, true, ApiTestPlugins::writeProductApiTo)) {
            TestUsers.User seller = TestUsers.signIn(a, "seller");
            ApiProducts.Bought b = ApiProducts.buy(a, ApiProducts.publish(a, seller, Map.of()));
            TestClient customer = b.customer().client();
            String key = newKey(customer, b.entitlementId(), "prod");
            String id = keyId(customer, key);
            Response token = seller.client().postJson("/api/v1/tokens", Map.of("name", "server"));
            assertThat(token.status()).as(token.body()).isEqualTo(201);
            TestClient onA = a.client().bearer(token.json().get("token").asText());
            TestClient onB = bNode.client().bearer(token.json().get("token").asText());
            for (int i = 0; i < 3; i++) {
                assertThat(code(verify(onA, key, 1, null))).isEqualTo("VALID");
                assertThat(code(verify(onB, key, 1, null))).isEqualTo("VALID");
            }
            try (RequestQueries sql = RequestQueries.on(bNode)) {
                assertThat(code(verify(onB, key, 1, null))).isEqualTo("VALID");
                assertThat(sql.statements()).as("b answers from memory").isEmpty();
            }

            TestClient sellerPages = seller.client();
            assertThat(sellerPages.submitForm("/seller/api-keys", "#key-" + id + " form.suspend", Map.of("reason", "abuse")).status()).isEqualTo(303);
            assertThat(code(verify(onA, key, 1, null))).as("at once on the writing node").isEqualTo("SUSPENDED");
            awaitOn(() -> code(verify(onB, key, 1, null)), "SUSPENDED");

            assertThat(sellerPages.submitForm("/seller/api-keys", "#key-" + id + " form.unsuspend", Map.of()).status()).isEqualTo(303);
            assertThat(code(verify(onA, key, 1, null))).isEqualTo("VALID");
            awaitOn(() -> code(verify(onB, key, 1, null)), "VALID");

            assertThat(customer.submitForm("/account/api-keys", "#key-" + id + " form[action$=/revoke]", Map.of()).status()).isEqualTo(303);
            assertThat(code(verify(onA, key, 1, null))).isEqualTo("REVOKED");
            awaitOn(() -> code(verify(onB, key, 1, null)), "REVOKED");

            assertThat(seller.client().delete("/api/v1/tokens/" + token.json().get("id").asText()).status()).isEqualTo(204);
            assertThat(verify(onA, key, 1, null).status()).as("a revoked token at once on the writing node").isEqualTo(401);
            awaitOn(() -> String.valueOf(verify(onB, key, 1, null).status()), "401");
        }
    }

    /**
     * What memory cannot answer, a worker does, with the answer it always gave: a caller signed in by
     * session, a token or key not remembered yet, a malformed key, an unknown field, a body too large
     * for the IO thread; a remembered key of another seller is NOT_FOUND from memory too.
     */
    @ParameterizedTest
    @MethodSource("kinds")
    void whatMemoryCannotAnswerAWorkerAnswersTheSame(String kind) throws Exception {
        try (TestEngine e = ApiProducts.boot(kind)) {
            TestUsers.User seller = TestUsers.signIn(e, "seller");
            TestUsers.User other = TestUsers.signIn(e, "seller");
            ApiProducts.Bought b = ApiProducts.buy(e, ApiProducts.publish(e, seller, Map.of("monthlyQuota", "100")));
            String key = newKey(b.customer().client(), b.entitlementId(), "prod");
            TestClient server = ApiProducts.withToken(e, seller);
            TestClient otherServer = ApiProducts.withToken(e, other);

            double answered = fromMemory(e, "answered");
            double worker = fromMemory(e, "worker");
            assertThat(code(verify(server, key, 1, null))).as("cold: token and key loaded").isEqualTo("VALID");
            assertThat(fromMemory(e, "worker")).isEqualTo(worker + 1);
            Response warm = verify(server, key, 1, null);
            assertThat(code(warm)).isEqualTo("VALID");
            assertThat(warm.json().get("remaining").asLong()).as("counted once per call either way").isEqualTo(98);
            assertThat(fromMemory(e, "answered")).isEqualTo(answered + 1);

            assertThat(code(verify(seller.client(), key, 1, null))).as("signed in by session").isEqualTo("VALID");
            assertThat(code(verify(otherServer, key, 1, null))).as("another seller's key, token cold").isEqualTo("NOT_FOUND");
            assertThat(code(verify(otherServer, key, 1, null))).as("another seller's key, from memory").isEqualTo("NOT_FOUND");
            assertThat(fromMemory(e, "answered")).isEqualTo(answered + 2);

            Response malformed = verify(server, key.substring(0, key.length() - 1) + "x", 1, null);
            assertThat(malformed.status()).isEqualTo(422);
            assertThat(malformed.json().get("code").asText()).isEqualTo("KEY_MALFORMED");
            Response unknownField = server.post("/api/v1/keys/verify", "application/json", "{\"key\":\"" + key + "\",\"costs\":1}");
            assertThat(unknownField.status()).isEqualTo(400);
            assertThat(unknownField.json().get("code").asText()).isEqualTo("UNKNOWN_FIELD");
            Response large = server.post("/api/v1/keys/verify", "application/json",
                    "{\"key\":\"" + key + "\",\"eventId\":\"" + "e".repeat(20_000) + "\"}");
            assertThat(large.status()).isEqualTo(422);
            assertThat(large.json().get("errors").get(0).get("field").asText()).isEqualTo("eventId");
            Response noToken = e.client().bearer("mt_nonsense").postJson("/api/v1/keys/verify", Map.of("key", key));
            assertThat(noToken.status()).isEqualTo(401);

            Response after = verify(server, key, 0, null);
            assertThat(after.json().get("remaining").asLong()).as("only the VALID answers consumed").isEqualTo(97);
        }
    }

    /** {@code http.server.from.memory} of the verify route for {@code outcome}, from the engine's /metrics. */
    static double fromMemory(TestEngine e, String outcome) {
        for (String line : e.client().get("/metrics").body().split("\n")) {
            if (line.startsWith("http_server_from_memory_total{") && line.contains("outcome=\"" + outcome + "\"")
                    && line.contains("route=\"/api/v1/keys/verify\"")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    private static void awaitOn(Supplier<String> call, String expected) throws InterruptedException {
        long start = System.nanoTime();
        String last = call.get();
        while (!last.equals(expected) && System.nanoTime() - start < HotChanges.STALE_AFTER_MS * 1_000_000) {
            Thread.sleep(10);
            last = call.get();
        }
        assertThat(last).as("the second node after %d ms", (System.nanoTime() - start) / 1_000_000).isEqualTo(expected);
    }
}
