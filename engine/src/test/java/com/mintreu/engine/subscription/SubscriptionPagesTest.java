package com.mintreu.engine.subscription;

import static com.mintreu.engine.subscription.SubscriptionFixture.GOOD_CARD;
import static com.mintreu.engine.subscription.SubscriptionFixture.checkout;
import static com.mintreu.engine.subscription.SubscriptionFixture.drain;
import static com.mintreu.engine.subscription.SubscriptionFixture.monthly;
import static com.mintreu.engine.subscription.SubscriptionFixture.payOnSandbox;
import static com.mintreu.engine.subscription.SubscriptionFixture.recurringPlan;
import static com.mintreu.engine.subscription.SubscriptionFixture.subscription;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** The customer's Subscriptions page over HTTP: what it shows, its forms, a stale form, another customer's id. */
@WithConfig(bundledPlugins = true, value = SubscriptionFixture.CONFIG)
class SubscriptionPagesTest {

    private static final String PAGE = "/account/subscriptions";

    @EngineTest
    void showsTheSubscriptionAndOffersOnlyTheLegalActions(TestEngine e) {
        String plan = recurringPlan(e, monthly(2900, 0));
        TestClient customer = TestUsers.signIn(e, "customer").client();
        JsonNode placed = checkout(customer, plan);
        payOnSandbox(customer, placed.get("paymentUrl").asText(), GOOD_CARD);
        drain(e);
        String id = subscription(customer).get("id").asText();
        String orderId = placed.get("orderId").asText();

        assertThat(customer.get("/account").html().select("a[href=" + PAGE + "]")).as("linked from the account").hasSize(1);
        Element card = section(customer.get(PAGE), id);
        assertThat(card.selectFirst(".subscription-status").text()).isEqualTo("Active");
        assertThat(card.selectFirst(".subscription-next").text()).startsWith("29.00").contains(" on ");
        assertThat(card.selectFirst(".subscription-method").text()).isEqualTo("Test card •••• 4242");
        assertThat(card.select("tr.period")).hasSize(1);
        assertThat(card.selectFirst("tr.period a.receipt").attr("href")).isEqualTo("/account/orders/" + orderId);
        assertThat(customer.get("/account/orders/" + orderId).status()).as("the receipt link opens").isEqualTo(200);
        assertThat(actions(card)).containsExactly("cancel-at-period-end", "pause");

        Response ending = submit(customer, id, "cancel-at-period-end");
        assertThat(ending.status()).as(ending.body()).isEqualTo(303);
        Document after = customer.get(ending.header("Location")).html();
        assertThat(after.selectFirst("#subscription-notice").text()).contains("ends at the end of the current period");
        Element ended = after.getElementById("subscription-" + id);
        assertThat(ended.selectFirst(".subscription-status").text()).isEqualTo("Active, ends at the end of this period");
        assertThat(ended.selectFirst(".subscription-next").text()).startsWith("none: ends on");
        assertThat(actions(ended)).containsExactly("undo-cancel");

        assertThat(submit(customer, id, "undo-cancel").status()).isEqualTo(303);
        assertThat(actions(section(customer.get(PAGE), id))).containsExactly("cancel-at-period-end", "pause");
        assertThat(submit(customer, id, "pause").status()).isEqualTo(303);
        Element paused = section(customer.get(PAGE), id);
        assertThat(paused.selectFirst(".subscription-status").text()).startsWith("Paused");
        assertThat(actions(paused)).containsExactly("resume");
        assertThat(subscription(customer).get("status").asText()).isEqualTo("paused");
        assertThat(submit(customer, id, "resume").status()).isEqualTo(303);
        assertThat(subscription(customer).get("status").asText()).isEqualTo("active");
        assertThat(SubscriptionFixture.count(e, "SELECT COUNT(*) FROM audit_log WHERE subject_id = ? AND action LIKE 'subscription.%'", id))
                .as("every action audited").isEqualTo(4);
    }

    @EngineTest
    void aStaleFormShowsANoticeAndAnotherCustomersIdIsNotFound(TestEngine e) {
        String plan = recurringPlan(e, monthly(1500, 0));
        TestClient customer = TestUsers.signIn(e, "customer").client();
        JsonNode placed = checkout(customer, plan);
        payOnSandbox(customer, placed.get("paymentUrl").asText(), null);
        drain(e);
        String id = subscription(customer).get("id").asText();
        Element card = section(customer.get(PAGE), id);
        assertThat(card.selectFirst(".subscription-method").text()).isEqualTo("none saved");
        Map<String, String> pauseForm = hidden(card.selectFirst("form.pause"));

        assertThat(submit(customer, id, "pause").status()).isEqualTo(303);
        Response stale = customer.postForm("/account/subscriptions/" + id + "/pause", pauseForm);
        assertThat(stale.status()).as("the page again with a notice, not an error page").isEqualTo(409);
        Document page = stale.html();
        assertThat(page.selectFirst("#subscription-notice.error").text()).contains("could not pause it");
        assertThat(actions(page.getElementById("subscription-" + id))).containsExactly("resume");

        TestClient other = TestUsers.signIn(e, "customer").client();
        assertThat(other.get(PAGE).html().getElementById("subscription-" + id)).as("not listed to another customer").isNull();
        Map<String, String> otherForm = hidden(customer.get(PAGE).html().selectFirst("#subscription-" + id + " form.resume"));
        otherForm.putAll(hidden(other.get("/account").html().selectFirst("form[action=/account/password]")));
        Response foreign = other.postForm("/account/subscriptions/" + id + "/resume", otherForm);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(subscription(customer).get("status").asText()).as("unchanged").isEqualTo("paused");

        Response noToken = customer.postForm("/account/subscriptions/" + id + "/resume", Map.of());
        assertThat(noToken.status()).as("no CSRF token").isEqualTo(403);
        assertThat(customer.postForm("/account/subscriptions/" + id + "/explode", pauseForm).status()).isEqualTo(404);
        assertThat(subscription(customer).get("status").asText()).isEqualTo("paused");
    }

    private static Element section(Response page, String id) {
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        Element card = page.html().getElementById("subscription-" + id);
        assertThat(card).as(page.body()).isNotNull();
        return card;
    }

    /** The actions the card offers, by their form's class. */
    private static java.util.List<String> actions(Element card) {
        return card.select(".actions form").stream().map(f -> f.className().replace("inline", "").trim()).toList();
    }

    private static Response submit(TestClient customer, String id, String action) {
        return customer.submitForm(PAGE, "#subscription-" + id + " form." + action, Map.of());
    }

    private static Map<String, String> hidden(Element form) {
        Map<String, String> fields = new LinkedHashMap<>();
        form.select("input[type=hidden]").forEach(i -> fields.put(i.attr("name"), i.attr("value")));
        return fields;
    }
}
