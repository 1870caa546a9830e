package com.mintreu.plugins.assistantllm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mintreu.api.assistant.Answer;
import com.mintreu.api.assistant.AssistantException;
import com.mintreu.api.assistant.Passage;
import com.mintreu.api.assistant.Question;
import com.mintreu.testkit.PluginConfigs;
import com.mintreu.testkit.TestPluginContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin against {@link FakeChatEndpoint}: what it sends, and how each way the endpoint can fail becomes an {@link AssistantException}. */
class LlmAssistantTest {

    static final String KEY = "sk-fake-assistant-key-0123456789";
    static final List<Passage> PASSAGES = List.of(
            new Passage("Activating your license", "/help/articles/activate", "Open Settings, choose License and paste your key."),
            new Passage("Photo Tool", "/products/photo-tool", "Photo Tool edits RAW files on Windows and macOS."));
    static final Question QUESTION = new Question("How do I activate the license for [key]?", PASSAGES, "de-AT");

    @TempDir
    Path dir;

    private final FakeChatEndpoint fake = new FakeChatEndpoint();
    private final List<LlmAssistant> started = new ArrayList<>();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void close() {
        started.forEach(LlmAssistant::stop);
        fake.close();
    }

    private LlmAssistant start(String key, Duration readTimeout) {
        LlmConfig config = new LlmConfig(fake.endpoint(), "fake-model", key, Duration.ofSeconds(1), readTimeout, 4, 4000);
        LlmAssistant a = new LlmAssistant();
        a.start(new TestPluginContext(LlmAssistant.ID, dir, config, Clock.systemUTC(), "master-secret-for-tests").callTimeout(Duration.ofSeconds(10)));
        started.add(a);
        return a;
    }

    @Test
    void sendsAnOpenAiChatCompletionWithTheKeyAndAnswersWithTheCitedPassages() throws Exception {
        Answer a = start(KEY, Duration.ofSeconds(5)).answer(QUESTION);

        assertThat(a.text()).isEqualTo("Start the app, open Settings and paste the key [1].");
        assertThat(a.sources()).containsExactly(new Answer.Source("Activating your license", "/help/articles/activate"));
        FakeChatEndpoint.Request r = fake.requests().get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/v1/chat/completions");
        assertThat(r.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = json.readTree(r.body());
        assertThat(body.get("model").asText()).isEqualTo("fake-model");
        assertThat(body.get("messages")).hasSize(2);
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(body.at("/messages/0/content").asText()).contains("ONLY the numbered passages", "Cite");
        assertThat(body.at("/messages/1/role").asText()).isEqualTo("user");
    }

    @Test
    void theRequestHoldsTheQuestionAndThePassagesAndNothingElse() throws Exception {
        start(KEY, Duration.ofSeconds(5)).answer(QUESTION);

        JsonNode body = json.readTree(fake.requests().get(0).body());
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("model", "temperature", "messages");
        assertThat(body.at("/messages/1/content").asText()).isEqualTo("""
                Passages:

                [1] Activating your license (/help/articles/activate)
                Open Settings, choose License and paste your key.

                [2] Photo Tool (/products/photo-tool)
                Photo Tool edits RAW files on Windows and macOS.

                Question: How do I activate the license for [key]?
                (The customer reads de-AT.)""");
    }

    @Test
    void noKeyConfiguredSendsNoAuthorizationHeader() {
        start("", Duration.ofSeconds(5)).answer(QUESTION);

        assertThat(fake.requests().get(0).header("Authorization")).isNull();
    }

    @Test
    void aReplyCitingNothingHasEveryPassageSentAsSource() {
        fake.answer(200, FakeChatEndpoint.chatReply("Open Settings and paste the key."));

        Answer a = start(KEY, Duration.ofSeconds(5)).answer(QUESTION);

        assertThat(a.sources()).extracting(Answer.Source::url).containsExactly("/help/articles/activate", "/products/photo-tool");
    }

    @Test
    void aServerErrorIsAnAssistantExceptionWithoutTheKey() {
        fake.answer(500, "{\"error\":{\"message\":\"boom\"}}");

        assertThatThrownBy(() -> start(KEY, Duration.ofSeconds(5)).answer(QUESTION))
                .isInstanceOf(AssistantException.class).hasMessageContaining("HTTP 500").hasMessageNotContaining(KEY);
    }

    @Test
    void aKeyInTheEndpointsQueryIsNeverInMessagesOrTheConfigsText() {
        fake.answer(503, "{}");
        java.net.URI withKey = java.net.URI.create(fake.endpoint() + "?key=query-secret-123");
        LlmConfig config = new LlmConfig(withKey, "m", "", Duration.ofSeconds(1), Duration.ofSeconds(5), 4, 4000);
        LlmAssistant a = new LlmAssistant();
        a.start(new TestPluginContext(LlmAssistant.ID, dir, config, Clock.systemUTC(), "master-secret-for-tests"));
        started.add(a);

        assertThatThrownBy(() -> a.answer(QUESTION)).hasMessageContaining("HTTP 503").hasMessageNotContaining("query-secret-123");
        assertThat(config.toString()).doesNotContain("query-secret-123");
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void aReplyThatIsNotJsonIsAnAssistantException() {
        fake.answer(200, "<html>gateway error</html>");

        assertThatThrownBy(() -> start(KEY, Duration.ofSeconds(5)).answer(QUESTION))
                .isInstanceOf(AssistantException.class).hasMessageContaining("not JSON");
    }

    @Test
    void aReplyWithoutContentIsAnAssistantException() {
        fake.answer(200, "{\"choices\":[]}");

        assertThatThrownBy(() -> start(KEY, Duration.ofSeconds(5)).answer(QUESTION))
                .isInstanceOf(AssistantException.class).hasMessageContaining("choices[0].message.content");
    }

    @Test
    void anEndpointThatDoesNotAnswerEndsInTheReadTimeout() {
        fake.hang();

        assertThatThrownBy(() -> start(KEY, Duration.ofMillis(300)).answer(QUESTION))
                .isInstanceOf(AssistantException.class).hasMessageContaining("within the timeout");
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void theReadTimeoutEndsBeforeTheEnginesCallTimeout() {
        LlmConfig config = new LlmConfig(fake.endpoint(), "m", "", Duration.ofSeconds(2), Duration.ofSeconds(60), 4, 4000);

        assertThat(LlmAssistant.readTimeout(config, Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(6));
        assertThat(LlmAssistant.readTimeout(config, Duration.ofSeconds(100))).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void passagesAreCutToTheConfiguredNumberAndCharacters() {
        List<Passage> fit = ChatPrompt.fit(PASSAGES, 1, 10);

        assertThat(fit).hasSize(1);
        assertThat(fit.get(0).text()).isEqualTo("Open Setti…");
        assertThat(ChatPrompt.fit(PASSAGES, 5, 4000)).isEqualTo(PASSAGES);
    }

    @Test
    void configNeedsHttpsExceptToLocalhostAndMasksTheKey() {
        assertThatThrownBy(() -> PluginConfigs.bind(LlmAssistant.ID, LlmConfig.class, "endpoint: http://llm.example.com/v1/chat/completions\nmodel: m\n"))
                .hasMessageContaining("plugins.assistant-llm.config.endpoint").hasMessageContaining("https");
        assertThatThrownBy(() -> PluginConfigs.bind(LlmAssistant.ID, LlmConfig.class, "endpoint: https://llm.example.com/v1/chat/completions\n"))
                .hasMessageContaining("model");
        LlmConfig ok = PluginConfigs.bind(LlmAssistant.ID, LlmConfig.class,
                "endpoint: http://localhost:8080/v1/chat/completions\nmodel: m\napiKey: " + KEY + "\nreadTimeout: 3s\n");
        assertThat(ok.readTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(ok.maxPassages()).isEqualTo(4);
        assertThat(ok.toString()).doesNotContain(KEY);
    }
}
