package com.mintreu.plugins.paymentpaypal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.api.money.Money;
import com.mintreu.api.payment.FetchRequest;
import com.mintreu.api.payment.Outcome;
import com.mintreu.api.payment.PaymentGatewayException;
import com.mintreu.api.payment.PaymentGatewayException.Reason;
import com.mintreu.api.payment.PaymentStatus;
import com.mintreu.api.payment.RefundRequest;
import com.mintreu.api.payment.RefundResult;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reconciliation re-reads the order; refunds go to its capture with the engine's idempotency key. */
class RefundAndFetchTest {

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

    String paidOrder(String orderId) throws Exception {
        String ref = f.gateway.createCheckout(Fixture.checkout(orderId)).providerReference();
        f.paypal.approve(ref);
        f.returnFromPayPal(f.lastReturnUrl(), ref);
        return ref;
    }

    @Test
    void fetchFollowsTheOrderFromCreatedToCaptured() throws Exception {
        String ref = f.gateway.createCheckout(Fixture.checkout("ord_10")).providerReference();
        assertThat(f.gateway.fetch(new FetchRequest(ref, "ord_10"))).isEqualTo(
                new PaymentStatus(ref, Outcome.PENDING, Money.of(2998, "EUR"), Money.zero("EUR"), Fixture.NOW));
        f.paypal.approve(ref);
        assertThat(f.gateway.fetch(new FetchRequest(ref, "ord_10")).outcome()).isEqualTo(Outcome.PENDING);
        f.returnFromPayPal(f.lastReturnUrl(), ref);
        assertThat(f.gateway.fetch(new FetchRequest(ref, "ord_10")).outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(f.paypal.requests("POST", "/v2/checkout/orders/" + ref)).hasSize(1); // fetch never captures
    }

    @Test
    void aPendingCaptureIsPendingAndAnUnknownOrderIsNotFound() throws Exception {
        f.paypal.captureStatus = "PENDING";
        String ref = paidOrder("ord_11");
        assertThat(f.gateway.fetch(new FetchRequest(ref, "ord_11")).outcome()).isEqualTo(Outcome.PENDING);

        assertThatThrownBy(() -> f.gateway.fetch(new FetchRequest("0000UNKNOWN000000", null)))
                .isInstanceOf(PaymentGatewayException.class)
                .satisfies(e -> assertThat(((PaymentGatewayException) e).reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    void aDeclinedCaptureIsDeclinedAndAStateNobodyKnowsIsUndefinedNeverAGuess() throws Exception {
        f.paypal.captureStatus = "DECLINED";
        String declined = paidOrder("ord_15");
        assertThat(f.gateway.fetch(new FetchRequest(declined, "ord_15")).outcome()).isEqualTo(Outcome.DECLINED);

        String odd = f.gateway.createCheckout(Fixture.checkout("ord_16")).providerReference();
        f.paypal.order(odd).put("status", "SOMETHING_PAYPAL_ADDS_LATER");
        assertThat(f.gateway.fetch(new FetchRequest(odd, "ord_16")).outcome()).isEqualTo(Outcome.UNDEFINED);
    }

    @Test
    void aRefundRetriedWithTheSameKeyRefundsOnce() throws Exception {
        String ref = paidOrder("ord_12");
        RefundRequest request = new RefundRequest(ref, "ord_12", Money.of(1000, "EUR"), "Changed my mind", "rfd_01");

        RefundResult first = f.gateway.refund(request);
        RefundResult retry = f.gateway.refund(request);

        assertThat(first.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(first.amount()).isEqualTo(Money.of(1000, "EUR"));
        assertThat(retry).isEqualTo(first);
        assertThat(f.paypal.refundsDone).hasValue(1);
        var calls = f.paypal.requests("POST", "/v2/payments/captures/");
        assertThat(calls).hasSize(2).allSatisfy(r -> assertThat(r.headers()).containsEntry("paypal-request-id", "rfd_01"));
        JsonNode body = calls.get(0).json();
        assertThat(body.path("amount").path("value").asText()).isEqualTo("10.00");
        assertThat(body.path("amount").path("currency_code").asText()).isEqualTo("EUR");
        assertThat(body.path("custom_id").asText()).isEqualTo("ord_12");
        assertThat(body.path("note_to_payer").asText()).isEqualTo("Changed my mind");
        assertThat(f.gateway.fetch(new FetchRequest(ref, "ord_12")).refunded()).isEqualTo(Money.of(1000, "EUR"));
    }

    @Test
    void anOverRefundOrAnUncapturedOrderIsRejected() throws Exception {
        String ref = paidOrder("ord_13");
        f.gateway.refund(new RefundRequest(ref, "ord_13", Money.of(2000, "EUR"), null, "rfd_02"));

        assertThatThrownBy(() -> f.gateway.refund(new RefundRequest(ref, "ord_13", Money.of(1000, "EUR"), null, "rfd_03")))
                .isInstanceOf(PaymentGatewayException.class).hasMessageContaining("REFUND_AMOUNT_EXCEEDED")
                .satisfies(e -> assertThat(((PaymentGatewayException) e).reason()).isEqualTo(Reason.REJECTED));
        String open = f.gateway.createCheckout(Fixture.checkout("ord_14")).providerReference();
        assertThatThrownBy(() -> f.gateway.refund(new RefundRequest(open, "ord_14", Money.of(100, "EUR"), null, "rfd_04")))
                .isInstanceOf(PaymentGatewayException.class)
                .satisfies(e -> assertThat(((PaymentGatewayException) e).reason()).isEqualTo(Reason.REJECTED));
    }
}
