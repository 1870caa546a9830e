package com.mintreu.engine.metering;

import static com.mintreu.engine.metering.ApiProducts.code;
import static com.mintreu.engine.metering.ApiProducts.verify;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An API plan sold by subscription: the first paid order grants the key entitlement, the keys keep
 * working while the subscription is active or past due within the grace, and are revoked when it
 * is canceled (now, or when the grace runs out), on both databases.
 */
class SubscriptionKeysTest {

    static final Map<String, TestEngine> ENGINES = new LinkedHashMap<>();
    static final String DECLINING_CARD = "4000 0000 0000 0341";

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    @BeforeAll
    static void boot() {
        for (String kind : TestDatabase.kinds()) {
            ENGINES.put(kind, UsageBillingFixture.boot(kind));
        }
    }

    @AfterAll
    static void close() {
        ENGINES.values().forEach(TestEngine::close);
    }

    record Sub(TestUsers.User buyer, TestClient server, String entitlementId, String key) {}

    static Sub subscribe(TestEngine e, String card) {
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        String plan = UsageBillingFixture.publish(e, seller, Map.of("monthlyQuota", "1000"),
                Map.of("name", "Monthly", "priceMinor", 900, "currency", "EUR", "grants", "the API", "interval", "month"));
        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        String order = UsageBillingFixture.buyOnSandbox(e, buyer.client(), plan, card);
        String ent = ApiProducts.entitlementOf(buyer.client(), order);
        return new Sub(buyer, ApiProducts.withToken(e, seller), ent, ApiProducts.newKey(buyer.client(), ent, "main"));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void keysWorkThroughThePastDueGraceAndAreRevokedWhenItRunsOut(String kind) {
        TestEngine e = ENGINES.get(kind);
        Sub s = subscribe(e, DECLINING_CARD);
        assertThat(code(verify(s.server(), s.key(), 1, null))).isEqualTo("VALID");
        JsonNode sub = s.buyer().client().get("/api/v1/subscriptions").json().get("data").get(0);

        UsageBillingFixture.toPast(e, Instant.parse(sub.get("currentPeriodEndAt").asText()).toEpochMilli(), Duration.ofMinutes(1));
        UsageBillingFixture.run(e, "subscription-renewals");
        UsageBillingFixture.drain(e);
        TestClient customer = UsageBillingFixture.again(e, s.buyer().id());
        assertThat(customer.get("/api/v1/subscriptions").json().get("data").get(0).get("status").asText()).isEqualTo("past_due");
        assertThat(code(verify(s.server(), s.key(), 1, null))).as("past due, within the grace").isEqualTo("VALID");

        for (int day = 0; day < 8; day++) {
            e.clock().advance(Duration.ofDays(1));
            UsageBillingFixture.run(e, "subscription-renewals");
            UsageBillingFixture.drain(e);
        }
        customer = UsageBillingFixture.again(e, s.buyer().id());
        assertThat(customer.get("/api/v1/subscriptions").json().get("data").get(0).get("status").asText()).isEqualTo("canceled");
        assertThat(code(verify(s.server(), s.key(), 1, null))).as("the grace ran out").isEqualTo("REVOKED");
        assertThat(UsageBillingFixture.count(e, "SELECT COUNT(*) FROM api_keys WHERE entitlement_id = ? AND status = 'revoked'", s.entitlementId()))
                .isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theQuotaIsCountedPerBillingPeriodNotPerCalendarMonth(String kind) {
        TestEngine e = ENGINES.get(kind);
        Sub s = subscribe(e, UsageBillingFixture.GOOD_CARD); // quota 1000, a hard stop
        JsonNode sub = s.buyer().client().get("/api/v1/subscriptions").json().get("data").get(0);
        long end = Instant.parse(sub.get("currentPeriodEndAt").asText()).toEpochMilli();
        var used = verify(s.server(), s.key(), 600, null);
        assertThat(code(used)).isEqualTo("VALID");
        assertThat(used.json().get("reset").asText()).as("the quota resets at the period's end").isEqualTo(sub.get("currentPeriodEndAt").asText());

        // an hour before the period ends: a new calendar month has begun, the period has not
        UsageBillingFixture.toPast(e, end, Duration.ofHours(-1));
        assertThat(code(verify(s.server(), s.key(), 500, null))).as("600 + 500 in one period").isEqualTo("QUOTA_EXCEEDED");
        assertThat(code(verify(s.server(), s.key(), 400, null))).isEqualTo("VALID");

        UsageBillingFixture.toPast(e, end, Duration.ofMinutes(1));
        UsageBillingFixture.run(e, "subscription-renewals");
        UsageBillingFixture.drain(e);
        assertThat(code(verify(s.server(), s.key(), 1000, null))).as("renewed: a new period, a new quota").isEqualTo("VALID");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void cancelingNowRevokesTheKeysOnce(String kind) throws Exception {
        TestEngine e = ENGINES.get(kind);
        Sub s = subscribe(e, UsageBillingFixture.GOOD_CARD);
        String id = s.buyer().client().get("/api/v1/subscriptions").json().get("data").get(0).get("id").asText();
        assertThat(s.buyer().client().postJson("/api/v1/subscriptions/" + id + "/cancel", Map.of()).status()).isEqualTo(200);
        assertThat(code(verify(s.server(), s.key(), 1, null))).as("not before the event is delivered").isEqualTo("VALID");
        UsageBillingFixture.drain(e);
        assertThat(code(verify(s.server(), s.key(), 1, null))).isEqualTo("REVOKED");
        // a redelivery changes nothing
        var subscriber = e.engine().component().eventSubscribers().stream().filter(x -> x.id().equals("api-key-subscription-access")).findFirst()
                .orElseThrow();
        subscriber.on(new com.mintreu.api.event.SubscriptionStatusChanged("evt_again", Instant.now(), id, s.buyer().id(),
                e.jdbi().withHandle(h -> h.createQuery("SELECT line_id FROM entitlements WHERE id = :e").bind("e", s.entitlementId())
                        .mapTo(String.class).one()), "active", "canceled", "again", Instant.now()));
        assertThat(UsageBillingFixture.count(e, "SELECT COUNT(*) FROM entitlements WHERE id = ? AND status = 'revoked'", s.entitlementId()))
                .isEqualTo(1);
        assertThat(code(verify(s.server(), s.key(), 1, null))).isEqualTo("REVOKED");
    }
}
