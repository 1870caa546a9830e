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

/** The customer's actions on a subscription through the API, the seller's recurring plan form, and the storefront's price text. */
@WithConfig(bundledPlugins = true, value = SubscriptionFixture.CONFIG)
class SubscriptionActionsTest {

    @EngineTest
    void cancelAtPeriodEndAndUndoPauseResumeAndIllegalMovesAreRefused(TestEngine e) {
        String plan = recurringPlan(e, monthly(2900, 0));
        TestClient customer = TestUsers.signIn(e, "customer").client();
        JsonNode placed = checkout(customer, plan);
        payOnSandbox(customer, placed.get("paymentUrl").asText(), GOOD_CARD);
        drain(e);
        String id = subscription(customer).get("id").asText();
        String base = "/api/v1/subscriptions/" + id;

        assertThat(TestUsers.signIn(e, "customer").client().get(base).status()).as("another customer's subscription").isEqualTo(404);
        Response ending = customer.postJson(base + "/cancel-at-period-end", Map.of());
        assertThat(ending.status()).as(ending.body()).isEqualTo(200);
        assertThat(ending.json().get("cancelAtPeriodEnd").asBoolean()).isTrue();
        assertThat(ending.json().hasNonNull("nextChargeAt")).as("nothing more will be charged").isFalse();
        Response undone = customer.postJson(base + "/undo-cancel", Map.of());
        assertThat(undone.json().get("cancelAtPeriodEnd").asBoolean()).isFalse();
        assertThat(undone.json().get("nextChargeAt").asText()).isEqualTo(undone.json().get("currentPeriodEndAt").asText());

        assertThat(customer.postJson(base + "/resume", Map.of()).json().get("code").asText()).as("an active one cannot resume")
                .isEqualTo("ILLEGAL_TRANSITION");
        assertThat(customer.postJson(base + "/pause", Map.of()).json().get("status").asText()).isEqualTo("paused");
        Response ending2 = customer.postJson(base + "/cancel-at-period-end", Map.of());
        assertThat(ending2.status()).as("a paused one has no period end to cancel at").isEqualTo(409);
        assertThat(customer.postJson(base + "/resume", Map.of()).json().get("status").asText()).isEqualTo("active");
        assertThat(customer.postJson(base + "/cancel", Map.of()).json().get("status").asText()).isEqualTo("canceled");
        Response again = customer.postJson(base + "/pause", Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("ILLEGAL_TRANSITION");
        assertThat(SubscriptionFixture.count(e, "SELECT COUNT(*) FROM subscription_events WHERE subscription_id = ?", id))
                .as("paused, active, canceled").isEqualTo(3);
        assertThat(SubscriptionFixture.count(e, "SELECT COUNT(*) FROM outbox WHERE topic = 'subscription.status-changed' AND payload LIKE ?",
                "%" + id + "%")).isEqualTo(3);
    }

    @EngineTest
    void theSellersPlanFormShowsErrorsBesideTheFieldsAndTheStorefrontShowsTheTerms(TestEngine e) {
        TestClient seller = TestUsers.signIn(e, "seller").client();
        Response created = seller.postJson("/api/v1/seller/products", Map.of("title", "Form Tool " + System.nanoTime(), "description", "x",
                "type", "software", "attributes", Map.of(), "categories", java.util.List.of(), "tags", java.util.List.of()));
        String product = created.json().get("id").asText();
        Document page = seller.get("/seller/products/" + product).html();
        Element form = page.selectFirst("form.add-plan");
        Map<String, String> fields = new LinkedHashMap<>();
        form.select("input[type=hidden]").forEach(i -> fields.put(i.attr("name"), i.attr("value")));
        fields.putAll(Map.of("name", "Every few days", "price", "5.00", "currency", "EUR", "interval", "days", "intervalDays", "",
                "trialDays", "900"));
        Response refused = seller.postForm(form.attr("action"), fields);
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        Document again = refused.html();
        assertThat(again.select("form.add-plan").text()).contains("1 to 3650").contains("0 to 365");
        assertThat(again.selectFirst("#plan-name").attr("value")).as("input kept").isEqualTo("Every few days");
        assertThat(again.selectFirst("#plan-interval option[selected]").attr("value")).isEqualTo("days");

        Response api = seller.postJson("/api/v1/seller/products/" + product + "/plans", Map.of("name", "Free forever", "priceMinor", 0,
                "currency", "EUR", "interval", "month"));
        assertThat(api.status()).isEqualTo(422);
        assertThat(api.body()).contains("priceMinor");

        String plan = recurringPlan(e, monthly(2900, 14));
        String slug = e.jdbi().withHandle(h -> h.createQuery("SELECT p.slug FROM products p JOIN plans l ON l.product_id = p.id WHERE l.id = :id")
                .bind("id", plan).mapTo(String.class).one());
        assertThat(e.client().get("/products/" + slug).html().select(".plan .price").text()).isEqualTo("29.00 EUR / month, 14-day free trial");
    }
}
