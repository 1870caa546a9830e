package com.mintreu.engine.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.A11y;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.util.Map;
import org.jsoup.nodes.Document;

/** /help/ask and POST /api/v1/assistant/answers with the built-in retrieval answerer: sources, nothing found, wrong input, the kill switch. */
@WithConfig("assistant: {dailyLimit: 10000, perVisitorDailyLimit: 1000}\n")
class AskPageTest {

    /** The page passes the shared accessibility check. */
    static void assertAccessible(Response r) {
        assertThat(A11y.check(r.body())).as(r.body()).isEmpty();
    }

    static Response ask(TestClient c, String question) {
        return c.submitForm("/help/ask", "form.ask", Map.of("question", question));
    }

    @EngineTest
    void anAnswerQuotesTheProductDocsAndLinksThemAndATicket(TestEngine e) {
        String url = HelpDocs.publish(e, "Photo Tool");
        HelpDocs.publish(e, "Draft Gadget", "Activate the license key of the draft gadget in its settings.", "draft");

        Response r = ask(e.client(), "How do I activate my license key?");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertAccessible(r);
        assertAccessible(e.client().get("/help/ask"));
        Document page = r.html();
        assertThat(page.select(".answer-text").text()).contains("To activate it, open Settings and paste the license key from your account page.");
        assertThat(page.select("ul.sources a[href=" + url + "]").text()).startsWith("Photo Tool");
        assertThat(page.select(".sources a").eachAttr("href")).noneMatch(h -> h.contains("draft-gadget"));
        assertThat(page.select(".ticket a").attr("href")).isEqualTo("/account/tickets/new");
        assertThat(e.client().get("/").html().select("footer a[href=/help/ask]")).hasSize(1);
        assertThat(page.select("h1")).hasSize(1);
        assertThat(page.select("html").attr("lang")).isNotEmpty();
        assertThat(page.select("label[for=question]")).hasSize(1);
        assertThat(page.select("textarea#question").text()).isEqualTo("How do I activate my license key?");
    }

    @EngineTest
    void nothingFoundSaysSoAndPointsToATicket(TestEngine e) {
        Response r = ask(e.client(), "xylophone zqwv");

        assertThat(r.status()).isEqualTo(200);
        assertAccessible(r);
        assertThat(r.html().select(".answer-text").text()).contains("I found nothing");
        assertThat(r.html().select("ul.sources")).isEmpty();
        assertThat(r.html().select(".ticket a").attr("href")).isEqualTo("/account/tickets/new");
    }

    @EngineTest
    void anEmptyOrTooLongQuestionIs422OnTheFormAndCountsNothing(TestEngine e) {
        int before = HelpDocs.usedToday(e);

        Response empty = ask(e.client(), "   ");
        Response tooLong = ask(e.client(), "a".repeat(AssistantService.MAX_QUESTION + 1));

        assertThat(empty.status()).isEqualTo(422);
        assertAccessible(empty);
        assertThat(empty.html().select("form.ask .field-error").text()).contains("is required");
        assertThat(empty.html().select("[role=alert]").text()).contains("Your question: is required");
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.html().select("form.ask .field-error").text()).contains("at most 1000 characters");
        assertThat(HelpDocs.usedToday(e)).isEqualTo(before);
        assertThat(e.client().postForm("/help/ask", Map.of("question", "no token")).status()).isEqualTo(403);
    }

    @EngineTest
    void theApiAnswersWithSourcesAndRefusesWrongInput(TestEngine e) {
        String url = HelpDocs.publish(e, "Photo Tool");
        TestClient customer = TestUsers.signIn(e, "customer").client();

        Response r = customer.postJson("/api/v1/assistant/answers", Map.of("question", "activate license key photo tool"));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode a = r.json();
        assertThat(a.get("answer").asText()).contains("paste the license key");
        assertThat(a.get("sources").findValuesAsText("url")).contains(url);
        assertThat(a.get("found").asBoolean()).isTrue();
        assertThat(a.get("fallback").asBoolean()).isFalse();
        assertThat(a.get("answeredBy").asText()).isEqualTo("assistant-retrieval");
        assertThat(a.get("ticketUrl").asText()).isEqualTo("/account/tickets/new");
        assertThat(e.client().postJson("/api/v1/assistant/answers", Map.of("question", "")).status()).isEqualTo(422);
        assertThat(e.client().postJson("/api/v1/assistant/answers", Map.of()).status()).isEqualTo(422);
        assertThat(customer.post("/api/v1/assistant/answers", "application/x-www-form-urlencoded", "question=hi").status()).isEqualTo(415);
    }

    @EngineTest
    void theKillSwitchAnswers503OnThePageAndTheApiAndNothingIsCounted(TestEngine e) {
        TestClient admin = TestUsers.signIn(e, "admin").client();
        TestClient visitor = e.client();
        String form = visitor.get("/help/ask").html().select("form.ask input[type=hidden]").attr("name");
        String token = visitor.get("/help/ask").html().select("form.ask input[type=hidden]").attr("value");
        int before = HelpDocs.usedToday(e);
        assertThat(admin.putJson("/api/v1/admin/switches/assistant", Map.of("engaged", true, "reason", "model bill")).status()).isEqualTo(200);
        try {
            Response page = visitor.get("/help/ask");
            Response posted = visitor.postForm("/help/ask", Map.of(form, token, "question", "activate license"));
            Response api = visitor.postJson("/api/v1/assistant/answers", Map.of("question", "activate license"));

            assertThat(page.status()).isEqualTo(503);
            assertThat(page.html().text()).contains("The assistant is paused for a moment");
            assertThat(posted.status()).isEqualTo(503);
            assertThat(api.status()).isEqualTo(503);
            assertThat(api.json().get("code").asText()).isEqualTo("ASSISTANT_DISABLED");
            assertThat(HelpDocs.usedToday(e)).isEqualTo(before);
            assertThat(visitor.get("/").status()).isEqualTo(200);
            assertThat(admin.get("/admin/assistant").html().select("[role=alert]").text()).contains("kill switch is engaged");
        } finally {
            admin.putJson("/api/v1/admin/switches/assistant", Map.of("engaged", false, "reason", "back"));
        }
        assertThat(visitor.get("/help/ask").status()).isEqualTo(200);
    }

    @EngineTest
    void theAdminSeesTodaysUsageAgainstTheCap(TestEngine e) {
        ask(e.client(), "license");
        TestClient admin = TestUsers.signIn(e, "admin").client();

        Response page = admin.get("/admin/assistant");

        assertThat(page.status()).isEqualTo(200);
        assertAccessible(page);
        assertThat(page.html().select(".assistant-usage .used").text()).isEqualTo(Integer.toString(HelpDocs.usedToday(e)));
        assertThat(page.html().select(".assistant-usage .limit").text()).isEqualTo("10000");
        assertThat(page.html().select(".answerer").text()).isEqualTo("assistant-retrieval");
        assertThat(page.html().select(".running")).hasSize(1);
        assertThat(admin.get("/admin").html().select("a[href=/admin/assistant]")).hasSize(1);
        assertThat(TestUsers.signIn(e, "customer").client().get("/admin/assistant").status()).isEqualTo(403);
    }
}
