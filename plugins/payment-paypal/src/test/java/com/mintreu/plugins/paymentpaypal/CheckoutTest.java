package com.mintreu.plugins.paymentpaypal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.api.money.Money;
import com.mintreu.api.payment.CheckoutLine;
import com.mintreu.api.payment.CheckoutSession;
import com.mintreu.api.payment.PaymentGatewayException;
import com.mintreu.api.web.WebRequest;
import com.mintreu.api.web.WebResponse;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Creating the PayPal order, the approval redirect, and the capture when the buyer returns. */
class CheckoutTest {

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

    @Test
    void createOrderCarriesTheEnginesAmountsItemsOrderIdAndUrls() {
        CheckoutSession session = f.gateway.createCheckout(Fixture.checkout("ord_01"));

        FakePayPal.Recorded create = f.paypal.requests("POST", "/v2/checkout/orders").get(0);
        assertThat(create.headers()).containsEntry("paypal-request-id", "ord_01");
        assertThat(create.headers().get("authorization")).startsWith("Bearer A21AA");
        JsonNode body = create.json();
        assertThat(body.path("intent").asText()).isEqualTo("CAPTURE");
        JsonNode unit = body.path("purchase_units").path(0);
        assertThat(unit.path("custom_id").asText()).isEqualTo("ord_01");
        assertThat(unit.path("amount").path("currency_code").asText()).isEqualTo("EUR");
        assertThat(unit.path("amount").path("value").asText()).isEqualTo("29.98");
        assertThat(unit.path("amount").path("breakdown").path("item_total").path("value").asText()).isEqualTo("29.98");
        assertThat(unit.path("amount").path("breakdown").has("discount")).isFalse();
        JsonNode item = unit.path("items").path(0);
        assertThat(item.path("name").asText()).isEqualTo("Focus Timer Pro – Lifetime");
        assertThat(item.path("quantity").asText()).isEqualTo("2");
        assertThat(item.path("unit_amount").path("value").asText()).isEqualTo("14.99");
        assertThat(item.path("category").asText()).isEqualTo("DIGITAL_GOODS");
        JsonNode experience = body.path("payment_source").path("paypal").path("experience_context");
        assertThat(experience.path("return_url").asText()).startsWith("https://shop.test/plugins/payment-paypal/return?to=");
        assertThat(experience.path("cancel_url").asText()).isEqualTo("https://shop.test/account/orders/ord_01?notice=canceled");
        assertThat(experience.path("shipping_preference").asText()).isEqualTo("NO_SHIPPING");

        assertThat(f.paypal.requests("POST", "/v2/checkout/orders")).hasSize(1);
        String paypalOrder = session.providerReference();
        assertThat(session.redirectUrl()).isEqualTo(URI.create("https://www.paypal.com/checkoutnow?token=" + paypalOrder));
        assertThat(f.paypal.order(paypalOrder).path("status").asText()).isEqualTo("PAYER_ACTION_REQUIRED");
    }

    @Test
    void aVoucherBecomesADiscountSoTheBreakdownAddsUp() {
        List<CheckoutLine> lines = List.of(new CheckoutLine("Focus Timer Pro", 1, Money.of(1999, "EUR")),
                new CheckoutLine("Theme pack", 3, Money.of(500, "EUR")));
        f.gateway.createCheckout(Fixture.checkout("ord_02", 3000, lines));

        JsonNode amount = f.paypal.requests("POST", "/v2/checkout/orders").get(0).json().path("purchase_units").path(0).path("amount");
        assertThat(amount.path("value").asText()).isEqualTo("30.00");
        assertThat(amount.path("breakdown").path("item_total").path("value").asText()).isEqualTo("34.99");
        assertThat(amount.path("breakdown").path("discount").path("value").asText()).isEqualTo("4.99");
    }

    @Test
    void linesThatDoNotAddUpAreLeftOutRatherThanRefusedByPayPal() {
        f.gateway.createCheckout(Fixture.checkout("ord_03", 3000, List.of(new CheckoutLine("Cheap", 1, Money.of(100, "EUR")))));

        JsonNode unit = f.paypal.requests("POST", "/v2/checkout/orders").get(0).json().path("purchase_units").path(0);
        assertThat(unit.path("amount").path("value").asText()).isEqualTo("30.00");
        assertThat(unit.has("items")).isFalse();
        assertThat(unit.path("amount").has("breakdown")).isFalse();
    }

    @Test
    void aRetriedCheckoutGetsTheSameOrderThroughPayPalRequestId() {
        CheckoutSession first = f.gateway.createCheckout(Fixture.checkout("ord_04"));
        CheckoutSession again = f.gateway.createCheckout(Fixture.checkout("ord_04"));

        assertThat(again).isEqualTo(first);
        assertThat(f.paypal.requests("POST", "/v2/checkout/orders")).extracting(r -> r.headers().get("paypal-request-id"))
                .containsExactly("ord_04", "ord_04");
    }

    @Test
    void theReturnCapturesWithARequestIdDerivedFromTheOrderAndRetriesReuseIt() throws Exception {
        String ref = f.gateway.createCheckout(Fixture.checkout("ord_05")).providerReference();
        String returnUrl = f.lastReturnUrl();
        f.paypal.approve(ref);

        WebResponse first = f.returnFromPayPal(returnUrl, ref);
        WebResponse reload = f.returnFromPayPal(returnUrl, ref);

        assertThat(first.status()).isEqualTo(303);
        assertThat(first.headers().get("Location")).containsExactly("https://shop.test/account/orders/ord_05?notice=returned");
        assertThat(reload.status()).isEqualTo(303);
        List<FakePayPal.Recorded> captures = f.paypal.requests("POST", "/v2/checkout/orders/" + ref + "/capture");
        assertThat(captures).hasSize(2).extracting(r -> r.headers().get("paypal-request-id"))
                .containsExactly("capture-" + ref, "capture-" + ref);
        assertThat(f.paypal.capturesDone).hasValue(1);
        assertThat(f.paypal.order(ref).path("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void aDeclinedCaptureStillSendsTheBuyerBackWithoutMarkingAnything() throws Exception {
        String ref = f.gateway.createCheckout(Fixture.checkout("ord_06")).providerReference();
        f.paypal.approve(ref);
        f.paypal.declineCaptures = true;

        WebResponse back = f.returnFromPayPal(f.lastReturnUrl(), ref);

        assertThat(back.status()).isEqualTo(303);
        assertThat(f.paypal.capturesDone).hasValue(0);
    }

    @Test
    void whenPayPalDoesNotAnswerTheBuyerCanTryAgainSafely() throws Exception {
        String ref = f.gateway.createCheckout(Fixture.checkout("ord_07")).providerReference();
        f.paypal.approve(ref);
        f.paypal.fail("/v2/checkout/orders/" + ref + "/capture", 503);

        WebResponse page = f.returnFromPayPal(f.lastReturnUrl(), ref);

        assertThat(page.status()).isEqualTo(502);
        String html = new String(page.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(html).contains("Try again").contains("token=" + ref).contains("ord_07?notice=returned");
    }

    @Test
    void aForgedReturnLinkIsNoOpenRedirectAndCapturesNothing() throws Exception {
        WebResponse forged = f.ctx.route("GET", ReturnRoute.PATH).handle(new WebRequest("GET", ReturnRoute.PATH, Map.of(),
                Map.of("to", List.of("https://evil.test/"), "sig", List.of("AAAA"), "token", List.of("5O190127TN364715T")), Map.of(), null));

        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.headers()).doesNotContainKey("Location");
        assertThat(f.paypal.requests("POST", "/v2/checkout/orders/")).isEmpty();
    }

    @Test
    void anAmountPayPalCannotTakeIsRejectedBeforeAnyCall() {
        assertThatThrownBy(() -> f.gateway.createCheckout(new com.mintreu.api.payment.CheckoutRequest("ord_08",
                Money.of(12345, "HUF"), List.of(), null, URI.create("https://shop.test/r"), URI.create("https://shop.test/c"), "ord_08")))
                .isInstanceOf(PaymentGatewayException.class)
                .extracting(e -> ((PaymentGatewayException) e).reason()).isEqualTo(PaymentGatewayException.Reason.REJECTED);
        assertThat(f.paypal.requests("POST", "/v2/checkout/orders")).isEmpty();
    }

    @Test
    void displayNameAndCheckoutOrigins() {
        assertThat(f.gateway.displayName()).isEqualTo("PayPal");
        assertThat(f.gateway.hostedCheckoutOrigins()).containsExactly(URI.create("https://www.paypal.com"));
    }
}
