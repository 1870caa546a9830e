package com.mintreu.engine.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.plugin.BundledTestPlugins;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.plugins.assistantllm.FakeChatEndpoint;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * /help/ask answered by the assistant-llm plugin (its zip in the engine) against the plugin's
 * {@link FakeChatEndpoint}: the model's answer with its sources, what leaves the shop (no e-mail,
 * no order id), and the retrieval fallback when the endpoint fails or does not answer in time.
 * One engine and one fake per database: the fake's port must be in the config before boot.
 */
class LlmAnswerTest {

    static final String KEY = "sk-engine-fake-assistant-key-42";

    record Shop(TestEngine engine, FakeChatEndpoint llm) {}

    private static final Map<String, Shop> SHOPS = new ConcurrentHashMap<>();

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    private static Shop shop(String kind) {
        Shop shop = SHOPS.computeIfAbsent(kind, k -> {
            FakeChatEndpoint llm = new FakeChatEndpoint();
            String yaml = "assistant: {answerer: assistant-llm, dailyLimit: 1000, perVisitorDailyLimit: 1000}\n"
                    + "plugins:\n"
                    + "  assistant-llm:\n"
                    + "    enabled: true\n"
                    + "    config: {endpoint: '" + llm.endpoint() + "', model: fake-model, apiKey: " + KEY + ", readTimeout: 500ms}\n";
            return new Shop(TestEngine.boot(k, yaml, false, BundledTestPlugins::writeAssistantLlmTo), llm);
        });
        shop.llm().reset();
        return shop;
    }

    @AfterAll
    static void closeShops() {
        SHOPS.values().forEach(s -> {
            s.engine().close();
            s.llm().close();
        });
        SHOPS.clear();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("kinds")
    void theModelsAnswerIsShownWithItsSourcesAndOnlyTheCleanQuestionLeaves(String kind) throws Exception {
        Shop shop = shop(kind);
        String url = HelpDocs.publish(shop.engine(), "Photo Tool");
        String order = Ids.next("ord");

        Response r = AskPageTest.ask(shop.engine().client(), "I am jane@example.com, order " + order + ": how do I activate the license key?");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        AskPageTest.assertAccessible(r);
        Document page = r.html();
        assertThat(page.select(".answer-text").text()).isEqualTo("Start the app, open Settings and paste the key [1].");
        assertThat(page.select("ul.sources a").eachAttr("href")).containsExactly(url);
        assertThat(page.select(".ticket a").attr("href")).isEqualTo("/account/tickets/new");
        assertThat(page.text()).doesNotContain("could not answer just now");

        FakeChatEndpoint.Request sent = shop.llm().requests().get(0);
        assertThat(sent.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(sent.body()).doesNotContain("jane", "example.com", order, order.substring(4))
                .contains("Question: I am [email], order [id]: how do I activate the license key?")
                .contains(url).contains("paste the license key");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("kinds")
    void aFailingModelFallsBackToTheRetrievalAnswerAndSaysSo(String kind) {
        Shop shop = shop(kind);
        String url = HelpDocs.publish(shop.engine(), "Photo Tool");
        shop.llm().answer(500, "{\"error\":\"overloaded\"}");

        Response page = AskPageTest.ask(shop.engine().client(), "how do I activate the license key?");
        Response api = shop.engine().client().postJson("/api/v1/assistant/answers", Map.of("question", "activate the license key"));

        assertThat(page.status()).isEqualTo(200);
        AskPageTest.assertAccessible(page);
        assertThat(page.html().select("[role=status]").text()).contains("could not answer just now");
        assertThat(page.html().select(".answer-text").text()).contains("paste the license key from your account page");
        assertThat(page.html().select("ul.sources a").eachAttr("href")).contains(url);
        JsonNode a = api.json();
        assertThat(a.get("fallback").asBoolean()).isTrue();
        assertThat(a.get("answeredBy").asText()).isEqualTo("assistant-retrieval");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("kinds")
    void aModelThatDoesNotAnswerInTimeFallsBack(String kind) {
        Shop shop = shop(kind);
        HelpDocs.publish(shop.engine(), "Photo Tool");
        shop.llm().hang();

        Response api = shop.engine().client().postJson("/api/v1/assistant/answers", Map.of("question", "activate the license key"));

        assertThat(api.status()).isEqualTo(200);
        assertThat(api.json().get("fallback").asBoolean()).isTrue();
        assertThat(api.json().get("answer").asText()).contains("paste the license key");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("kinds")
    void nothingFoundNeverCallsTheModel(String kind) {
        Shop shop = shop(kind);

        Response api = shop.engine().client().postJson("/api/v1/assistant/answers", Map.of("question", "xylophone zqwv"));

        assertThat(api.json().get("found").asBoolean()).isFalse();
        assertThat(shop.llm().requests()).isEmpty();
    }
}
