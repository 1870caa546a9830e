package com.mintreu.engine.checkout;

import static com.mintreu.engine.checkout.MoneyPathFixture.checkout;
import static com.mintreu.engine.checkout.MoneyPathFixture.pressOnSandbox;
import static com.mintreu.engine.checkout.MoneyPathFixture.publishedPlan;
import static com.mintreu.engine.checkout.MoneyPathFixture.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.plugin.BundledTestPlugins;
import com.mintreu.engine.plugin.FlakyGatewayPlugin;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the gateway cannot open a payment page the order is saved, the buyer is told which kind of
 * failure it was and what to do, can press "Pay now" (with another gateway when several run), and
 * an order that never gets a payment page expires and gives its voucher use back.
 */
class PaymentStartFailureTest {

    @TempDir
    Path plugins;

    private TestEngine boot(String kind, String extraYaml) {
        BundledTestPlugins.writeTo(plugins);
        FlakyGatewayPlugin.writeTo(plugins);
        return TestEngine.boot(kind, MoneyPathFixture.CONFIG + "engine: {pluginsDir: '" + plugins + "', pluginCallTimeout: 1s}\n" + extraYaml);
    }

    private static Response checkoutWithFlaky(TestClient customer, String plan) {
        return checkout(customer, plan, null, Map.of("gateway", "payment-flaky"));
    }

    private static String orderIdIn(Response problem) {
        return problem.json().get("detail").asText().replaceAll(".*order (ord_\\w+).*", "$1");
    }

    @Test
    void eachKindOfFailureSaysWhatToDoAndPayNowRecovers() {
        for (String kind : TestDatabase.kinds()) {
            try (TestEngine e = boot(kind, "")) {
                TestClient customer = TestUsers.signIn(e, "customer").client();
                Map<Long, String> expected = Map.of(FlakyGatewayPlugin.HANGS, "GATEWAY_TIMEOUT", FlakyGatewayPlugin.UNREACHABLE,
                        "GATEWAY_UNAVAILABLE", FlakyGatewayPlugin.BAD_KEY, "GATEWAY_CONFIGURATION");
                for (Map.Entry<Long, String> c : expected.entrySet()) {
                    Response failed = checkoutWithFlaky(customer, publishedPlan(e, c.getKey()));
                    assertThat(failed.header("Content-Type")).as(failed.body()).startsWith("application/problem+json");
                    assertThat(failed.json().get("code").asText()).as(kind).isEqualTo(c.getValue());
                    assertThat(failed.status()).isEqualTo(c.getValue().equals("GATEWAY_TIMEOUT") ? 504 : 502);
                    String orderId = orderIdIn(failed);
                    assertThat(status(customer, orderId)).as("the order is saved").isEqualTo("pending");
                }

                // the page: the buyer lands on the order, told what happened, with "Pay now" and a choice of gateway
                Response cart = customer.postJson("/api/v1/cart/items", Map.of("planId", publishedPlan(e, FlakyGatewayPlugin.BAD_KEY)));
                assertThat(cart.status()).isEqualTo(200);
                Response placed = customer.submitForm("/cart", "form[action=/checkout]", Map.of("gateway", "payment-flaky"));
                assertThat(placed.status()).as(placed.body()).isEqualTo(303);
                String location = placed.header("Location");
                assertThat(location).matches("/account/orders/ord_\\w+\\?notice=payment-configuration");
                String orderId = location.replaceAll(".*/(ord_\\w+)\\?.*", "$1");
                Document page = customer.get(location).html();
                assertThat(page.select("[role=alert]").text()).contains("shop's settings").contains("Choose another payment method");
                assertThat(page.select("form[action$=/pay] input[name=gateway]").eachAttr("value"))
                        .containsExactlyInAnyOrder("payment-flaky", "payment-sandbox");
                assertThat(page.select("form[action$=/pay] input[name=gateway][checked]").attr("value")).isEqualTo("payment-flaky");

                Document unreachable = customer.get("/account/orders/" + orderId + "?notice=payment-unavailable").html();
                assertThat(unreachable.select("[role=alert]").text()).contains("could not reach the payment provider");
                Document slow = customer.get("/account/orders/" + orderId + "?notice=payment-timeout").html();
                assertThat(slow.select("[role=alert]").text()).contains("did not answer in time");

                Response retried = customer.submitForm("/account/orders/" + orderId, "form[action$=/pay]", Map.of("gateway", "payment-flaky"));
                assertThat(retried.header("Location")).as("the same failure again").endsWith("?notice=payment-configuration");

                Response other = customer.submitForm("/account/orders/" + orderId, "form[action$=/pay]", Map.of("gateway", "payment-sandbox"));
                assertThat(other.status()).isEqualTo(303);
                assertThat(other.header("Location")).contains("/plugins/payment-sandbox/checkout/");
                assertThat(customer.get("/api/v1/orders/" + orderId).json().get("gateway").asText()).isEqualTo("payment-sandbox");

                Response switchBack = customer.postJson("/api/v1/orders/" + orderId + "/pay", Map.of("gateway", "payment-flaky"));
                assertThat(switchBack.status()).as("a payment session exists at the sandbox").isEqualTo(409);
                assertThat(switchBack.json().get("code").asText()).isEqualTo("PAYMENT_ALREADY_STARTED");
                assertThat(customer.get("/account/orders/" + orderId).html().select("a.button").text()).contains("Pay now");

                pressOnSandbox(customer, other.header("Location"), "pay");
                assertThat(status(customer, orderId)).isEqualTo("paid");

                TestClient stranger = TestUsers.signIn(e, "customer").client();
                assertThat(stranger.postJson("/api/v1/orders/" + orderId + "/pay", Map.of()).status()).isEqualTo(404);
            }
        }
    }

    @Test
    void anOrderThatNeverReachedAPaymentPageExpiresAndGivesItsVoucherBack() {
        for (String kind : TestDatabase.kinds()) {
            try (TestEngine e = boot(kind, "orders: {expireWithoutSessionAfter: 30m}\n")) {
                TestClient admin = TestUsers.signIn(e, "admin").client();
                String code = "SOLO-" + kind.toUpperCase();
                assertThat(admin.postJson("/api/v1/admin/vouchers", Map.of("code", code, "amountMinor", 1, "currency", "EUR", "maxUses", 1))
                        .status()).isEqualTo(201);
                String plan = publishedPlan(e, FlakyGatewayPlugin.UNREACHABLE + 1); // 2222 after the voucher's 1 off
                TestClient customer = TestUsers.signIn(e, "customer").client();
                Response failed = checkout(customer, plan, null, Map.of("gateway", "payment-flaky", "voucher", code));
                assertThat(failed.json().get("code").asText()).as(failed.body()).isEqualTo("GATEWAY_UNAVAILABLE");
                String orderId = orderIdIn(failed);

                TestClient other = TestUsers.signIn(e, "customer").client();
                Response exhausted = checkout(other, plan, null, Map.of("gateway", "payment-sandbox", "voucher", code));
                assertThat(exhausted.json().get("code").asText()).isEqualTo("VOUCHER_EXHAUSTED");

                e.clock().advance(Duration.ofMinutes(29));
                assertThat(e.engine().component().jobScheduler().runDue()).contains("order-expire-without-session");
                assertThat(status(customer, orderId)).as("not yet").isEqualTo("pending");

                e.clock().advance(Duration.ofMinutes(6)); // past the job's interval and the 30 minutes
                assertThat(e.engine().component().jobScheduler().runDue()).contains("order-expire-without-session");
                assertThat(status(customer, orderId)).isEqualTo("expired");

                Response second = other.postJson("/api/v1/checkout", Map.of("gateway", "payment-sandbox", "voucher", code));
                assertThat(second.status()).as("the single use came back: " + second.body()).isEqualTo(201);
                assertThat(status(other, second.json().get("orderId").asText())).as("an order with a payment page is left to reconciliation")
                        .isEqualTo("pending");
            }
        }
    }
}
