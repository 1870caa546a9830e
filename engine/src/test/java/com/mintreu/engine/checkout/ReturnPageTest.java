package com.mintreu.engine.checkout;

import static com.mintreu.engine.checkout.MoneyPathFixture.checkout;
import static com.mintreu.engine.checkout.MoneyPathFixture.pressOnSandbox;
import static com.mintreu.engine.checkout.MoneyPathFixture.publishedPlan;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.net.URI;
import java.util.Map;
import org.jsoup.nodes.Document;

/**
 * The page the provider sends the buyer back to says what comes next: while the purchase is being
 * prepared it says so and refreshes itself (no JavaScript), and once fulfilled it shows the keys and downloads.
 */
@WithConfig(bundledPlugins = true, value = MoneyPathFixture.CONFIG)
class ReturnPageTest {

    @EngineTest
    void afterPayingThePageWaitsForThePurchaseThenShowsIt(TestEngine e) {
        String plan = publishedPlan(e, 1500, "software");
        TestClient customer = TestUsers.signIn(e, "customer").client();
        JsonNode placed = checkout(customer, plan, null, Map.of()).json();
        String orderId = placed.get("orderId").asText();
        Response back = pressOnSandbox(customer, placed.get("paymentUrl").asText(), "pay");
        String returnPath = URI.create(back.header("Location")).getRawPath() + "?" + URI.create(back.header("Location")).getRawQuery();

        // paid, not yet fulfilled (the outbox has not run): say so, and refresh
        Document preparing = customer.get(returnPath).html();
        assertThat(preparing.select(".state").text()).isEqualTo("Paid");
        assertThat(preparing.select("[role=status]").text()).contains("preparing your purchase");
        assertThat(preparing.select("meta[http-equiv=refresh]").attr("content")).isNotBlank();
        assertThat(preparing.select("[role=status] a").attr("href")).isEqualTo("/account/orders/" + orderId);

        e.engine().component().outboxDispatcher().deliverDue();
        Document ready = customer.get(returnPath).html();
        assertThat(ready.select(".state").text()).isEqualTo("Fulfilled");
        assertThat(ready.select("meta[http-equiv=refresh]")).as("nothing left to wait for").isEmpty();
        assertThat(ready.select("[role=status]").text()).contains("ready below");
        assertThat(ready.select(".license-key input.key").attr("value")).isNotBlank();
        assertThat(ready.select(".entitlement-download a[download]").attr("href")).isNotBlank();
    }

    @EngineTest
    void whileThePaymentIsUnconfirmedThePageRefreshesItself(TestEngine e) {
        String plan = publishedPlan(e, 900);
        TestClient customer = TestUsers.signIn(e, "customer").client();
        JsonNode placed = checkout(customer, plan, null, Map.of()).json();
        String orderId = placed.get("orderId").asText();
        pressOnSandbox(customer, placed.get("paymentUrl").asText(), "later");

        Document waiting = customer.get("/account/orders/" + orderId + "?notice=returned").html();
        assertThat(waiting.select(".state").text()).isEqualTo("Pending");
        assertThat(waiting.select("meta[http-equiv=refresh]").attr("content")).isNotBlank();
        assertThat(waiting.select("[role=status] a").attr("href")).contains("/account/orders/" + orderId);
        assertThat(customer.get("/account/orders/" + orderId).html().select("meta[http-equiv=refresh]"))
                .as("a pending order's page opened later does not reload forever").isEmpty();
    }
}
