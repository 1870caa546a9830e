package com.mintreu.plugins.paymentstripe;

import static com.mintreu.plugins.paymentstripe.StripeTestbed.NOW;
import static com.mintreu.plugins.paymentstripe.StripeTestbed.event;
import static com.mintreu.plugins.paymentstripe.StripeTestbed.order;
import static com.mintreu.plugins.paymentstripe.StripeTestbed.signedNow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mintreu.api.money.Money;
import com.mintreu.api.payment.DisputeEvent;
import com.mintreu.api.payment.GatewayEvent;
import com.mintreu.api.payment.PaymentGatewayException;
import com.mintreu.api.payment.RefundEvent;
import com.mintreu.api.payment.RefundRequest;
import com.stripe.Stripe;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** charge.refunded and refund.* → RefundEvents, charge.dispute.* → DisputeEvents, against a session paid at the fake. */
class RefundAndDisputeEventsTest {

    @TempDir
    Path dir;

    StripeTestbed bed;
    String sessionId;
    String intentId;

    @BeforeEach
    void paidSession() {
        bed = new StripeTestbed(dir);
        sessionId = bed.gateway.createCheckout(order("ord_1", "chk_1")).providerReference();
        intentId = bed.stripe.complete(sessionId, true).get("payment_intent").asText();
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    List<GatewayEvent> parse(String type, ObjectNode object) throws Exception {
        return List.copyOf(bed.gateway.parseWebhook(signedNow(event("evt_1", type, object, Stripe.API_VERSION))));
    }

    @Test
    void aRefundThePluginMadeComesBackWithTheEnginesRefundId() throws Exception {
        String refundId = bed.gateway.refund(new RefundRequest(sessionId, "ord_1", new Money(1000, "EUR"), "broken", "rfd_1")).providerRefundId();
        assertThat(bed.stripe.requests("POST", "/v1/refunds").getFirst().params()).containsEntry("metadata[refund_id]", "rfd_1");

        assertThat(parse("charge.refunded", bed.stripe.charge(sessionId))).containsExactly(new RefundEvent("evt_1", refundId, intentId,
                "ord_1", "rfd_1", new Money(1000, "EUR"), RefundEvent.Status.SUCCEEDED, NOW.minusSeconds(5), "charge.refunded"));
        assertThat(bed.stripe.requests("GET", "/v1/checkout/sessions")).as("the charge names the order: no lookup").isEmpty();
    }

    @Test
    void everyRefundOfTheChargeIsReportedWithItsOwnAmount() throws Exception {
        String engine = bed.gateway.refund(new RefundRequest(sessionId, "ord_1", new Money(1000, "EUR"), null, "rfd_1")).providerRefundId();
        ObjectNode charge = bed.stripe.refundInDashboard(sessionId, 600);
        String dashboard = charge.get("refunds").get("data").get(0).get("id").asText();

        List<GatewayEvent> events = parse("charge.refunded", charge);

        assertThat(events).extracting(e -> ((RefundEvent) e).providerRefundId()).containsExactly(dashboard, engine);
        assertThat(events).extracting(e -> ((RefundEvent) e).amount()).containsExactly(new Money(600, "EUR"), new Money(1000, "EUR"));
        assertThat(events).extracting(e -> ((RefundEvent) e).engineRefundId()).containsExactly(null, "rfd_1");
        assertThat(events).extracting(GatewayEvent::orderId).containsOnly("ord_1");
    }

    @Test
    void refundStatusesAreMapped() throws Exception {
        ObjectNode charge = bed.stripe.refundInDashboard(sessionId, 100);
        for (String[] row : new String[][] {{"succeeded", "SUCCEEDED"}, {"pending", "PENDING"}, {"requires_action", "PENDING"},
                {"failed", "FAILED"}, {"canceled", "FAILED"}}) {
            ((ObjectNode) charge.get("refunds").get("data").get(0)).put("status", row[0]);
            assertThat(((RefundEvent) parse("charge.refunded", charge).getFirst()).status()).as(row[0]).hasToString(row[1]);
        }
    }

    @Test
    void aChargeWithoutItsRefundsListReportsNothing() throws Exception {
        ObjectNode charge = bed.stripe.refundInDashboard(sessionId, 100);
        charge.remove("refunds"); // API versions since 2022-11-15 no longer embed it

        assertThat(parse("charge.refunded", charge)).isEmpty();
    }

    @Test
    void aRefundEventOfThePluginsOwnRefundNamesTheOrderAndTheEnginesRefund() throws Exception {
        String refundId = bed.gateway.refund(new RefundRequest(sessionId, "ord_1", new Money(1000, "EUR"), "broken", "rfd_1")).providerRefundId();

        assertThat(parse("refund.created", bed.stripe.refund(refundId))).containsExactly(new RefundEvent("evt_1", refundId, intentId,
                "ord_1", "rfd_1", new Money(1000, "EUR"), RefundEvent.Status.SUCCEEDED, NOW.minusSeconds(5), "refund.created"));
        assertThat(bed.stripe.requests("GET", "/v1/checkout/sessions")).as("the refund names the order: no lookup").isEmpty();
    }

    @Test
    void aDashboardRefundEventIsResolvedToTheSessionThroughTheIntent() throws Exception {
        ObjectNode charge = bed.stripe.refundInDashboard(sessionId, 600);
        charge.remove("refunds"); // what a current API version sends in charge.refunded
        String dashboard = bed.stripe.charge(sessionId).get("refunds").get("data").get(0).get("id").asText();

        assertThat(parse("charge.refunded", charge)).isEmpty();
        RefundEvent e = (RefundEvent) parse("refund.created", bed.stripe.refund(dashboard)).getFirst();

        assertThat(e).isEqualTo(new RefundEvent("evt_1", dashboard, sessionId, "ord_1", null, new Money(600, "EUR"),
                RefundEvent.Status.SUCCEEDED, NOW.minusSeconds(5), "refund.created"));
        assertThat(bed.stripe.requests("GET", "/v1/checkout/sessions")).singleElement()
                .satisfies(r -> assertThat(r.params()).containsEntry("payment_intent", intentId));
    }

    @Test
    void refundEventStatusesAreMapped() throws Exception {
        String refundId = bed.gateway.refund(new RefundRequest(sessionId, "ord_1", new Money(100, "EUR"), null, "rfd_1")).providerRefundId();
        for (String[] row : new String[][] {{"refund.created", "pending", "PENDING"}, {"refund.updated", "requires_action", "PENDING"},
                {"refund.updated", "succeeded", "SUCCEEDED"}, {"refund.failed", "failed", "FAILED"}, {"refund.updated", "canceled", "FAILED"}}) {
            RefundEvent e = (RefundEvent) parse(row[0], bed.stripe.refund(refundId).put("status", row[1])).getFirst();
            assertThat(e.status()).as(row[0] + " " + row[1]).hasToString(row[2]);
            assertThat(e.rawType()).isEqualTo(row[0]);
        }
    }

    @Test
    void aRefundEventWithoutARefundObjectIsMalformed() {
        assertThatThrownBy(() -> parse("refund.created", bed.stripe.charge(sessionId)))
                .isInstanceOf(com.mintreu.api.payment.WebhookRejectedException.class);
    }

    @Test
    void aDisputeIsResolvedToTheSessionAndOrderThroughTheIntent() throws Exception {
        DisputeEvent opened = (DisputeEvent) parse("charge.dispute.created", bed.stripe.dispute(sessionId, "needs_response")).getFirst();

        assertThat(opened).isEqualTo(new DisputeEvent("evt_1", bed.stripe.dispute(sessionId, "x").get("id").asText(), sessionId, "ord_1",
                new Money(2500, "EUR"), DisputeEvent.Status.OPENED, "fraudulent", NOW.minusSeconds(5), "charge.dispute.created"));
        assertThat(bed.stripe.requests("GET", "/v1/checkout/sessions")).singleElement()
                .satisfies(r -> assertThat(r.params()).containsEntry("payment_intent", intentId));
    }

    @Test
    void aClosedDisputeIsWonOrLost() throws Exception {
        for (String[] row : new String[][] {{"won", "WON"}, {"lost", "LOST"}, {"warning_closed", "WON"}}) {
            DisputeEvent closed = (DisputeEvent) parse("charge.dispute.closed", bed.stripe.dispute(sessionId, row[0])).getFirst();
            assertThat(closed.status()).as(row[0]).hasToString(row[1]);
            assertThat(closed.providerReference()).isEqualTo(sessionId);
        }
    }

    @Test
    void aDisputeOfAPaymentNoSessionMadeKeepsTheIntentAsReference() throws Exception {
        ObjectNode dispute = bed.stripe.dispute(sessionId, "needs_response").put("payment_intent", "pi_elsewhere");

        DisputeEvent e = (DisputeEvent) parse("charge.dispute.created", dispute).getFirst();

        assertThat(e.providerReference()).isEqualTo("pi_elsewhere");
        assertThat(e.orderId()).isNull();
    }

    @Test
    void whenStripeCannotBeAskedTheDisputeIsNotAcknowledged() {
        ObjectNode dispute = bed.stripe.dispute(sessionId, "needs_response");
        bed.stripe.mode(FakeStripe.Mode.FAIL_500);

        assertThatThrownBy(() -> parse("charge.dispute.created", dispute)).isInstanceOf(PaymentGatewayException.class)
                .satisfies(t -> assertThat(((PaymentGatewayException) t).reason()).isEqualTo(PaymentGatewayException.Reason.UNAVAILABLE));
    }
}
