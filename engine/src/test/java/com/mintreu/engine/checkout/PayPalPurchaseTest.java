package com.mintreu.engine.checkout;

import static com.mintreu.engine.checkout.MoneyPathFixture.outboxRows;
import static com.mintreu.engine.checkout.MoneyPathFixture.publishedPlan;
import static com.mintreu.engine.checkout.MoneyPathFixture.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.plugins.paymentpaypal.FakePayPal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A PayPal purchase through the real engine as a shopper makes it: the payment-paypal plugin zip in
 * the engine, its {@code apiBase} at the plugin's {@link FakePayPal}; the buyer chooses PayPal in
 * the cart, approves on PayPal's page, and PayPal sends them back to the plugin's return route,
 * which captures. Only PayPal's word changes the order: the {@code PAYMENT.CAPTURE.*} webhook,
 * verified by the fake's verify-webhook-signature endpoint. One engine and fake per database.
 */
class PayPalPurchaseTest {

    private static final Map<String, PayPalShop> SHOPS = new ConcurrentHashMap<>();

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    private static PayPalShop shop(String kind) {
        return SHOPS.computeIfAbsent(kind, PayPalShop::boot);
    }

    @AfterAll
    static void closeShops() {
        SHOPS.values().forEach(PayPalShop::close);
        SHOPS.clear();
    }

    private static PayPalShop.Placed place(PayPalShop shop, long price) {
        TestEngine e = shop.engine();
        return shop.place(TestUsers.signIn(e, "customer").client(), publishedPlan(e, price));
    }

    private static List<String> entitlementKinds(PayPalShop.Placed p) {
        return p.customer().get("/api/v1/orders/" + p.orderId() + "/entitlements").json().findValuesAsText("kind");
    }

    private static int inboxRows(TestEngine e, String orderId) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM payment_events WHERE order_id = :id")
                .bind("id", orderId).mapTo(Integer.class).one());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theReturnCapturesOnceTheVerifiedWebhookPaysAndFulfilsAndARedeliveryIsANoOp(String kind) {
        PayPalShop shop = shop(kind);
        TestEngine e = shop.engine();
        FakePayPal paypal = shop.paypal();
        PayPalShop.Placed p = place(shop, 2500);

        assertThat(p.paymentUrl()).isEqualTo("https://www.paypal.com/checkoutnow?token=" + p.paypalOrderId());
        var unit = paypal.order(p.paypalOrderId()).path("purchase_units").path(0);
        assertThat(unit.path("custom_id").asText()).isEqualTo(p.orderId());
        assertThat(unit.path("amount").path("value").asText()).isEqualTo("25.00");
        assertThat(unit.path("amount").path("currency_code").asText()).isEqualTo("EUR");
        assertThat(paypal.requests("POST", "/v2/checkout/orders").getLast().header("PayPal-Request-Id"))
                .as("the engine's idempotency key for the order").isEqualTo(p.orderId());
        assertThat(p.customer().get("/cart").header("Content-Security-Policy"))
                .as("the cart's forms may lead to PayPal's approval page").contains("https://www.paypal.com");

        // the buyer approves at PayPal and comes back: the return captures, but only PayPal's webhook tells the engine
        paypal.approve(p.paypalOrderId());
        int captures = paypal.capturesDone.get();
        Response back = shop.comeBack(p.customer(), p.paypalOrderId());
        assertThat(back.status()).as(back.body()).isIn(302, 303);
        assertThat(back.header("Location")).isEqualTo(e.base() + "/account/orders/" + p.orderId() + "?notice=returned");
        assertThat(paypal.capturesDone.get()).isEqualTo(captures + 1);
        assertThat(paypal.requests("POST", "/v2/checkout/orders/" + p.paypalOrderId() + "/capture").getLast().header("PayPal-Request-Id"))
                .isEqualTo("capture-" + p.paypalOrderId());
        assertThat(paypal.order(p.paypalOrderId()).path("status").asText()).isEqualTo("COMPLETED");
        assertThat(status(p.customer(), p.orderId())).as("the browser's return alone never marks paid").isEqualTo("pending");
        assertThat(p.customer().get(back.header("Location")).html().select(".state").text()).isEqualTo("Pending");

        Response again = shop.comeBack(e.client(), p.paypalOrderId());
        assertThat(again.status()).as("a reload, or a second tab").isIn(302, 303);
        assertThat(paypal.capturesDone.get()).as("the same PayPal-Request-Id: the first capture").isEqualTo(captures + 1);
        assertThat(outboxRows(e, "order.paid", p.orderId())).isZero();

        // a forged delivery of the right event is refused by PayPal's verification and changes nothing
        String completed = FakePayPal.event("PAYMENT.CAPTURE.COMPLETED", "capture", paypal.captureById(paypal.captureOf(p.paypalOrderId())));
        Response forged = shop.post(paypal.forge(completed.getBytes(StandardCharsets.UTF_8), Instant.ofEpochMilli(e.clock().millis())));
        assertThat(forged.status()).as(forged.body()).isEqualTo(400);
        assertThat(status(p.customer(), p.orderId())).isEqualTo("pending");
        assertThat(inboxRows(e, p.orderId())).isZero();

        int verifications = paypal.requests("POST", "/v1/notifications/verify-webhook-signature").size();
        FakePayPal.Delivery delivery = shop.transmission(completed);
        assertThat(shop.deliver(delivery)).isEqualTo("APPLIED");
        assertThat(paypal.requests("POST", "/v1/notifications/verify-webhook-signature")).hasSize(verifications + 1);
        assertThat(paypal.requests("POST", "/v1/notifications/verify-webhook-signature").getLast().json().path("transmission_id").asText())
                .isEqualTo(delivery.headers().get("PAYPAL-TRANSMISSION-ID").get(0));
        assertThat(status(p.customer(), p.orderId())).isEqualTo("paid");

        shop.deliverOutbox();
        assertThat(status(p.customer(), p.orderId())).isEqualTo("fulfilled");
        assertThat(entitlementKinds(p)).containsExactly("download");

        assertThat(shop.deliver(delivery)).as("the same transmission again").isEqualTo("DUPLICATE");
        assertThat(shop.deliver(shop.transmission(completed))).as("PayPal's redelivery: same event, new transmission").isEqualTo("DUPLICATE");
        shop.deliverOutbox();
        assertThat(inboxRows(e, p.orderId())).isEqualTo(1);
        assertThat(outboxRows(e, "order.paid", p.orderId())).as("one OrderPaid").isEqualTo(1);
        assertThat(entitlementKinds(p)).as("one set of entitlements").containsExactly("download");
        assertThat(paypal.capturesDone.get()).isEqualTo(captures + 1);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aCaptureThatWaitsAndIsThenDeniedFailsTheOrderAndGrantsNothing(String kind) {
        PayPalShop shop = shop(kind);
        FakePayPal paypal = shop.paypal();
        PayPalShop.Placed p = place(shop, 1900);
        paypal.approve(p.paypalOrderId());
        paypal.captureStatus = "PENDING"; // an eCheck: captured, money not there yet
        try {
            assertThat(shop.comeBack(p.customer(), p.paypalOrderId()).status()).isIn(302, 303);
        } finally {
            paypal.captureStatus = "COMPLETED";
        }
        assertThat(shop.deliver(shop.captureEvent("PAYMENT.CAPTURE.PENDING", p.paypalOrderId())))
                .as("PENDING: the order waits").isEqualTo("IGNORED");
        assertThat(status(p.customer(), p.orderId())).isEqualTo("pending");

        paypal.denyCapture(p.paypalOrderId());
        FakePayPal.Delivery denied = shop.captureEvent("PAYMENT.CAPTURE.DENIED", p.paypalOrderId());
        assertThat(shop.deliver(denied)).isEqualTo("APPLIED");
        assertThat(status(p.customer(), p.orderId())).isEqualTo("failed");
        assertThat(shop.deliver(denied)).isEqualTo("DUPLICATE");

        shop.deliverOutbox();
        assertThat(status(p.customer(), p.orderId())).isEqualTo("failed");
        assertThat(outboxRows(shop.engine(), "order.paid", p.orderId())).isZero();
        assertThat(entitlementKinds(p)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aBuyerWhoComesBackWithoutApprovingIsNotChargedAndTheOrderWaits(String kind) {
        PayPalShop shop = shop(kind);
        FakePayPal paypal = shop.paypal();
        PayPalShop.Placed p = place(shop, 1300);
        int captures = paypal.capturesDone.get();

        Response back = shop.comeBack(p.customer(), p.paypalOrderId());
        assertThat(back.status()).as(back.body()).isIn(302, 303);
        assertThat(back.header("Location")).endsWith("/account/orders/" + p.orderId() + "?notice=returned");
        assertThat(paypal.capturesDone.get()).as("PayPal refuses to capture an unapproved order").isEqualTo(captures);
        assertThat(status(p.customer(), p.orderId())).isEqualTo("pending");

        Response tampered = p.customer().get(shop.returnUrl(p.paypalOrderId()).replace("notice%3Dreturned", "notice%3Devil"));
        assertThat(tampered.status()).as("the shop page to go back to is signed: no open redirect").isEqualTo(400);
    }
}
