package com.mintreu.plugins.paymentpaypal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mintreu.api.money.Money;
import com.mintreu.api.payment.CancelSubscriptionRequest;
import com.mintreu.api.payment.GatewayEvent;
import com.mintreu.api.payment.PaymentGatewayException;
import com.mintreu.api.payment.SubscriptionEvent;
import com.mintreu.api.payment.SubscriptionEvent.Kind;
import com.mintreu.api.payment.WebhookRejectedException;
import com.mintreu.api.payment.WebhookRejectedException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PayPal's subscription webhooks, verified like every PayPal webhook, as {@link SubscriptionEvent}s:
 * activation, each billed cycle (PAYMENT.SALE.COMPLETED, the sale as payment reference and the
 * period's end from the subscription when the sale is its last payment), failed renewals, and the
 * ends (CANCELLED, SUSPENDED, EXPIRED). Resources come from {@link FakePayPalSubscriptions}, as
 * PayPal would send them for the subscription it holds.
 */
class SubscriptionWebhookTest {

    @TempDir
    Path dir;
    Fixture f;
    String id;

    @BeforeEach
    void start() throws Exception {
        f = new Fixture(dir);
        id = f.gateway.createSubscription(SubscriptionTest.request("sub_01", 2900, Period.ofMonths(1), 1, 0)).providerReference();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    static String event(String type, String resourceType, JsonNode resource, Instant at) {
        ObjectNode event = FakePayPal.JSON.createObjectNode();
        event.put("id", "WH-" + Math.abs(resource.hashCode()) + "-" + type.hashCode() + at.getEpochSecond()).put("create_time", at.toString())
                .put("resource_type", resourceType).put("event_type", type).put("event_version", "1.0").put("resource_version", "2.0");
        event.set("resource", resource);
        return event.toString();
    }

    List<GatewayEvent> deliver(String event) throws WebhookRejectedException {
        return List.copyOf(f.gateway.parseWebhook(Fixture.webhook(f.paypal.deliver(event, Fixture.NOW.minusSeconds(2)))));
    }

    SubscriptionEvent only(String event) throws WebhookRejectedException {
        List<GatewayEvent> events = deliver(event);
        assertThat(events).hasSize(1);
        return (SubscriptionEvent) events.get(0);
    }

    @Test
    void activationThenEachBilledCycleIsAPaidPeriodFromTheSaleToPayPalsNextBillingTime() throws Exception {
        Instant start = Instant.parse("2026-03-01T11:00:00Z");
        SubscriptionEvent activated = only(event("BILLING.SUBSCRIPTION.ACTIVATED", "subscription", f.paypal.subscriptions.approve(id, start), start));
        assertThat(activated.kind()).isEqualTo(Kind.ACTIVATED);
        assertThat(activated.providerReference()).isEqualTo(id);
        assertThat(activated.subscriptionId()).isEqualTo("sub_01");

        ObjectNode sale = f.paypal.subscriptions.bill(id, start);
        SubscriptionEvent paid = only(event("PAYMENT.SALE.COMPLETED", "sale", sale, start.plusSeconds(5)));

        assertThat(paid).isEqualTo(new SubscriptionEvent(paid.providerEventId(), id, null, "sub_01", Kind.PERIOD_PAID, Money.of(2900, "EUR"),
                start, Instant.parse("2026-04-01T11:00:00Z"), sale.path("id").asText(), start.plusSeconds(5), "PAYMENT.SALE.COMPLETED"));
        assertThat(f.paypal.requests("GET", "/v1/billing/subscriptions/" + id)).hasSize(1);
    }

    @Test
    void aSaleDeliveredAfterTheNextOneHasNoPeriodRatherThanTheWrongOne() throws Exception {
        Instant start = Instant.parse("2026-01-01T11:00:00Z");
        f.paypal.subscriptions.approve(id, start);
        ObjectNode january = f.paypal.subscriptions.bill(id, start);
        f.paypal.subscriptions.bill(id, Instant.parse("2026-02-01T11:00:00Z"));

        SubscriptionEvent late = only(event("PAYMENT.SALE.COMPLETED", "sale", january, start));

        assertThat(late.kind()).isEqualTo(Kind.PERIOD_PAID);
        assertThat(late.paymentReference()).isEqualTo(january.path("id").asText());
        assertThat(late.periodStart()).isNull();
        assertThat(late.periodEnd()).isNull();
    }

    @Test
    void aFailedRenewalIsPaymentFailedWithTheAmountAndOneReferencePerFailure() throws Exception {
        Instant start = Instant.parse("2026-01-01T11:00:00Z");
        f.paypal.subscriptions.approve(id, start);
        f.paypal.subscriptions.bill(id, start);
        Instant due = Instant.parse("2026-02-01T11:00:00Z");

        SubscriptionEvent failed = only(event("BILLING.SUBSCRIPTION.PAYMENT.FAILED", "subscription", f.paypal.subscriptions.failPayment(id, due), due));
        SubscriptionEvent again = only(event("BILLING.SUBSCRIPTION.PAYMENT.FAILED", "subscription",
                f.paypal.subscriptions.failPayment(id, due.plusSeconds(5 * 86400)), due.plusSeconds(5 * 86400)));

        assertThat(failed.kind()).isEqualTo(Kind.PAYMENT_FAILED);
        assertThat(failed.amount()).isEqualTo(Money.of(2900, "EUR"));
        assertThat(failed.subscriptionId()).isEqualTo("sub_01");
        assertThat(failed.paymentReference()).isEqualTo(id + ":failed:" + due);
        assertThat(again.paymentReference()).isNotEqualTo(failed.paymentReference());

        // the third failure reaches the plan's threshold: PayPal suspends, it bills no more
        Instant third = due.plusSeconds(10 * 86400);
        f.paypal.subscriptions.failPayment(id, third);
        assertThat(f.paypal.subscriptions.subscription(id).path("status").asText()).isEqualTo("SUSPENDED");
        SubscriptionEvent suspended = only(event("BILLING.SUBSCRIPTION.SUSPENDED", "subscription", f.paypal.subscriptions.resource(id), third));
        assertThat(suspended.kind()).isEqualTo(Kind.CANCELED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"BILLING.SUBSCRIPTION.CANCELLED", "BILLING.SUBSCRIPTION.EXPIRED"})
    void theEndsAtPayPalAreCanceled(String type) throws Exception {
        f.paypal.subscriptions.approve(id, Fixture.NOW);
        f.gateway.cancelSubscription(new CancelSubscriptionRequest(id, true, "cancel-1"));

        SubscriptionEvent ended = only(event(type, "subscription", f.paypal.subscriptions.resource(id), Fixture.NOW));

        assertThat(ended.kind()).isEqualTo(Kind.CANCELED);
        assertThat(ended.providerReference()).isEqualTo(id);
        assertThat(ended.subscriptionId()).isEqualTo("sub_01");
        assertThat(ended.amount()).isNull();
    }

    @Test
    void aSaleWithoutBillingAgreementIsNotAboutASubscription() throws Exception {
        f.paypal.subscriptions.approve(id, Fixture.NOW);
        ObjectNode sale = f.paypal.subscriptions.bill(id, Fixture.NOW);
        sale.remove("billing_agreement_id");
        assertThat(deliver(event("PAYMENT.SALE.COMPLETED", "sale", sale, Fixture.NOW))).isEmpty();
    }

    @Test
    void aForgedRenewalIsRefusedBeforeAnythingIsRead() {
        f.paypal.subscriptions.approve(id, Fixture.NOW);
        String forged = event("PAYMENT.SALE.COMPLETED", "sale", f.paypal.subscriptions.bill(id, Fixture.NOW), Fixture.NOW);
        assertThatThrownBy(() -> f.gateway.parseWebhook(Fixture.webhook(f.paypal.forge(forged.getBytes(StandardCharsets.UTF_8),
                Fixture.NOW.minusSeconds(2))))).isInstanceOfSatisfying(WebhookRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
        assertThat(f.paypal.requests("GET", "/v1/billing/subscriptions/")).isEmpty();
    }

    @Test
    void unreadableSubscriptionEventsAreMalformedNeverGuessed() {
        f.paypal.subscriptions.approve(id, Fixture.NOW);
        ObjectNode sale = f.paypal.subscriptions.bill(id, Fixture.NOW);
        ObjectNode noAmount = sale.deepCopy();
        noAmount.remove("amount");
        ObjectNode badAgreement = sale.deepCopy().put("billing_agreement_id", "../v2/checkout/orders/X");
        ObjectNode badId = f.paypal.subscriptions.resource(id).put("id", "SUB 1");
        ObjectNode noFailure = f.paypal.subscriptions.resource(id);
        noFailure.with("billing_info").remove("outstanding_balance");
        for (String body : List.of(event("PAYMENT.SALE.COMPLETED", "sale", noAmount, Fixture.NOW),
                event("PAYMENT.SALE.COMPLETED", "sale", badAgreement, Fixture.NOW),
                event("BILLING.SUBSCRIPTION.CANCELLED", "subscription", badId, Fixture.NOW),
                event("BILLING.SUBSCRIPTION.PAYMENT.FAILED", "subscription", noFailure, Fixture.NOW))) {
            assertThatThrownBy(() -> deliver(body)).as(body).isInstanceOfSatisfying(WebhookRejectedException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
        }
    }

    @Test
    void payPalUnreachableWhileReadingTheSubscriptionIsUnavailableSoPayPalDeliversAgain() {
        f.paypal.subscriptions.approve(id, Fixture.NOW);
        String body = event("PAYMENT.SALE.COMPLETED", "sale", f.paypal.subscriptions.bill(id, Fixture.NOW), Fixture.NOW);
        f.paypal.fail("/v1/billing/subscriptions/", 503);
        assertThatThrownBy(() -> deliver(body)).isInstanceOfSatisfying(PaymentGatewayException.class,
                e -> assertThat(e.reason()).isEqualTo(PaymentGatewayException.Reason.UNAVAILABLE));
    }
}
