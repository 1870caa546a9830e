package com.mintreu.engine.metering;

import static com.mintreu.engine.metering.ApiProducts.newKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.license.OpenApiChecker;
import com.mintreu.engine.testing.Race;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code POST /api/v1/usage} over HTTP on both databases: a seller's server reports usage for keys
 * of its products; events are recorded once (replays and racing copies add nothing), rolled up per
 * minute and per month, and a batch with any bad event is refused whole with a code per problem.
 */
class UsageEventsTest {

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

    /** A seller's server, and two keys of one purchase of its API product. */
    record Shop(TestEngine e, TestUsers.User seller, TestClient server, TestClient customer, String entitlementId, String one, String two) {}

    static Shop shop(String kind) throws Exception {
        return shop(ENGINES.get(kind));
    }

    static Shop shop(TestEngine e) throws Exception {
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        ApiProducts.Bought b = ApiProducts.buy(e, ApiProducts.publish(e, seller, Map.of("monthlyQuota", "100000")));
        TestClient customer = b.customer().client();
        return new Shop(e, seller, ApiProducts.withToken(e, seller), customer, b.entitlementId(), newKey(customer, b.entitlementId(), "one"),
                newKey(customer, b.entitlementId(), "two"));
    }

    static Map<String, Object> event(String eventId, Object key, Object units) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("eventId", eventId);
        e.put("key", key);
        e.put("units", units);
        return e;
    }

    static Response report(TestClient server, List<?> events) {
        return server.postJson("/api/v1/usage", Map.of("events", events));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aBatchIsRecordedRolledUpAndAReplayAddsNothing(String kind) throws Exception {
        Shop s = shop(kind);
        long minute = UsageIngest.minuteOf(s.e().clock().millis()) - 10 * 60_000;
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Map<String, Object> e = event("call-" + i, i % 2 == 0 ? s.one() : s.two(), i + 1); // one: 1+3+5+7+9 = 25, two: 2+4+6+8+10 = 30
            e.put("at", Instant.ofEpochMilli(minute + i * 1000).toString());
            events.add(e);
        }
        Map<String, Object> early = event("call-early", s.one(), 100);
        early.put("at", Instant.ofEpochMilli(minute - 1).toString());
        events.add(early);
        events.add(event("call-0", s.two(), 1000)); // the same id again in the batch: a duplicate, whatever it says

        Response first = report(s.server(), events);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("accepted").asInt()).isEqualTo(11);
        assertThat(first.json().get("duplicates").asInt()).isEqualTo(1);
        OpenApiChecker api = new OpenApiChecker(s.e().client().get("/api/v1/openapi.json").json(), true);
        assertThat(api.check(api.responseSchema("/api/v1/usage", "post", 200, "application/json"), first.json())).isEmpty();

        assertThat(units(s, "month", s.one())).as("the billing period").isEqualTo(125);
        assertThat(units(s, "month", s.two())).isEqualTo(30);
        assertThat(units(s, "minute", s.one())).as("two minutes").isEqualTo(125);
        assertThat(buckets(s, "minute", s.one())).containsOnly(Map.entry(minute, 25L), Map.entry(minute - 60_000, 100L));
        assertThat(rows(s)).isEqualTo(11);
        if (UsageIngest.monthOf(minute - 60_000) == UsageIngest.monthOf(s.e().clock().millis())) { // not in a month's first minutes
            var page = s.customer().get("/account/api-keys").html();
            assertThat(page.select("#key-" + ApiProducts.keyId(s.customer(), s.one()) + " td.usage").text()).isEqualTo("125 units");
            assertThat(page.select("#key-" + ApiProducts.keyId(s.customer(), s.two()) + " td.usage").text()).isEqualTo("30 units");
            assertThat(page.select("section:has(#purchase-" + s.entitlementId() + ") .usage-total").text()).contains("155 units");
        }

        Response replay = report(s.server(), events);
        assertThat(replay.json().get("accepted").asInt()).isZero();
        assertThat(replay.json().get("duplicates").asInt()).isEqualTo(12);
        s.e().clock().advance(Duration.ofDays(20));
        Response later = report(s.server(), List.of(event("call-3", s.one(), 5), event("call-new", s.one(), 5)));
        assertThat(later.json().get("accepted").asInt()).as("still remembered 20 days later").isEqualTo(1);
        assertThat(later.json().get("duplicates").asInt()).isEqualTo(1);
        assertThat(rows(s)).isEqualTo(12);
        assertThat(units(s, "month", s.one()) + units(s, "month", s.two())).isEqualTo(160);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void sixteenRacingCopiesOfABatchAreCountedOnce(String kind) throws Exception {
        Shop s = shop(kind);
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            events.add(event("race-" + i, i % 3 == 0 ? s.one() : s.two(), 2));
        }
        // a second batch overlapping the first in reverse order: racing batches must not deadlock each other
        List<Map<String, Object>> reversed = new ArrayList<>(events.subList(150, 300).reversed());
        reversed.add(event("race-extra", s.one(), 7));
        List<Response> answers = Race.of(16, i -> report(s.server(), i % 4 == 3 ? reversed : events));
        assertThat(answers).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(200));
        assertThat(answers.stream().mapToInt(r -> r.json().get("accepted").asInt()).sum()).isEqualTo(301);
        assertThat(answers.stream().mapToInt(r -> r.json().get("accepted").asInt() + r.json().get("duplicates").asInt()).sum())
                .isEqualTo(12 * 300 + 4 * 151);
        assertThat(rows(s)).isEqualTo(301);
        assertThat(units(s, "month", s.one()) + units(s, "month", s.two())).isEqualTo(607);
        assertThat(units(s, "minute", s.one()) + units(s, "minute", s.two())).isEqualTo(607);
        assertThat(events(s, "month")).isEqualTo(301);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void badInputIsRefusedWholeWithACodePerProblem(String kind) throws Exception {
        Shop s = shop(kind);
        TestClient server = s.server();
        String good = s.one();

        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i <= 1000; i++) {
            tooMany.add(event("e" + i, good, 1));
        }
        Response big = report(server, tooMany);
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.json().get("code").asText()).isEqualTo("USAGE_BATCH_TOO_LARGE");
        assertThat(report(server, tooMany.subList(0, 1000)).json().get("accepted").asInt()).as("1000 is the limit").isEqualTo(1000);

        String typo = good.substring(0, 20) + (good.charAt(20) == 'a' ? 'b' : 'a') + good.substring(21);
        Map<String, Object> missing = new LinkedHashMap<>();
        missing.put("eventId", "m-1");
        Map<String, Object> extra = event("x-1", good, 1);
        extra.put("cost", 1);
        Map<String, Object> old = event("old-1", good, 1);
        old.put("at", Instant.ofEpochMilli(s.e().clock().millis()).minus(Duration.ofDays(36)).toString());
        Map<String, Object> ahead = event("ahead-1", good, 1);
        ahead.put("at", Instant.ofEpochMilli(s.e().clock().millis()).plus(Duration.ofHours(1)).toString());
        Map<String, Object> notATime = event("t-1", good, 1);
        notATime.put("at", "yesterday");
        List<Object> bad = List.of(
                event("ok-1", good, 5),
                event("neg-1", good, -1),
                event("frac-1", good, 1.5),
                event("str-1", good, "2"),
                event("has space", good, 1),
                event("x".repeat(129), good, 1),
                missing,
                extra,
                event("typo-1", typo, 1),
                old,
                ahead,
                notATime,
                "not an event");
        Response refused = report(server, bad);
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().get("code").asText()).isEqualTo("USAGE_EVENTS_INVALID");
        assertThat(errors(refused)).containsExactly(
                "events[1].units INVALID_UNITS", "events[2].units INVALID_UNITS", "events[3].units INVALID_UNITS",
                "events[4].eventId INVALID_EVENT_ID", "events[5].eventId INVALID_EVENT_ID",
                "events[6].key MISSING_FIELD", "events[6].units MISSING_FIELD", "events[7].cost UNKNOWN_FIELD",
                "events[8].key KEY_MALFORMED", "events[9].at AT_OUT_OF_WINDOW", "events[10].at AT_OUT_OF_WINDOW",
                "events[11].at INVALID_AT", "events[12] NOT_AN_OBJECT");
        OpenApiChecker api = new OpenApiChecker(s.e().client().get("/api/v1/openapi.json").json(), true);
        assertThat(api.check(api.responseSchema("/api/v1/usage", "post", 422, "application/problem+json"), refused.json())).isEmpty();

        // keys are resolved only when every event is well-formed; another seller's key reads like an unknown one
        TestUsers.User other = TestUsers.signIn(s.e(), "seller");
        ApiProducts.Bought theirs = ApiProducts.buy(s.e(), ApiProducts.publish(s.e(), other, Map.of()));
        String foreign = newKey(theirs.customer().client(), theirs.entitlementId(), "theirs");
        Response keys = report(server, List.of(event("k-1", good, 1), event("k-2", foreign, 1), event("k-3", ApiKeyFormat.generate(), 1)));
        assertThat(keys.status()).isEqualTo(422);
        assertThat(errors(keys)).containsExactly("events[1].key KEY_NOT_FOUND", "events[2].key KEY_NOT_FOUND");
        assertThat(keys.json().get("errors").get(0).get("message").asText()).isEqualTo(keys.json().get("errors").get(1).get("message").asText());
        assertThat(report(ApiProducts.withToken(s.e(), other), List.of(event("k-2", foreign, 1))).json().get("accepted").asInt())
                .as("the owner of that key may report it").isEqualTo(1);

        assertThat(server.postJson("/api/v1/usage", Map.of("events", List.of())).status()).isEqualTo(422);
        assertThat(server.post("/api/v1/usage", "application/json", "[]").status()).isEqualTo(422);
        assertThat(server.post("/api/v1/usage", "application/json", "{\"events\": [").status()).isEqualTo(400);
        assertThat(server.postJson("/api/v1/usage", Map.of("events", List.of(event("u-1", good, 1)), "batch", 1)).status()).isEqualTo(400);
        assertThat(report(s.e().client(), List.of(event("a-1", good, 1))).status()).isEqualTo(401);
        assertThat(report(TestUsers.signIn(s.e(), "customer").client(), List.of(event("c-1", good, 1))).status()).isEqualTo(403);

        assertThat(rows(s)).as("only the 1000-event batch was recorded").isEqualTo(1000);
        assertThat(units(s, "month", good)).isEqualTo(1000);
        assertThat(report(server, List.of(event("ok-1", good, 5))).json().get("accepted").asInt()).as("nothing of a refused batch stuck").isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theReplayWindowIsConfigurable(String kind) throws Exception {
        String config = "outbox: {pollInterval: 1h}\napiKeys: {maxKeysPerPurchase: 3, usageDedupWindow: 2d}\n";
        try (TestEngine e = TestEngine.boot(kind, config, true, com.mintreu.engine.plugin.ApiTestPlugins::writeProductApiTo)) {
            Shop s = shop(e);
            Instant now = Instant.ofEpochMilli(e.clock().millis());
            Map<String, Object> old = event("w-old", s.one(), 1);
            old.put("at", now.minus(Duration.ofDays(3)).toString());
            Response refused = report(s.server(), List.of(old));
            assertThat(errors(refused)).containsExactly("events[0].at AT_OUT_OF_WINDOW");
            assertThat(refused.json().get("errors").get(0).get("message").asText()).contains("last 2 days");
            old.put("at", now.minus(Duration.ofDays(1)).toString());
            assertThat(report(s.server(), List.of(old)).json().get("accepted").asInt()).isEqualTo(1);
        }
    }

    private static List<String> errors(Response r) {
        return StreamSupport.stream(r.json().get("errors").spliterator(), false)
                .map(n -> n.get("field").asText() + " " + n.get("code").asText()).toList();
    }

    private static long units(Shop s, String grain, String key) {
        return s.e().jdbi().withHandle(h -> h.createQuery("SELECT COALESCE(SUM(r.units), 0) FROM usage_rollups r JOIN api_keys k ON k.id = r.key_id "
                + "WHERE r.grain = :g AND k.key_prefix = :p").bind("g", grain).bind("p", key.substring(0, 14)).mapTo(Long.class).one());
    }

    private static long events(Shop s, String grain) {
        return s.e().jdbi().withHandle(h -> h.createQuery("SELECT COALESCE(SUM(events), 0) FROM usage_rollups WHERE grain = :g AND entitlement_id = :e")
                .bind("g", grain).bind("e", s.entitlementId()).mapTo(Long.class).one());
    }

    private static Map<Long, Long> buckets(Shop s, String grain, String key) {
        Map<Long, Long> out = new LinkedHashMap<>();
        s.e().jdbi().useHandle(h -> h.createQuery("SELECT r.bucket_start, r.units FROM usage_rollups r JOIN api_keys k ON k.id = r.key_id "
                + "WHERE r.grain = :g AND k.key_prefix = :p").bind("g", grain).bind("p", key.substring(0, 14))
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getLong(2))).forEach(en -> out.put(en.getKey(), en.getValue())));
        return out;
    }

    private static long rows(Shop s) {
        return s.e().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM usage_events WHERE entitlement_id = :e")
                .bind("e", s.entitlementId()).mapTo(Long.class).one());
    }
}
