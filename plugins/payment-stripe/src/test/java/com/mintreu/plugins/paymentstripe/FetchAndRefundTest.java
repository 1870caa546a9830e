package com.mintreu.plugins.paymentstripe;

import static com.mintreu.plugins.paymentstripe.StripeTestbed.NOW;
import static com.mintreu.plugins.paymentstripe.StripeTestbed.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.mintreu.api.money.Money;
import com.mintreu.api.payment.FetchRequest;
import com.mintreu.api.payment.Outcome;
import com.mintreu.api.payment.PaymentGatewayException;
import com.mintreu.api.payment.PaymentGatewayException.Reason;
import com.mintreu.api.payment.PaymentStatus;
import com.mintreu.api.payment.RefundRequest;
import com.mintreu.api.payment.RefundResult;
import com.mintreu.plugins.paymentstripe.FakeStripe.Recorded;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fetch (reconciliation) and refund against the fake Stripe. */
class FetchAndRefundTest {

    @TempDir
    Path dir;

    StripeTestbed bed;
    String session;

    @BeforeEach
    void start() {
        bed = new StripeTestbed(dir);
        session = bed.gateway.createCheckout(order("ord_1", "ord_1")).providerReference();
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    PaymentStatus fetch() {
        return bed.gateway.fetch(new FetchRequest(session, "ord_1"));
    }

    @Test
    void fetchReadsTheSessionWithItsPaymentIntentAndLatestCharge() {
        bed.stripe.complete(session, true);

        assertThat(fetch()).isEqualTo(new PaymentStatus(session, Outcome.SUCCEEDED, new Money(2500, "EUR"), new Money(0, "EUR"), NOW));
        Recorded get = bed.stripe.requests("GET", "/v1/checkout/sessions/" + session).getFirst();
        assertThat(get.params()).containsValue("payment_intent.latest_charge");
        assertThat(get.header("Idempotency-Key")).isNull();
    }

    @Test
    void fetchFollowsTheSessionThroughItsStates() {
        assertThat(fetch().outcome()).as("open: the buyer has not paid yet").isEqualTo(Outcome.PENDING);

        bed.stripe.complete(session, false);
        assertThat(fetch().outcome()).as("complete, unpaid, intent processing").isEqualTo(Outcome.PENDING);

        bed.stripe.failAsync(session);
        assertThat(fetch().outcome()).as("the asynchronous payment failed").isEqualTo(Outcome.DECLINED);
    }

    @Test
    void anExpiredSessionIsDeclined() {
        bed.stripe.expire(session);

        assertThat(fetch().outcome()).isEqualTo(Outcome.DECLINED);
    }

    @Test
    void fetchOfAnUnknownSessionIsNotFound() {
        assertThatThrownBy(() -> bed.gateway.fetch(new FetchRequest("cs_test_nope", null)))
                .isInstanceOfSatisfying(PaymentGatewayException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessageContaining("cs_test_nope");
    }

    @Test
    void fetchDuringAnOutageIsUnavailable() {
        bed.stripe.mode(FakeStripe.Mode.FAIL_500);

        assertThatThrownBy(this::fetch)
                .isInstanceOfSatisfying(PaymentGatewayException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
    }

    @Test
    void aRefundGoesToThePaymentIntentWithTheEngineIdempotencyKey() {
        String intent = bed.stripe.complete(session, true).get("payment_intent").asText();

        RefundResult result = bed.gateway.refund(new RefundRequest(session, "ord_1", new Money(1000, "EUR"), "customer asked", "rfd_key_1"));

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(result.amount()).isEqualTo(new Money(1000, "EUR"));
        assertThat(result.providerRefundId()).startsWith("re_");
        Recorded post = bed.stripe.requests("POST", "/v1/refunds").getFirst();
        assertThat(post.header("Idempotency-Key")).isEqualTo("rfd_key_1");
        assertThat(post.params()).containsOnly(entry("payment_intent", intent), entry("amount", "1000"),
                entry("metadata[order_id]", "ord_1"), entry("metadata[note]", "customer asked"), entry("metadata[refund_id]", "rfd_key_1"));
        assertThat(fetch().refunded()).isEqualTo(new Money(1000, "EUR"));
    }

    @Test
    void aRetryAfterALostAnswerReusesTheKeyAndGetsTheFirstRefund() {
        try (StripeTestbed slow = new StripeTestbed(dir.resolve("slow"), Duration.ofMillis(500))) {
            String cs = slow.gateway.createCheckout(order("ord_2", "ord_2")).providerReference();
            slow.stripe.complete(cs, true);
            RefundRequest request = new RefundRequest(cs, "ord_2", new Money(2500, "EUR"), null, "rfd_key_2");

            slow.stripe.mode(FakeStripe.Mode.HANG, "/v1/refunds"); // Stripe refunds, the answer is lost
            assertThatThrownBy(() -> slow.gateway.refund(request))
                    .isInstanceOfSatisfying(PaymentGatewayException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT));

            slow.stripe.mode(FakeStripe.Mode.NORMAL);
            RefundResult retried = slow.gateway.refund(request);

            assertThat(slow.stripe.refundCount()).isEqualTo(1);
            assertThat(retried.outcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(slow.stripe.requests("POST", "/v1/refunds")).extracting(r -> r.header("Idempotency-Key"))
                    .containsExactly("rfd_key_2", "rfd_key_2");
            // and once more: the same refund, not a second one and not an over-refund error
            assertThat(slow.gateway.refund(request)).isEqualTo(retried);
        }
    }

    @Test
    void partialRefundsAddUpAndAnOverRefundIsRejected() {
        bed.stripe.complete(session, true);

        bed.gateway.refund(new RefundRequest(session, "ord_1", new Money(1000, "EUR"), null, "k1"));
        bed.gateway.refund(new RefundRequest(session, "ord_1", new Money(1000, "EUR"), null, "k2"));

        assertThatThrownBy(() -> bed.gateway.refund(new RefundRequest(session, "ord_1", new Money(1000, "EUR"), null, "k3")))
                .isInstanceOfSatisfying(PaymentGatewayException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REJECTED))
                .hasMessageContaining("amount_too_large");
        assertThat(fetch().refunded()).isEqualTo(new Money(2000, "EUR"));
    }

    @Test
    void aRefundInAnotherCurrencyIsRejectedBeforeAskingStripe() {
        bed.stripe.complete(session, true);

        assertThatThrownBy(() -> bed.gateway.refund(new RefundRequest(session, "ord_1", new Money(1000, "USD"), null, "k4")))
                .isInstanceOfSatisfying(PaymentGatewayException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REJECTED))
                .hasMessageContaining("EUR");
        assertThat(bed.stripe.requests("POST", "/v1/refunds")).isEmpty();
    }

    @Test
    void aPaymentIntentReferenceIsRefundedWithoutReadingASession() {
        String intent = bed.stripe.complete(session, true).get("payment_intent").asText();
        int before = bed.stripe.requests().size();

        RefundResult result = bed.gateway.refund(new RefundRequest(intent, "ord_1", new Money(2500, "EUR"), null, "k6"));

        assertThat(result.amount()).isEqualTo(new Money(2500, "EUR"));
        assertThat(bed.stripe.requests().subList(before, bed.stripe.requests().size())).extracting(Recorded::path)
                .containsExactly("/v1/refunds");
    }

    @Test
    void anUnpaidSessionHasNothingToRefund() {
        assertThatThrownBy(() -> bed.gateway.refund(new RefundRequest(session, "ord_1", new Money(1000, "EUR"), null, "k5")))
                .isInstanceOfSatisfying(PaymentGatewayException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REJECTED));
        assertThat(bed.stripe.requests("POST", "/v1/refunds")).isEmpty();
    }

    @Test
    void capabilitiesOfferFullAndPartialRefundsAndSubscriptionsOnAHostedPage() {
        assertThat(bed.gateway.capabilities().refunds()).isTrue();
        assertThat(bed.gateway.capabilities().partialRefunds()).isTrue();
        assertThat(bed.gateway.capabilities().hostedCheckout()).isTrue();
        assertThat(bed.gateway.capabilities().subscriptions()).as("Stripe renews subscriptions itself").isTrue();
        assertThat(bed.gateway.displayName()).isEqualTo("Stripe");
        assertThat(bed.gateway.hostedCheckoutOrigins()).isEqualTo(java.util.Set.of(java.net.URI.create("https://checkout.stripe.com")));
        assertThat(List.of(bed.gateway.id())).containsExactly("payment-stripe");
    }
}
