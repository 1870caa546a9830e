package com.mintreu.engine.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.util.Map;

/** With the real knowledge base (helpdesk-builtin), the built-in assistant answers from a help article and links to it. */
@WithConfig(value = "assistant: {dailyLimit: 10000, perVisitorDailyLimit: 1000}\n", bundledPlugins = true)
class AssistantKnowledgeTest {

    @EngineTest
    void anAnswerQuotesTheArticleThatMatchesAndLinksItAsItsSource(TestEngine e) {
        var admin = TestUsers.signIn(e, "admin").client();
        String title = "Moving a license to a new computer " + System.nanoTime();
        Response saved = admin.postJson("/api/v1/help/articles", Map.of("title", title,
                "body", "Deactivate the license on the old computer first, then activate the same key on the new computer.", "published", true));
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        String url = "/help/articles/" + saved.json().get("id").asText();

        Response r = e.client().postJson("/api/v1/assistant/answers", Map.of("question", "How do I move my license to a new computer?"));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode answer = r.json();
        assertThat(answer.get("found").asBoolean()).isTrue();
        assertThat(answer.get("sources").findValuesAsText("url")).as("the article is a source").contains(url);
        assertThat(answer.get("answer").asText()).contains("Deactivate the license on the old computer");
        assertThat(answer.get("ticketUrl").asText()).isEqualTo("/account/tickets/new");
        assertThat(e.client().get(url).status()).as("the source opens").isEqualTo(200);
    }
}
