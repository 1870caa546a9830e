package com.mintreu.engine.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.Race;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The daily caps: per visitor and for the whole shop, 429 with a message and Retry-After at either,
 * a refused question counted for no one, and racing questions never passing a cap. Each test starts
 * on a new UTC day (the engine's clock moves), so the class's shared engine starts from zero counts.
 */
@WithConfig("assistant: {dailyLimit: 6, perVisitorDailyLimit: 4}\n")
class DailyCapTest {

    private static final Map<String, String> QUESTION = Map.of("question", "how do I activate a license");

    private static void nextDay(TestEngine e) {
        e.clock().advance(Duration.ofDays(1));
    }

    private static int used(TestEngine e, String subject) {
        long day = Math.floorDiv(e.clock().millis(), 86_400_000L);
        return e.jdbi().withHandle(h -> h.createQuery("SELECT used FROM assistant_usage WHERE day = :d AND subject = :s")
                .bind("d", day).bind("s", subject).mapTo(Integer.class).findOne().orElse(0));
    }

    @EngineTest
    void aVisitorThenTheShopReachTheirCapAndARefusalCountsForNoOne(TestEngine e) {
        nextDay(e);
        TestClient anonymous = e.client();
        for (int i = 0; i < 4; i++) {
            assertThat(anonymous.postJson("/api/v1/assistant/answers", QUESTION).status()).isEqualTo(200);
        }
        Response fifth = anonymous.postJson("/api/v1/assistant/answers", QUESTION);
        assertThat(fifth.status()).isEqualTo(429);
        assertThat(fifth.json().get("code").asText()).isEqualTo("ASSISTANT_LIMIT_REACHED");
        assertThat(fifth.json().get("detail").asText()).contains("as many as it answers for one person a day", "after midnight UTC");
        assertThat(Long.parseLong(fifth.header("Retry-After"))).isBetween(1L, 86_400L);

        TestUsers.User first = TestUsers.signIn(e, "customer");
        TestUsers.User second = TestUsers.signIn(e, "customer");
        assertThat(first.client().postJson("/api/v1/assistant/answers", QUESTION).status()).isEqualTo(200);
        assertThat(first.client().postJson("/api/v1/assistant/answers", QUESTION).status()).isEqualTo(200);
        Response shopFull = second.client().postJson("/api/v1/assistant/answers", QUESTION);
        assertThat(shopFull.status()).isEqualTo(429);
        assertThat(shopFull.json().get("detail").asText()).contains("answered as many questions as it may today");

        assertThat(used(e, "*")).isEqualTo(6);
        assertThat(used(e, first.id())).isEqualTo(2);
        assertThat(used(e, second.id())).isZero(); // refused by the shop's cap: not counted for the visitor either

        Response page = first.client().submitForm("/help/ask", "form.ask", QUESTION);
        assertThat(page.status()).isEqualTo(429);
        assertThat(page.html().text()).contains("answered as many questions as it may today");

        nextDay(e);
        assertThat(second.client().postJson("/api/v1/assistant/answers", QUESTION).status()).isEqualTo(200);
        long oldVisitorRows = e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM assistant_usage WHERE day < :d AND subject <> '*'")
                .bind("d", Math.floorDiv(e.clock().millis(), 86_400_000L)).mapTo(Long.class).one());
        assertThat(oldVisitorRows).isZero();
    }

    @EngineTest
    void twentyVisitorsRacingNeverPassTheShopsCap(TestEngine e) throws Exception {
        nextDay(e);
        List<TestClient> visitors = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            visitors.add(TestUsers.signIn(e, "customer").client());
        }

        List<Integer> statuses = race(visitors);

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(6);
        assertThat(statuses).filteredOn(s -> s == 429).hasSize(14);
        assertThat(used(e, "*")).isEqualTo(6);
    }

    @EngineTest
    void oneVisitorRacingNeverPassesTheirCap(TestEngine e) throws Exception {
        nextDay(e);
        TestUsers.User user = TestUsers.signIn(e, "customer");
        List<TestClient> same = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            same.add(user.client());
        }

        List<Integer> statuses = race(same);

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(4);
        assertThat(used(e, user.id())).isEqualTo(4);
        assertThat(used(e, "*")).isEqualTo(4);
    }

    private static List<Integer> race(List<TestClient> clients) throws Exception {
        return Race.of(clients.size(), i -> clients.get(i).postJson("/api/v1/assistant/answers", QUESTION).status());
    }
}
