package com.mintreu.engine.subscription;

import static com.mintreu.engine.subscription.PlanChangeTest.april;
import static com.mintreu.engine.subscription.PlanChangeTest.plan;
import static com.mintreu.engine.subscription.SubscriptionFixture.GOOD_CARD;
import static com.mintreu.engine.subscription.SubscriptionFixture.again;
import static com.mintreu.engine.subscription.SubscriptionFixture.subscription;
import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** "Change plan" and "Change seats" on /account/subscriptions, as a customer without JavaScript uses them. */
@WithConfig(bundledPlugins = true, value = SubscriptionFixture.CONFIG)
class PlanChangePagesTest {

    @EngineTest
    void previewThenConfirmAnUpgradeAndScheduleThenUndoADowngrade(TestEngine e) {
        april(e);
        List<String> plans = PlanChangeFixture.product(e, plan("Monthly", 2900, false), plan("Pro", 4900, false));
        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        String id = PlanChangeFixture.subscribe(e, buyer.client(), plans.get(0), 1, GOOD_CARD);
        e.clock().advance(Duration.ofHours(9 * 24 + 12));
        TestClient customer = again(e, buyer.id());

        Element card = customer.get("/account/subscriptions").html().getElementById("subscription-" + id);
        String change = "/account/subscriptions/" + id + "/change-plan";
        assertThat(card.selectFirst("a.change-plan").attr("href")).isEqualTo(change);
        assertThat(card.select("a.change-seats")).as("not sold by seats").isEmpty();
        Document page = customer.get(change).html();
        assertThat(page.select("#plan option")).extracting(o -> o.attr("value")).containsExactly(plans.get(0), plans.get(1));
        assertThat(page.select("section.preview")).as("no preview before asking").isEmpty();

        Response preview = customer.get(change + "?plan=" + plans.get(1) + "&quantity=1");
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        Element shown = preview.html().selectFirst("section.preview");
        assertThat(shown.selectFirst(".preview-due").text()).startsWith("14.00");
        assertThat(shown.selectFirst(".preview-applies").text()).isEqualTo("now");
        assertThat(shown.selectFirst(".preview-rule").text()).contains("21 of 30 days").contains("20.30").contains("34.30");
        assertThat(shown.selectFirst("form.confirm-change button").text()).contains("Pay 14.00");
        Response done = customer.submitForm(change + "?plan=" + plans.get(1) + "&quantity=1", "form.confirm-change", Map.of());
        assertThat(done.status()).as(done.body()).isEqualTo(303);
        Document after = customer.get(done.header("Location")).html();
        assertThat(after.selectFirst("#subscription-notice").text()).contains("Your plan was changed");
        assertThat(after.getElementById("subscription-" + id).selectFirst("h2").text()).contains("Pro");
        assertThat(subscription(customer).get("planId").asText()).isEqualTo(plans.get(1));

        Response down = customer.submitForm(change + "?plan=" + plans.get(0), "form.confirm-change", Map.of());
        assertThat(down.status()).as(down.body()).isEqualTo(303);
        Element scheduled = customer.get(down.header("Location")).html().getElementById("subscription-" + id);
        assertThat(scheduled.selectFirst(".subscription-scheduled").text()).startsWith("Monthly").contains("29.00");
        assertThat(scheduled.select("a.change-plan")).as("one change at a time").isEmpty();
        Response undone = customer.submitForm("/account/subscriptions", "#subscription-" + id + " form.undo-change", Map.of());
        assertThat(undone.status()).as(undone.body()).isEqualTo(303);
        Document back = customer.get(undone.header("Location")).html();
        assertThat(back.selectFirst("#subscription-notice").text()).contains("undone");
        assertThat(back.getElementById("subscription-" + id).select(".subscription-scheduled")).isEmpty();
    }

    @EngineTest
    void wrongSeatsAStalePreviewAndNoSavedCardShowWhyOnThePage(TestEngine e) {
        april(e);
        List<String> plans = PlanChangeFixture.product(e, plan("Team", 1000, true), plan("Business", 2500, true));
        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        String id = PlanChangeFixture.subscribe(e, buyer.client(), plans.get(0), 2, null);
        TestClient customer = buyer.client();
        String change = "/account/subscriptions/" + id + "/change-plan";
        assertThat(customer.get("/account/subscriptions").html().select("#subscription-" + id + " a.change-seats")).hasSize(1);

        Response wrong = customer.get(change + "?plan=" + plans.get(0) + "&quantity=many");
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.html().selectFirst("#quantity-error").text()).contains("whole number");
        assertThat(wrong.html().selectFirst("#seats").attr("value")).as("what was typed is kept").isEqualTo("many");
        Response zero = customer.get(change + "?quantity=0");
        assertThat(zero.status()).isEqualTo(422);
        assertThat(zero.html().selectFirst("#quantity-error").text()).contains("between 1 and");

        Document preview = customer.get(change + "?plan=" + plans.get(0) + "&quantity=4").html();
        Map<String, String> form = hidden(preview.selectFirst("form.confirm-change"));
        e.clock().advance(Duration.ofDays(1));
        customer = again(e, buyer.id());
        form.putAll(hidden(customer.get("/account").html().selectFirst("form[action=/account/password]"))); // the new session's CSRF token
        Response stale = customer.postForm(change + "/confirm", form);
        assertThat(stale.status()).as(stale.body()).isEqualTo(409);
        assertThat(stale.html().selectFirst("#change-notice").text()).contains("changed since you looked");
        assertThat(stale.html().selectFirst("section.preview")).as("the new preview").isNotNull();

        Response declined = customer.submitForm(change + "?plan=" + plans.get(0) + "&quantity=4", "form.confirm-change", Map.of());
        assertThat(declined.status()).as(declined.body()).isEqualTo(402);
        assertThat(declined.html().selectFirst("#change-notice").text()).contains("Your plan was not changed").contains("no saved payment method");
        assertThat(subscription(customer).get("quantity").asInt()).isEqualTo(2);
        assertThat(customer.postForm(change + "/confirm", Map.of()).status()).as("no CSRF token").isEqualTo(403);
    }

    private static Map<String, String> hidden(Element form) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (form != null) {
            form.select("input[type=hidden]").forEach(i -> fields.put(i.attr("name"), i.attr("value")));
        }
        return fields;
    }
}
