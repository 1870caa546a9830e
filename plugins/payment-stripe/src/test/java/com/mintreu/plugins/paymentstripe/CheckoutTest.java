package com.mintreu.plugins.paymentstripe;

import static com.mintreu.plugins.paymentstripe.StripeTestbed.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.mintreu.api.money.Money;
import com.mintreu.api.payment.CheckoutLine;
import com.mintreu.api.payment.CheckoutRequest;
import com.mintreu.api.payment.CheckoutSession;
import com.mintreu.api.payment.PaymentGatewayException;
import com.mintreu.api.payment.PaymentGatewayException.Reason;
import com.mintreu.plugins.paymentstripe.FakeStripe.Recorded;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** createCheckout against the fake Stripe: what is sent, what comes back, and how failures are reported. */
class CheckoutTest {

    @TempDir
    Path dir;

    StripeTestbed bed;

    @BeforeEach
    void start() {
        bed = new StripeTestbed(dir);
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void aSessionInPaymentModeCarriesTheFrozenLinesTheOrderAndTheUrls() {
        CheckoutSession session = bed.gateway.createCheckout(order("ord_1", "ord_1"));

        Recorded sent = bed.stripe.requests("POST", "/v1/checkout/sessions").getFirst();
        assertThat(sent.params()).containsOnly(
                entry("mode", "payment"),
                entry("client_reference_id", "ord_1"),
                entry("metadata[order_id]", "ord_1"),
                entry("payment_intent_data[metadata][order_id]", "ord_1"),
                entry("customer_email", "buyer@example.com"),
                entry("success_url", "https://shop.example/account/orders/ord_1?notice=returned"),
                entry("cancel_url", "https://shop.example/account/orders/ord_1?notice=canceled"),
                entry("line_items[0][quantity]", "2"),
                entry("line_items[0][price_data][currency]", "eur"),
                entry("line_items[0][price_data][unit_amount]", "1000"),
                entry("line_items[0][price_data][product_data][name]", "Photo pack – Personal"),
                entry("line_items[1][quantity]", "1"),
                entry("line_items[1][price_data][currency]", "eur"),
                entry("line_items[1][price_data][unit_amount]", "500"),
                entry("line_items[1][price_data][product_data][name]", "Font – Desktop"));
        assertThat(sent.header("Authorization")).isEqualTo("Bearer " + StripeTestbed.SECRET_KEY);
        assertThat(sent.header("Idempotency-Key")).isEqualTo("ord_1");
        assertThat(sent.header("Stripe-Version")).isNotBlank();

        String id = bed.stripe.session(session.providerReference()).get("id").asText();
        assertThat(session.providerReference()).isEqualTo(id).startsWith("cs_test_");
        assertThat(session.redirectUrl()).isEqualTo(URI.create("https://checkout.stripe.com/c/pay/" + id));
        assertThat(session.clientData()).isEmpty();
        assertThat(bed.stripe.session(id).get("amount_total").asLong()).isEqualTo(2500);
    }

    @Test
    void linesThatDoNotAddUpToTheTotalBecomeOneLineForTheOrder() {
        CheckoutRequest discounted = new CheckoutRequest("ord_2", new Money(1999, "EUR"),
                List.of(new CheckoutLine("Course", 1, new Money(2500, "EUR"))), null,
                URI.create("https://shop.example/r"), URI.create("https://shop.example/c"), "ord_2");

        bed.gateway.createCheckout(discounted);

        Map<String, String> params = bed.stripe.requests("POST", "/v1/checkout/sessions").getFirst().params();
        assertThat(FakeStripe.keysStartingWith(params, "line_items[")).hasSize(4);
        assertThat(params).contains(entry("line_items[0][quantity]", "1"), entry("line_items[0][price_data][unit_amount]", "1999"),
                entry("line_items[0][price_data][product_data][name]", "Order ord_2")).doesNotContainKey("customer_email");
    }

    @Test
    void aRetryWithTheSameKeyGetsTheSameSession() {
        CheckoutSession first = bed.gateway.createCheckout(order("ord_3", "key-3"));
        CheckoutSession again = bed.gateway.createCheckout(order("ord_3", "key-3"));

        assertThat(again).isEqualTo(first);
        assertThat(bed.stripe.requests("POST", "/v1/checkout/sessions")).extracting(r -> r.header("Idempotency-Key"))
                .containsExactly("key-3", "key-3");
    }

    @Test
    void theSameKeyForAnotherOrderIsRejected() {
        bed.gateway.createCheckout(order("ord_4", "key-4"));

        assertThatThrownBy(() -> bed.gateway.createCheckout(order("ord_5", "key-4")))
                .isInstanceOfSatisfying(PaymentGatewayException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REJECTED))
                .hasMessageContaining("createCheckout for order ord_5").hasMessageContaining("IdempotencyException");
    }

    @Test
    void aServerErrorIsUnavailableNotAGuess() {
        bed.stripe.mode(FakeStripe.Mode.FAIL_500);

        assertThatThrownBy(() -> bed.gateway.createCheckout(order("ord_6", "ord_6")))
                .isInstanceOfSatisfying(PaymentGatewayException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE))
                .hasMessageContaining("HTTP 500");
    }

    @Test
    void nothingListeningIsUnavailable() {
        bed.stripe.close(); // the port is closed: connection refused

        assertThatThrownBy(() -> bed.gateway.createCheckout(order("ord_7", "ord_7")))
                .isInstanceOfSatisfying(PaymentGatewayException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
    }

    @Test
    void aHangingStripeSurfacesAsTimeoutWithinTheConfiguredTimeout() {
        try (StripeTestbed slow = new StripeTestbed(dir.resolve("slow"), Duration.ofMillis(500))) {
            slow.stripe.mode(FakeStripe.Mode.HANG);

            long start = System.nanoTime();
            assertThatThrownBy(() -> slow.gateway.createCheckout(order("ord_8", "ord_8")))
                    .isInstanceOfSatisfying(PaymentGatewayException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            // the fake hangs for 60 s; the call gives up after the 500 ms read timeout (slack for a busy machine)
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(500)).isLessThan(Duration.ofSeconds(5));
            assertThat(slow.stripe.requests("POST", "/v1/checkout/sessions")).hasSize(1); // no silent retry
        }
    }
}
