package com.mintreu.engine.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.Race;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.TestUsers.User;
import com.mintreu.engine.testing.WithConfig;
import java.util.List;
import java.util.Map;

/**
 * Racing writes to one ticket over HTTP: replies from both sides at once all land and leave a status
 * one of them set; many "mark solved" clicks at once solve it exactly once, the rest are 409.
 */
@WithConfig(value = "support: {repliesPerMinute: 100}\n", bundledPlugins = true)
class SupportRaceTest {

    static final int N = 8;

    @EngineTest
    void racingRepliesAllLandAndRacingSolvesApplyOnce(TestEngine e) throws Exception {
        User customer = TestUsers.signIn(e, "customer");
        User admin = TestUsers.signIn(e, "admin");
        String id = Tickets.ticketId(Tickets.submit(customer.client(), "/account/tickets/new", "form#ticket-form",
                Map.of("subject", "Race", "body", "go", "step", "send"), null));
        String customerCsrf = Tickets.csrf(customer.client());
        String adminCsrf = Tickets.csrf(admin.client());

        List<Integer> replies = Race.of(N, i -> (i % 2 == 0
                ? Tickets.post(customer.client(), "/account/tickets/" + id + "/reply", Map.of("_csrf", customerCsrf, "body", "c" + i), null)
                : Tickets.post(admin.client(), "/account/tickets/" + id + "/reply", Map.of("_csrf", adminCsrf, "body", "a" + i), null)).status());
        assertThat(replies).containsOnly(303);
        long messages = e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM helpdesk_builtin_messages WHERE ticket_id = :id")
                .bind("id", id).mapTo(Long.class).one());
        assertThat(messages).isEqualTo(N + 1);
        String status = e.jdbi().withHandle(h -> h.createQuery("SELECT status FROM helpdesk_builtin_tickets WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
        assertThat(status).isIn("waiting_on_seller", "waiting_on_customer");

        List<Integer> solves = Race.of(N, i -> (i % 2 == 0
                ? customer.client().postForm("/account/tickets/" + id + "/solve", Map.of("_csrf", customerCsrf))
                : admin.client().postForm("/account/tickets/" + id + "/solve", Map.of("_csrf", adminCsrf))).status());
        assertThat(solves.stream().filter(s -> s == 303)).hasSize(1);
        assertThat(solves.stream().filter(s -> s == 409)).hasSize(N - 1);
        Response page = customer.client().get("/account/tickets/" + id);
        assertThat(page.html().select("#ticket-status").text()).isEqualTo("solved");
    }
}
