package com.mintreu.engine.subscription;

import static com.mintreu.engine.subscription.SubscriptionFixture.GOOD_CARD;
import static com.mintreu.engine.subscription.SubscriptionFixture.again;
import static com.mintreu.engine.subscription.SubscriptionFixture.checkout;
import static com.mintreu.engine.subscription.SubscriptionFixture.count;
import static com.mintreu.engine.subscription.SubscriptionFixture.drain;
import static com.mintreu.engine.subscription.SubscriptionFixture.monthly;
import static com.mintreu.engine.subscription.SubscriptionFixture.payOnSandbox;
import static com.mintreu.engine.subscription.SubscriptionFixture.recurringPlan;
import static com.mintreu.engine.subscription.SubscriptionFixture.renewalJob;
import static com.mintreu.engine.subscription.SubscriptionFixture.subscription;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A free trial whose plan asks for a payment method up front: checkout goes through the sandbox's
 * setup page (nothing charged, "save my card" required), the trial starts with the saved card and
 * converts by charging it when it ends. Without the flag a trial starts with no card, as before.
 */
@WithConfig(bundledPlugins = true, value = SubscriptionFixture.CONFIG)
class TrialPaymentMethodTest {

    private static Map<String, Object> cardTrial() {
        Map<String, Object> plan = new HashMap<>(monthly(1000, 7));
        plan.put("trialRequiresPaymentMethod", true);
        return plan;
    }

    @EngineTest
    void aTrialThatNeedsACardSavesItOnTheGatewaysPageAndConvertsByChargingIt(TestEngine e) {
        String plan = recurringPlan(e, cardTrial());
        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        TestClient customer = buyer.client();
        JsonNode placed = checkout(customer, plan);
        String orderId = placed.get("orderId").asText();
        String paymentUrl = placed.path("paymentUrl").asText(null);
        assertThat(paymentUrl).as("the buyer is sent to the gateway's page, not given a free order").isNotNull();
        JsonNode order = customer.get("/api/v1/orders/" + orderId).json();
        assertThat(order.get("status").asText()).isEqualTo("pending");
        assertThat(order.get("total").get("minor").asLong()).isZero();

        Document page = customer.get(paymentUrl).html();
        assertThat(page.getElementById("setup-intro").text()).contains("Nothing is charged today");
        Element save = page.selectFirst("input[name=save]");
        assertThat(save.hasAttr("required")).isTrue();
        assertThat(page.select("button[value=later]")).as("nothing to pay later").isEmpty();

        // the page refuses to finish without saving the card: nothing happens
        Response unsaved = submit(customer, paymentUrl, page, false);
        assertThat(unsaved.status()).isEqualTo(422);
        assertThat(unsaved.html().selectFirst("[role=status]").text()).contains("needs a saved card");
        drain(e);
        assertThat(customer.get("/api/v1/orders/" + orderId).json().get("status").asText()).isEqualTo("pending");
        assertThat(customer.get("/api/v1/subscriptions").json().get("data")).isEmpty();

        // "Pay now" on the pending order opens the same setup page again (same session, nothing new at the gateway)
        Response again = customer.postJson("/api/v1/orders/" + orderId + "/pay", Map.of());
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("paymentUrl").asText()).isEqualTo(paymentUrl);

        payOnSandbox(customer, paymentUrl, GOOD_CARD);
        drain(e);
        assertThat(customer.get("/api/v1/orders/" + orderId).json().get("status").asText()).isIn("paid", "fulfilled");
        assertThat(count(e, "SELECT COUNT(*) FROM payment_sandbox_sessions WHERE order_id = ?", orderId)).isEqualTo(1);
        JsonNode trial = subscription(customer);
        assertThat(trial.get("status").asText()).isEqualTo("trialing");
        assertThat(trial.get("paymentMethod").asText()).isEqualTo("Test card •••• 4242");
        String id = trial.get("id").asText();

        e.clock().advance(Duration.ofDays(7).plusMinutes(5));
        renewalJob(e);
        TestClient later = again(e, buyer.id());
        JsonNode converted = later.get("/api/v1/subscriptions/" + id).json();
        assertThat(converted.get("status").asText()).as("the trial converted by charging the saved card").isEqualTo("active");
        assertThat(count(e, "SELECT COUNT(*) FROM subscription_charges WHERE subscription_id = ? AND status = 'succeeded'", id)).isEqualTo(1);
        assertThat(count(e, "SELECT COUNT(*) FROM orders WHERE renewal_of = ? AND status IN ('paid', 'fulfilled') AND total_minor = 1000", id))
                .isEqualTo(1);
    }

    @EngineTest
    void withoutTheFlagTheTrialStartsWithoutACardAndACardTrialIsBoughtAlone(TestEngine e) {
        String free = recurringPlan(e, monthly(1000, 7));
        TestClient customer = TestUsers.signIn(e, "customer").client();
        JsonNode placed = checkout(customer, free);
        assertThat(placed.path("paymentUrl").asText(null)).as("no card asked: a free order").isNull();
        drain(e);
        JsonNode trial = subscription(customer);
        assertThat(trial.get("status").asText()).isEqualTo("trialing");
        assertThat(trial.path("paymentMethod").asText(null)).isNull();

        String card = recurringPlan(e, cardTrial());
        String paid = recurringPlan(e, monthly(500, 0));
        TestClient other = TestUsers.signIn(e, "customer").client();
        assertThat(other.postJson("/api/v1/cart/items", Map.of("planId", card, "quantity", 1)).status()).isEqualTo(200);
        assertThat(other.postJson("/api/v1/cart/items", Map.of("planId", paid, "quantity", 1)).status()).isEqualTo(200);
        Response mixed = other.postJson("/api/v1/checkout", Map.of("gateway", "payment-sandbox"));
        assertThat(mixed.status()).isEqualTo(422);
        assertThat(mixed.json().get("code").asText()).isEqualTo("PAYMENT_METHOD_REQUIRED");
        assertThat(mixed.json().get("detail").asText()).contains("bought on its own");
        assertThat(count(e, "SELECT COUNT(*) FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE l.plan_id = ?", card))
                .as("nothing half-written").isZero();
    }

    private static Response submit(TestClient customer, String paymentUrl, Document page, boolean save) {
        Element form = page.selectFirst("form[method=post]");
        Map<String, String> fields = new LinkedHashMap<>();
        form.select("input[type=hidden]").forEach(i -> fields.put(i.attr("name"), i.attr("value")));
        fields.put("action", "pay");
        fields.put("card", GOOD_CARD);
        if (save) {
            fields.put("save", "on");
        }
        return customer.postForm(URI.create(paymentUrl).resolve(form.attr("action")).toString(), fields);
    }
}
