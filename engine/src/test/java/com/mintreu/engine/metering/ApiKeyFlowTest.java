package com.mintreu.engine.metering;

import static com.mintreu.engine.metering.ApiProducts.code;
import static com.mintreu.engine.metering.ApiProducts.newKey;
import static com.mintreu.engine.metering.ApiProducts.verify;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.entitlement.Purchases;
import com.mintreu.engine.license.OpenApiChecker;
import com.mintreu.engine.security.Tokens;
import com.mintreu.engine.testing.Race;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * API keys from purchase to verification, over HTTP on both databases: a key is made on the account
 * page and shown once, stored as a hash; the seller's server verifies it with its API token, scoped
 * to its own products; bad input is refused before anything is counted; replays count once; limits
 * hold under a race.
 */
class ApiKeyFlowTest {

    static final Map<String, TestEngine> ENGINES = new LinkedHashMap<>();

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    @BeforeAll
    static void boot() {
        for (String kind : TestDatabase.kinds()) {
            ENGINES.put(kind, ApiProducts.boot(kind));
        }
    }

    @AfterAll
    static void close() {
        ENGINES.values().forEach(TestEngine::close);
    }

    record Shop(TestEngine e, TestUsers.User seller, TestClient server, Purchases.Item item) {}

    static Shop shop(String kind, Map<String, String> attributes) {
        TestEngine e = ENGINES.get(kind);
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        return new Shop(e, seller, ApiProducts.withToken(e, seller), ApiProducts.publish(e, seller, attributes));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aPurchaseGivesKeysThatAreShownOnceStoredAsHashesAndVerify(String kind) throws Exception {
        Shop s = shop(kind, Map.of("monthlyQuota", "1000", "ratePerMinute", "100"));
        ApiProducts.Bought b = ApiProducts.buy(s.e(), s.item());
        TestClient customer = b.customer().client();

        Response order = customer.get("/account/orders/" + b.orderId());
        assertThat(order.html().select("a[href='/account/api-keys#purchase-" + b.entitlementId() + "']")).as(order.body()).hasSize(1);

        Response made = ApiProducts.createOnPage(customer, b.entitlementId(), "production");
        String key = ApiProducts.shownKey(made);
        assertThat(key).matches("mk_live_[0-9A-Za-z]{46}");
        assertThat(made.header("Cache-Control")).isEqualTo("no-store");
        Response later = customer.get("/account/api-keys");
        assertThat(later.body()).as("shown once").doesNotContain(key).contains(key.substring(0, 14)).contains("production");
        assertThat(later.html().select("section:has(#purchase-" + b.entitlementId() + ") .limits").text())
                .contains("1000 units a month, then calls are refused").contains("100 per minute");

        Map<String, Object> row = s.e().jdbi().withHandle(h -> h.createQuery("SELECT * FROM api_keys WHERE key_prefix = :p")
                .bind("p", key.substring(0, 14)).mapToMap().one());
        assertThat(row.get("key_hash")).isEqualTo(Tokens.sha256(key));
        assertThat(row.values()).as("the key itself is not stored").noneMatch(v -> v != null && v.toString().contains(key.substring(14)));
        assertThat(count(s.e(), "SELECT COUNT(*) FROM audit_log WHERE action = 'api_key.create' AND subject_id = ?", row.get("id"))).isEqualTo(1);

        Response ok = verify(s.server(), key, 3, "req-1");
        assertThat(code(ok)).isEqualTo("VALID");
        JsonNode answer = ok.json();
        assertThat(answer.get("valid").asBoolean()).isTrue();
        assertThat(answer.get("limit").asLong()).as("the limit closest to refusing").isEqualTo(100);
        assertThat(answer.get("remaining").asLong()).isEqualTo(97);
        Instant now = Instant.ofEpochMilli(s.e().clock().millis());
        assertThat(Instant.parse(answer.get("reset").asText())).isAfter(now).isBeforeOrEqualTo(now.plusSeconds(60));
        assertThat(code(verify(s.server(), key, null, null))).as("cost defaults to 1").isEqualTo("VALID");

        // the answers are the documented shape, field for field
        OpenApiChecker api = new OpenApiChecker(s.e().client().get("/api/v1/openapi.json").json(), true);
        JsonNode schema = api.responseSchema("/api/v1/keys/verify", "post", 200, "application/json");
        assertThat(api.check(schema, answer)).isEmpty();
        assertThat(api.check(schema, verify(s.server(), ApiKeyFormat.generate(), 1, null).json())).isEmpty();
        JsonNode problem = api.responseSchema("/api/v1/keys/verify", "post", 422, "application/problem+json");
        assertThat(api.check(problem, verify(s.server(), "mk_live_nope", 1, null).json())).isEmpty();
        assertThat(verify(s.server(), key, 0, null).json().get("remaining").asLong()).isEqualTo(96);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void verifyAnswersOnlyTheKeysSellerAndRefusesBadInputBeforeCountingAnything(String kind) throws Exception {
        Shop s = shop(kind, Map.of("monthlyQuota", "50"));
        ApiProducts.Bought b = ApiProducts.buy(s.e(), s.item());
        String key = newKey(b.customer().client(), b.entitlementId(), "mine");
        assertThat(verify(s.server(), key, 5, null).json().get("remaining").asLong()).isEqualTo(45);

        TestUsers.User other = TestUsers.signIn(s.e(), "seller");
        Response foreign = verify(ApiProducts.withToken(s.e(), other), key, 1, null);
        Response unknown = verify(s.server(), ApiKeyFormat.generate(), 1, null);
        assertThat(foreign.body()).as("another seller's key reads exactly like an unknown one").isEqualTo(unknown.body())
                .isEqualTo("{\"valid\":false,\"code\":\"NOT_FOUND\",\"remaining\":null,\"limit\":null,\"reset\":null}");
        assertThat(verify(b.customer().client(), key, 1, null).status()).as("a customer is no seller").isEqualTo(403);
        assertThat(verify(s.e().client(), key, 1, null).status()).isEqualTo(401);

        char c = key.charAt(20);
        String typo = key.substring(0, 20) + (c == 'a' ? 'b' : 'a') + key.substring(21);
        Response malformed = verify(s.server(), typo, 1, null);
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.json().get("code").asText()).isEqualTo("KEY_MALFORMED");
        for (Object cost : List.of(-1, 1.5, "2", 2_000_000_000L, true)) {
            Response bad = verify(s.server(), key, cost, null);
            assertThat(bad.status()).as("cost %s", cost).isEqualTo(422);
            assertThat(bad.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
            assertThat(bad.body()).contains("\"cost\"");
        }
        for (Object eventId : List.of("", "has space", "x".repeat(129), 42, "ünïcode")) {
            Response bad = verify(s.server(), key, 1, eventId);
            assertThat(bad.status()).as("eventId %s", eventId).isEqualTo(422);
            assertThat(bad.body()).contains("\"eventId\"");
        }
        assertThat(verify(s.server(), 123, 1, null).status()).isEqualTo(422);
        assertThat(s.server().postJson("/api/v1/keys/verify", Map.of("key", key, "costs", 1)).status()).as("unknown field").isEqualTo(400);
        assertThat(s.server().post("/api/v1/keys/verify", "application/json", "[1]").status()).isEqualTo(422);
        assertThat(s.server().post("/api/v1/keys/verify", "application/json", "{nope").status()).isEqualTo(400);
        assertThat(verify(s.server(), key, 0, null).json().get("remaining").asLong()).as("nothing was counted").isEqualTo(45);

        Response over = verify(s.server(), key, 46, null);
        assertThat(code(over)).isEqualTo("QUOTA_EXCEEDED");
        assertThat(over.json().get("valid").asBoolean()).isFalse();
        assertThat(over.json().get("remaining").asLong()).isEqualTo(45);
        assertThat(code(verify(s.server(), key, 45, null))).isEqualTo("VALID");
        assertThat(code(verify(s.server(), key, 1, null))).isEqualTo("QUOTA_EXCEEDED");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aReplayedEventIdConsumesOnceEvenWhenRacing(String kind) throws Exception {
        Shop s = shop(kind, Map.of("monthlyQuota", "1000"));
        ApiProducts.Bought b = ApiProducts.buy(s.e(), s.item());
        String key = newKey(b.customer().client(), b.entitlementId(), "k");
        List<Response> answers = Race.of(12, i -> verify(s.server(), key, 10, "evt:same-call"));
        assertThat(answers).allSatisfy(r -> assertThat(code(r)).isEqualTo("VALID"));
        assertThat(answers).allSatisfy(r -> assertThat(r.json().get("remaining").asLong()).isEqualTo(990));
        assertThat(verify(s.server(), key, 0, null).json().get("remaining").asLong()).isEqualTo(990);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void racingCallsAreAdmittedExactlyUpToTheRateLimit(String kind) throws Exception {
        Shop s = shop(kind, Map.of("ratePerMinute", "10"));
        ApiProducts.Bought b = ApiProducts.buy(s.e(), s.item());
        // two keys of one purchase share its limit
        String one = newKey(b.customer().client(), b.entitlementId(), "one");
        String two = newKey(b.customer().client(), b.entitlementId(), "two");
        List<Response> answers = Race.of(30, i -> verify(s.server(), i % 2 == 0 ? one : two, 1, "evt-" + i));
        assertThat(answers.stream().filter(r -> code(r).equals("VALID")).count()).isEqualTo(10);
        assertThat(answers.stream().filter(r -> code(r).equals("RATE_LIMITED")).count()).isEqualTo(20);
        Response limited = answers.stream().filter(r -> code(r).equals("RATE_LIMITED")).findFirst().orElseThrow();
        assertThat(limited.json().get("limit").asLong()).isEqualTo(10);
        assertThat(limited.json().get("remaining").asLong()).isZero();
        s.e().clock().advance(java.time.Duration.ofMinutes(1));
        assertThat(code(verify(s.server(), one, 1, null))).as("the next minute").isEqualTo("VALID");
    }


    static long count(TestEngine e, String sql, Object value) {
        return e.jdbi().withHandle(h -> h.createQuery(sql).bind(0, value).mapTo(Long.class).one());
    }
}
