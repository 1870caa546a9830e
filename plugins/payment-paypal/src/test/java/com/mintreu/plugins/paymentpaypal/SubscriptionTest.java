package com.mintreu.plugins.paymentpaypal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mintreu.api.money.Money;
import com.mintreu.api.payment.CancelSubscriptionRequest;
import com.mintreu.api.payment.CheckoutSession;
import com.mintreu.api.payment.PaymentGatewayException;
import com.mintreu.api.payment.SubscriptionRequest;
import java.net.URI;
import java.nio.file.Path;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code createSubscription} makes the catalog product and billing plan once per stable key, then
 * the subscription PayPal's buyer approves; {@code cancelSubscription} cancels at PayPal (again
 * without error); {@code paymentMethodUpdateUrl} names the buyer's PayPal page. Against
 * {@link FakePayPalSubscriptions}, which keeps PayPal's request-id replays and refusals.
 */
class SubscriptionTest {

    @TempDir
    Path dir;
    Fixture f;

    @BeforeEach
    void start() throws Exception {
        f = new Fixture(dir);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    static SubscriptionRequest request(String subscriptionId, long amountMinor, Period interval, int quantity, int trialDays) {
        return new SubscriptionRequest(subscriptionId, "ord_" + subscriptionId, "Focus Timer Pro – Monthly", Money.of(amountMinor, "EUR"),
                interval, quantity, trialDays, true, "buyer@example.com",
                URI.create("https://shop.test/account/subscriptions/" + subscriptionId + "?notice=subscribed"),
                URI.create("https://shop.test/account/subscriptions/" + subscriptionId + "?notice=canceled"), "subkey-" + subscriptionId);
    }

    @Test
    void aSubscriptionIsAPlanWithATrialAndThePayPalApprovalPage() {
        assertThat(f.gateway.capabilities().subscriptions()).isTrue();

        CheckoutSession session = f.gateway.createSubscription(request("sub_01", 2900, Period.ofMonths(1), 1, 14));

        assertThat(session.providerReference()).matches("I-[A-Z0-9]+");
        assertThat(session.redirectUrl().toString()).startsWith("https://www.paypal.com/webapps/billing/subscriptions?ba_token=BA-");
        JsonNode product = f.paypal.requests("POST", "/v1/catalogs/products").get(0).json();
        assertThat(product.path("name").asText()).isEqualTo("Focus Timer Pro – Monthly");
        assertThat(product.path("type").asText()).isEqualTo("DIGITAL");
        ObjectNode plan = f.paypal.subscriptions.planOf(session.providerReference());
        assertThat(plan.path("product_id").asText()).startsWith("PROD-");
        assertThat(plan.path("quantity_supported").asBoolean()).isTrue();
        JsonNode trial = plan.path("billing_cycles").path(0);
        assertThat(trial.path("tenure_type").asText()).isEqualTo("TRIAL");
        assertThat(trial.path("frequency").path("interval_unit").asText()).isEqualTo("DAY");
        assertThat(trial.path("frequency").path("interval_count").asInt()).isEqualTo(14);
        assertThat(trial.path("total_cycles").asInt()).isEqualTo(1);
        assertThat(trial.has("pricing_scheme")).as("a free trial").isFalse();
        JsonNode regular = plan.path("billing_cycles").path(1);
        assertThat(regular.path("tenure_type").asText()).isEqualTo("REGULAR");
        assertThat(regular.path("sequence").asInt()).isEqualTo(2);
        assertThat(regular.path("frequency").path("interval_unit").asText()).isEqualTo("MONTH");
        assertThat(regular.path("total_cycles").asInt()).isZero();
        assertThat(regular.path("pricing_scheme").path("fixed_price").path("value").asText()).isEqualTo("29.00");
        assertThat(regular.path("pricing_scheme").path("fixed_price").path("currency_code").asText()).isEqualTo("EUR");
        assertThat(plan.path("payment_preferences").path("payment_failure_threshold").asInt()).isEqualTo(Plans.FAILURE_THRESHOLD);

        FakePayPal.Recorded create = f.paypal.requests("POST", "/v1/billing/subscriptions").get(0);
        assertThat(create.header("PayPal-Request-Id")).isEqualTo("subkey-sub_01");
        JsonNode body = create.json();
        assertThat(body.path("custom_id").asText()).isEqualTo("sub_01");
        assertThat(body.path("quantity").asText()).isEqualTo("1");
        assertThat(body.path("subscriber").path("email_address").asText()).isEqualTo("buyer@example.com");
        assertThat(body.path("application_context").path("return_url").asText())
                .isEqualTo("https://shop.test/account/subscriptions/sub_01?notice=subscribed");
        assertThat(body.path("application_context").path("cancel_url").asText())
                .isEqualTo("https://shop.test/account/subscriptions/sub_01?notice=canceled");
        assertThat(body.path("application_context").path("user_action").asText()).isEqualTo("SUBSCRIBE_NOW");
        assertThat(f.paypal.subscriptions.subscription(session.providerReference()).path("status").asText()).isEqualTo("APPROVAL_PENDING");
    }

    @Test
    void aRetryGetsTheSameSubscriptionAndPlansAreMadeOncePerKeyAcrossRestarts() throws Exception {
        CheckoutSession first = f.gateway.createSubscription(request("sub_01", 2900, Period.ofMonths(1), 1, 0));
        CheckoutSession retry = f.gateway.createSubscription(request("sub_01", 2900, Period.ofMonths(1), 1, 0));
        CheckoutSession other = f.gateway.createSubscription(request("sub_02", 2900, Period.ofMonths(1), 1, 0));

        assertThat(retry).isEqualTo(first);
        assertThat(other.providerReference()).isNotEqualTo(first.providerReference());
        assertThat(f.paypal.subscriptions.subscriptionsCreated).hasValue(2);
        // cached: the second and third subscription did not ask PayPal for the product or plan again
        assertThat(f.paypal.requests("POST", "/v1/catalogs/products")).hasSize(1);
        assertThat(f.paypal.requests("POST", "/v1/billing/plans")).hasSize(1);

        // another node (or a restart) has no cache: the same PayPal-Request-Id gets the same product and plan
        PayPalGateway node2 = new PayPalGateway();
        node2.start(f.ctx);
        try {
            CheckoutSession third = node2.createSubscription(request("sub_03", 2900, Period.ofMonths(1), 1, 0));
            assertThat(f.paypal.requests("POST", "/v1/catalogs/products")).hasSize(2);
            assertThat(f.paypal.subscriptions.productsCreated).hasValue(1);
            assertThat(f.paypal.subscriptions.plansCreated).hasValue(1);
            assertThat(f.paypal.subscriptions.planOf(third.providerReference()).path("id").asText())
                    .isEqualTo(f.paypal.subscriptions.planOf(first.providerReference()).path("id").asText());
        } finally {
            node2.stop();
        }

        // a different price is a different plan of the same product
        CheckoutSession dearer = f.gateway.createSubscription(request("sub_04", 3900, Period.ofMonths(1), 1, 0));
        assertThat(f.paypal.subscriptions.plansCreated).hasValue(2);
        assertThat(f.paypal.subscriptions.productsCreated).hasValue(1);
        assertThat(f.paypal.subscriptions.planOf(dearer.providerReference()).path("billing_cycles").path(0)
                .path("pricing_scheme").path("fixed_price").path("value").asText()).isEqualTo("39.00");
    }

    @Test
    void racingRetriesOfOneCheckoutMakeOneSubscriptionOnOneProductAndPlan() throws Exception {
        int n = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try {
            List<java.util.concurrent.Future<CheckoutSession>> sessions = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                sessions.add(pool.submit(() -> {
                    start.await();
                    return f.gateway.createSubscription(request("sub_01", 2900, Period.ofMonths(1), 1, 0));
                }));
            }
            start.countDown();
            java.util.Set<String> references = new java.util.HashSet<>();
            for (java.util.concurrent.Future<CheckoutSession> session : sessions) {
                references.add(session.get(30, java.util.concurrent.TimeUnit.SECONDS).providerReference());
            }
            assertThat(references).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(f.paypal.subscriptions.subscriptionsCreated).hasValue(1);
        assertThat(f.paypal.subscriptions.productsCreated).hasValue(1);
        assertThat(f.paypal.subscriptions.plansCreated).hasValue(1);
    }

    @Test
    void undoingACancelIsNotOfferedPayPalCannotReviveACanceledSubscription() {
        CheckoutSession s = f.gateway.createSubscription(request("sub_01", 2900, Period.ofMonths(1), 1, 0));
        f.paypal.subscriptions.approve(s.providerReference(), Fixture.NOW);
        f.gateway.cancelSubscription(new CancelSubscriptionRequest(s.providerReference(), true, "cancel-sub_01"));
        assertThatThrownBy(() -> f.gateway.undoCancelSubscription(new CancelSubscriptionRequest(s.providerReference(), true, "undo-sub_01")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(f.paypal.subscriptions.subscription(s.providerReference()).path("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void seatsAreThePlansUnitPriceTimesTheQuantityPayPalBills() {
        CheckoutSession seats = f.gateway.createSubscription(request("sub_01", 5 * 1200, Period.ofMonths(1), 5, 0));
        assertThat(f.paypal.requests("POST", "/v1/billing/subscriptions").get(0).json().path("quantity").asText()).isEqualTo("5");
        assertThat(f.paypal.subscriptions.planOf(seats.providerReference()).path("billing_cycles").path(0)
                .path("pricing_scheme").path("fixed_price").path("value").asText()).isEqualTo("12.00");
        f.paypal.subscriptions.approve(seats.providerReference(), Fixture.NOW);
        assertThat(f.paypal.subscriptions.bill(seats.providerReference(), Fixture.NOW).path("amount").path("total").asText())
                .isEqualTo("60.00");

        // 10.01 EUR does not split into 2 seats: one plan of the whole amount, quantity 1
        CheckoutSession uneven = f.gateway.createSubscription(request("sub_02", 1001, Period.ofMonths(1), 2, 0));
        assertThat(f.paypal.requests("POST", "/v1/billing/subscriptions").get(1).json().path("quantity").asText()).isEqualTo("1");
        assertThat(f.paypal.subscriptions.planOf(uneven.providerReference()).path("billing_cycles").path(0)
                .path("pricing_scheme").path("fixed_price").path("value").asText()).isEqualTo("10.01");
    }

    @ParameterizedTest
    @CsvSource({"P1M,MONTH,1", "P3M,MONTH,3", "P1Y,YEAR,1", "P12M,YEAR,1", "P1W,WEEK,1", "P14D,WEEK,2", "P30D,DAY,30"})
    void intervalsBecomePayPalFrequencies(String interval, String unit, int count) {
        CheckoutSession s = f.gateway.createSubscription(request("sub_01", 900, Period.parse(interval), 1, 0));
        JsonNode frequency = f.paypal.subscriptions.planOf(s.providerReference()).path("billing_cycles").path(0).path("frequency");
        assertThat(frequency.path("interval_unit").asText()).isEqualTo(unit);
        assertThat(frequency.path("interval_count").asInt()).isEqualTo(count);
    }

    @ParameterizedTest
    @CsvSource({"P2Y", "P13M", "P1M2D", "P400D"})
    void intervalsPayPalCannotBillAreRejectedBeforeAnyCall(String interval) {
        assertThatThrownBy(() -> f.gateway.createSubscription(request("sub_01", 900, Period.parse(interval), 1, 0)))
                .isInstanceOfSatisfying(PaymentGatewayException.class, e -> assertThat(e.reason()).isEqualTo(PaymentGatewayException.Reason.REJECTED));
        assertThat(f.paypal.requests("POST", "/v1/")).isEmpty();
    }

    @Test
    void cancelCancelsAtPayPalAndARetryIsNoError() {
        CheckoutSession s = f.gateway.createSubscription(request("sub_01", 2900, Period.ofMonths(1), 1, 0));
        f.paypal.subscriptions.approve(s.providerReference(), Fixture.NOW);

        f.gateway.cancelSubscription(new CancelSubscriptionRequest(s.providerReference(), true, "cancel-sub_01"));
        f.gateway.cancelSubscription(new CancelSubscriptionRequest(s.providerReference(), true, "cancel-sub_01"));

        assertThat(f.paypal.subscriptions.subscription(s.providerReference()).path("status").asText()).isEqualTo("CANCELLED");
        List<FakePayPal.Recorded> cancels = f.paypal.requests("POST", "/v1/billing/subscriptions/" + s.providerReference() + "/cancel");
        assertThat(cancels).hasSize(2);
        assertThat(cancels.get(0).json().path("reason").asText()).isEqualTo(Subscriptions.CANCEL_REASON);
    }

    @Test
    void cancelingASubscriptionNeverApprovedIsPayPalsRefusal() {
        CheckoutSession s = f.gateway.createSubscription(request("sub_01", 2900, Period.ofMonths(1), 1, 0));
        assertThatThrownBy(() -> f.gateway.cancelSubscription(new CancelSubscriptionRequest(s.providerReference(), false, "k")))
                .isInstanceOfSatisfying(PaymentGatewayException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PaymentGatewayException.Reason.REJECTED);
                    assertThat(e.getMessage()).contains("SUBSCRIPTION_STATUS_INVALID");
                });
        assertThatThrownBy(() -> f.gateway.cancelSubscription(new CancelSubscriptionRequest("I-NOSUCHSUB", false, "k")))
                .isInstanceOfSatisfying(PaymentGatewayException.class, e -> assertThat(e.reason()).isEqualTo(PaymentGatewayException.Reason.NOT_FOUND));
        assertThatThrownBy(() -> f.gateway.cancelSubscription(new CancelSubscriptionRequest("../v2/checkout/orders", false, "k")))
                .isInstanceOfSatisfying(PaymentGatewayException.class, e -> assertThat(e.reason()).isEqualTo(PaymentGatewayException.Reason.NOT_FOUND));
        assertThat(f.paypal.requests("POST", "/v2/")).isEmpty();
    }

    @Test
    void paymentMethodUpdateUrlIsTheBuyersPayPalPageForTheSubscription() {
        assertThat(f.gateway.paymentMethodUpdateUrl("I-BW452GLLEP1G", URI.create("https://shop.test/account/subscriptions")))
                .contains(URI.create("https://www.paypal.com/myaccount/autopay/connect/I-BW452GLLEP1G"));
        assertThat(f.gateway.paymentMethodUpdateUrl("not an id", URI.create("https://shop.test/"))).isEmpty();
    }

    @Test
    void payPalDownIsUnavailableAndNoSubscriptionIsClaimed() {
        f.paypal.fail("/v1/billing/subscriptions", 503);
        assertThatThrownBy(() -> f.gateway.createSubscription(request("sub_01", 2900, Period.ofMonths(1), 1, 0)))
                .isInstanceOfSatisfying(PaymentGatewayException.class, e -> assertThat(e.reason()).isEqualTo(PaymentGatewayException.Reason.UNAVAILABLE));
        f.paypal.clearFaults();
        CheckoutSession s = f.gateway.createSubscription(request("sub_01", 2900, Period.ofMonths(1), 1, 0));
        assertThat(f.paypal.subscriptions.subscriptionsCreated).hasValue(1);
        assertThat(s.providerReference()).matches("I-[A-Z0-9]+");
    }
}
