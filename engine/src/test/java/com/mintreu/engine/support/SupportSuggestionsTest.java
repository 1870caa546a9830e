package com.mintreu.engine.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.A11y;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.TestUsers.User;
import com.mintreu.engine.testing.WithConfig;
import java.util.Map;
import org.jsoup.nodes.Document;

/** The new-ticket form suggests help articles before it is sent (issue: "suggested while a customer writes a ticket"). */
@WithConfig(bundledPlugins = true)
class SupportSuggestionsTest {

    @EngineTest
    void findAnswersShowsTheMatchingArticleAndSendsNothing(TestEngine e) {
        User admin = TestUsers.signIn(e, "admin");
        String title = "Refunds within 14 days " + System.nanoTime();
        Response saved = admin.client().postJson("/api/v1/help/articles", Map.of("title", title,
                "body", "Ask for a **refund** from the order page within 14 days of paying.", "published", true));
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        User customer = TestUsers.signIn(e, "customer");
        long before = Tickets.count(e, "helpdesk_builtin_tickets");

        Response found = Tickets.submit(customer.client(), "/account/tickets/new", "form#ticket-form",
                Map.of("step", "find", "subject", "How do I get a refund?", "body", "I bought the wrong plan and want my money back."), null);

        assertThat(found.status()).as(found.body()).isEqualTo(200);
        Document page = found.html();
        assertThat(page.select("#answers a").eachText()).as("the article, before anything is sent").contains(title);
        assertThat(page.selectFirst("#ticket-subject").attr("value")).as("what was typed is kept").isEqualTo("How do I get a refund?");
        assertThat(page.selectFirst("#ticket-body").text()).isEqualTo("I bought the wrong plan and want my money back.");
        assertThat(A11y.check(found.body())).isEmpty();
        assertThat(Tickets.count(e, "helpdesk_builtin_tickets")).as("finding answers sends no ticket").isEqualTo(before);

        Response sent = Tickets.submit(customer.client(), "/account/tickets/new", "form#ticket-form",
                Map.of("step", "send", "subject", "How do I get a refund?", "body", "The article did not cover my case."), null);
        assertThat(Tickets.ticketId(sent)).startsWith("tkt_");
        assertThat(Tickets.count(e, "helpdesk_builtin_tickets")).isEqualTo(before + 1);
    }
}
