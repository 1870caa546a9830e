package com.mintreu.plugins.paymentpaypal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.api.money.Money;
import com.mintreu.api.payment.DisputeEvent;
import com.mintreu.api.payment.GatewayEvent;
import com.mintreu.api.payment.Outcome;
import com.mintreu.api.payment.PaymentEvent;
import com.mintreu.api.payment.PaymentGatewayException;
import com.mintreu.api.payment.RefundEvent;
import com.mintreu.api.payment.RefundRequest;
import com.mintreu.api.payment.RefundResult;
import com.mintreu.api.payment.WebhookRejectedException;
import com.mintreu.api.payment.WebhookRejectedException.Reason;
import com.mintreu.api.payment.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Webhooks are verified by PayPal (verify-webhook-signature) before anything in them is read, and
 * each subscribed event type is mapped. Event bodies follow PayPal's webhook event samples: a
 * capture resource for PAYMENT.CAPTURE.COMPLETED/DENIED, a refund resource for REFUNDED/REVERSED,
 * a dispute for CUSTOMER.DISPUTE.*.
 */
class WebhookTest {

    static final Instant SENT = Fixture.NOW.minusSeconds(2);

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

    static String captureEvent(String type, String status) {
        return """
                {"id":"WH-58D329510W468432D-8HN650336L201105X","create_time":"2026-03-01T11:59:58.123Z","resource_type":"capture",
                 "event_type":"%s","summary":"Payment completed for EUR 29.98 EUR","event_version":"1.0","resource_version":"2.0",
                 "resource":{"id":"42311647XV020574X","status":"%s","amount":{"currency_code":"EUR","value":"29.98"},
                  "final_capture":true,"seller_protection":{"status":"ELIGIBLE","dispute_categories":["ITEM_NOT_RECEIVED"]},
                  "seller_receivable_breakdown":{"gross_amount":{"currency_code":"EUR","value":"29.98"},"paypal_fee":{"currency_code":"EUR","value":"1.22"},"net_amount":{"currency_code":"EUR","value":"28.76"}},
                  "custom_id":"ord_01","invoice_id":"ord_01",
                  "supplementary_data":{"related_ids":{"order_id":"5O190127TN364715T"}},
                  "create_time":"2026-03-01T11:59:57Z","update_time":"2026-03-01T11:59:57Z",
                  "links":[{"href":"https://api.paypal.com/v2/payments/captures/42311647XV020574X","rel":"self","method":"GET"},
                           {"href":"https://api.paypal.com/v2/checkout/orders/5O190127TN364715T","rel":"up","method":"GET"}]},
                 "links":[{"href":"https://api.paypal.com/v1/notifications/webhooks-events/WH-58D329510W468432D-8HN650336L201105X","rel":"self","method":"GET"}]}
                """.formatted(type, status);
    }

    static String refundEvent(String type, String status) {
        return """
                {"id":"WH-1GE84257G0350133W-6RW800890C634293G","create_time":"2026-03-02T09:00:00Z","resource_type":"refund",
                 "event_type":"%s","event_version":"1.0","resource_version":"2.0",
                 "resource":{"id":"1JU08902781691411","status":"%s","amount":{"currency_code":"EUR","value":"10.00"},
                  "custom_id":"ord_01","note_to_payer":"Defective product",
                  "seller_payable_breakdown":{"gross_amount":{"currency_code":"EUR","value":"10.00"},"net_amount":{"currency_code":"EUR","value":"9.70"}},
                  "links":[{"href":"https://api.paypal.com/v2/payments/refunds/1JU08902781691411","rel":"self","method":"GET"},
                           {"href":"https://api.paypal.com/v2/payments/captures/42311647XV020574X","rel":"up","method":"GET"}]}}
                """.formatted(type, status);
    }

    static String disputeEvent(String type, String outcome) {
        return """
                {"id":"WH-4M0448861G563140B-9EX36365822141321","create_time":"2026-03-05T10:00:00Z","resource_type":"dispute",
                 "event_type":"%s","event_version":"1.0","resource_version":"1.1",
                 "resource":{"dispute_id":"PP-D-27803","reason":"MERCHANDISE_OR_SERVICE_NOT_RECEIVED","status":"RESOLVED",
                  "dispute_amount":{"currency_code":"EUR","value":"29.98"},
                  "disputed_transactions":[{"seller_transaction_id":"42311647XV020574X","custom":"ord_01"}],
                  "dispute_outcome":{"outcome_code":"%s"},"create_time":"2026-03-05T09:59:00Z"}}
                """.formatted(type, outcome);
    }

    List<GatewayEvent> deliver(String event) throws WebhookRejectedException {
        return List.copyOf(f.gateway.parseWebhook(Fixture.webhook(f.paypal.deliver(event, SENT))));
    }

    @Test
    void aCompletedCaptureIsAVerifiedSuccessForTheOrder() throws Exception {
        List<GatewayEvent> events = deliver(captureEvent("PAYMENT.CAPTURE.COMPLETED", "COMPLETED"));

        assertThat(events).containsExactly(new PaymentEvent("WH-58D329510W468432D-8HN650336L201105X", "5O190127TN364715T",
                "ord_01", Outcome.SUCCEEDED, Money.of(2998, "EUR"), Instant.parse("2026-03-01T11:59:58.123Z"), "PAYMENT.CAPTURE.COMPLETED"));
        JsonNode verify = f.paypal.requests("POST", "/v1/notifications/verify-webhook-signature").get(0).json();
        assertThat(verify.path("webhook_id").asText()).isEqualTo(Fixture.WEBHOOK_ID);
        assertThat(verify.path("auth_algo").asText()).isEqualTo("SHA256withRSA");
        assertThat(verify.path("cert_url").asText()).startsWith("https://api-m.paypal.com/v1/notifications/certs/");
        assertThat(verify.path("transmission_time").asText()).isEqualTo(SENT.toString());
        assertThat(verify.path("webhook_event").path("id").asText()).isEqualTo("WH-58D329510W468432D-8HN650336L201105X");
    }

    @Test
    void theEventIsSentToPayPalByteForByte() throws Exception {
        String event = captureEvent("PAYMENT.CAPTURE.COMPLETED", "COMPLETED");
        deliver(event);

        String verify = f.paypal.requests("POST", "/v1/notifications/verify-webhook-signature").get(0).body();
        assertThat(verify).contains("\"webhook_event\":" + event);
    }

    @Test
    void deniedAndPendingCapturesMapToDeclinedAndPending() throws Exception {
        assertThat(deliver(captureEvent("PAYMENT.CAPTURE.DENIED", "DECLINED"))).singleElement()
                .satisfies(e -> assertThat(((PaymentEvent) e).outcome()).isEqualTo(Outcome.DECLINED));
        assertThat(deliver(captureEvent("PAYMENT.CAPTURE.PENDING", "PENDING"))).singleElement()
                .satisfies(e -> assertThat(((PaymentEvent) e).outcome()).isEqualTo(Outcome.PENDING));
    }

    /** A captured order at the fake; returns its PayPal order id. */
    String paidOrder(String orderId) throws Exception {
        String ref = f.gateway.createCheckout(Fixture.checkout(orderId)).providerReference();
        f.paypal.approve(ref);
        f.returnFromPayPal(f.lastReturnUrl(), ref);
        return ref;
    }

    String captureOf(String paypalOrder) {
        return f.paypal.order(paypalOrder).path("purchase_units").path(0).path("payments").path("captures").path(0).path("id").asText();
    }

    @Test
    void aRefundTheEngineStartedComesBackAsARefundEventWithItsKey() throws Exception {
        String ref = paidOrder("ord_01");
        RefundResult refund = f.gateway.refund(new RefundRequest(ref, "ord_01", Money.of(1000, "EUR"), "Defective", "rf_01"));
        String event = FakePayPal.event("PAYMENT.CAPTURE.REFUNDED", "refund", f.paypal.refundOf(ref, 0));

        List<GatewayEvent> events = deliver(event);

        String eventId = FakePayPal.JSON.readTree(event).path("id").asText();
        assertThat(events).singleElement().isInstanceOfSatisfying(RefundEvent.class, e -> {
            assertThat(e.providerEventId()).isEqualTo(eventId);
            assertThat(e.providerRefundId()).isEqualTo(refund.providerRefundId());
            assertThat(e.providerReference()).isEqualTo(ref);
            assertThat(e.orderId()).isEqualTo("ord_01");
            assertThat(e.engineRefundId()).isEqualTo("rf_01");
            assertThat(e.amount()).isEqualTo(Money.of(1000, "EUR"));
            assertThat(e.status()).isEqualTo(RefundEvent.Status.SUCCEEDED);
            assertThat(e.rawType()).isEqualTo("PAYMENT.CAPTURE.REFUNDED");
        });
    }

    @Test
    void aRefundFromPayPalsDashboardFindsItsOrderThroughTheCapture() throws Exception {
        String ref = paidOrder("ord_02");
        String capture = captureOf(ref);
        // no custom_id and no invoice_id: the refund was not started through this plugin
        String event = refundEvent("PAYMENT.CAPTURE.REFUNDED", "COMPLETED").replace("42311647XV020574X", capture)
                .replace("\"custom_id\":\"ord_01\",", "");

        assertThat(deliver(event)).containsExactly(new RefundEvent("WH-1GE84257G0350133W-6RW800890C634293G", "1JU08902781691411", ref,
                "ord_02", null, Money.of(1000, "EUR"), RefundEvent.Status.SUCCEEDED, Instant.parse("2026-03-02T09:00:00Z"),
                "PAYMENT.CAPTURE.REFUNDED"));
        assertThat(f.paypal.requests("GET", "/v2/payments/captures/" + capture)).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource({"PAYMENT.CAPTURE.REFUNDED, COMPLETED, SUCCEEDED", "PAYMENT.CAPTURE.REFUNDED, PENDING, PENDING",
            "PAYMENT.CAPTURE.REFUNDED, FAILED, FAILED", "PAYMENT.CAPTURE.REFUNDED, CANCELLED, FAILED",
            "PAYMENT.CAPTURE.REVERSED, COMPLETED, SUCCEEDED"})
    void refundStatusesAndReversalsMapToTheRefundsStatus(String type, String status, RefundEvent.Status expected) throws Exception {
        String ref = paidOrder("ord_03");
        String event = refundEvent(type, status).replace("42311647XV020574X", captureOf(ref));

        assertThat(deliver(event)).singleElement().isInstanceOfSatisfying(RefundEvent.class, e -> {
            assertThat(e.status()).isEqualTo(expected);
            assertThat(e.providerReference()).isEqualTo(ref);
            assertThat(e.orderId()).isEqualTo("ord_01"); // the refund's own custom_id wins over the capture's
        });
    }

    @Test
    void aDisputeOpenedSuspendsAndNamesItsOrder() throws Exception {
        String ref = paidOrder("ord_04");
        String event = disputeEvent("CUSTOMER.DISPUTE.CREATED", "RESOLVED_BUYER_FAVOUR").replace("42311647XV020574X", captureOf(ref))
                .replace(",\"custom\":\"ord_01\"", "");

        assertThat(deliver(event)).containsExactly(new DisputeEvent("WH-4M0448861G563140B-9EX36365822141321", "PP-D-27803", ref, "ord_04",
                Money.of(2998, "EUR"), DisputeEvent.Status.OPENED, "MERCHANDISE_OR_SERVICE_NOT_RECEIVED", Instant.parse("2026-03-05T10:00:00Z"),
                "CUSTOMER.DISPUTE.CREATED"));
    }

    @ParameterizedTest
    @CsvSource({"RESOLVED_SELLER_FAVOUR, WON", "CANCELED_BY_BUYER, WON", "DENIED, WON",
            "RESOLVED_BUYER_FAVOUR, LOST", "RESOLVED_WITH_PAYOUT, LOST", "ACCEPTED, LOST"})
    void aResolvedDisputeIsWonOrLostByItsOutcome(String outcome, DisputeEvent.Status expected) throws Exception {
        String ref = paidOrder("ord_05");
        String event = disputeEvent("CUSTOMER.DISPUTE.RESOLVED", outcome).replace("42311647XV020574X", captureOf(ref));

        assertThat(deliver(event)).singleElement().isInstanceOfSatisfying(DisputeEvent.class, e -> {
            assertThat(e.status()).isEqualTo(expected);
            assertThat(e.providerDisputeId()).isEqualTo("PP-D-27803");
            assertThat(e.providerReference()).isEqualTo(ref);
        });
    }

    @Test
    void anUnknownOutcomeOrRefundStatusIsMalformedRatherThanGuessed() throws Exception {
        String capture = captureOf(paidOrder("ord_06"));
        assertRejected(Fixture.webhook(f.paypal.deliver(disputeEvent("CUSTOMER.DISPUTE.RESOLVED", "NONE")
                .replace("42311647XV020574X", capture), SENT)), Reason.MALFORMED);
        assertRejected(Fixture.webhook(f.paypal.deliver(refundEvent("PAYMENT.CAPTURE.REFUNDED", "SOMETHING_NEW")
                .replace("42311647XV020574X", capture), SENT)), Reason.MALFORMED);
    }

    @Test
    void whenPayPalCannotNameTheCapturesOrderTheCallFailsSoPayPalDeliversAgain() throws Exception {
        String capture = captureOf(paidOrder("ord_07"));
        f.paypal.fail("/v2/payments/captures/", 503);
        FakePayPal.Delivery d = f.paypal.deliver(refundEvent("PAYMENT.CAPTURE.REFUNDED", "COMPLETED").replace("42311647XV020574X", capture), SENT);

        assertThatThrownBy(() -> f.gateway.parseWebhook(Fixture.webhook(d))).isInstanceOf(PaymentGatewayException.class)
                .satisfies(e -> assertThat(((PaymentGatewayException) e).reason()).isEqualTo(PaymentGatewayException.Reason.UNAVAILABLE));
    }

    @Test
    void unknownEventTypesAreVerifiedThenIgnored() throws Exception {
        assertThat(deliver(captureEvent("CHECKOUT.ORDER.APPROVED", "COMPLETED"))).isEmpty();
        assertThat(f.paypal.requests("POST", "/v1/notifications/verify-webhook-signature")).hasSize(1);
    }

    @Test
    void payPalsFailureVerdictRejectsTheEvent() {
        f.paypal.forcedVerification = "FAILURE";

        assertRejected(Fixture.webhook(f.paypal.deliver(captureEvent("PAYMENT.CAPTURE.COMPLETED", "COMPLETED"), SENT)), Reason.BAD_SIGNATURE);
    }

    @Test
    void aForgedOrAlteredEventFailsVerification() {
        FakePayPal.Delivery real = f.paypal.deliver(captureEvent("PAYMENT.CAPTURE.COMPLETED", "COMPLETED"), SENT);
        byte[] altered = new String(real.body(), StandardCharsets.UTF_8).replace("29.98", "0.01").getBytes(StandardCharsets.UTF_8);

        assertRejected(new WebhookRequest(real.headers(), altered), Reason.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PAYPAL-AUTH-ALGO", "PAYPAL-CERT-URL", "PAYPAL-TRANSMISSION-ID", "PAYPAL-TRANSMISSION-SIG", "PAYPAL-TRANSMISSION-TIME"})
    void aMissingTransmissionHeaderIsRejectedWithoutAskingPayPal(String header) {
        FakePayPal.Delivery d = f.paypal.deliver(captureEvent("PAYMENT.CAPTURE.COMPLETED", "COMPLETED"), SENT);
        Map<String, List<String>> headers = new HashMap<>(d.headers());
        headers.remove(header);

        assertRejected(new WebhookRequest(headers, d.body()), Reason.BAD_SIGNATURE);
        assertThat(f.paypal.requests("POST", "/v1/notifications/")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[1,2]", "{\"id\":", "\"text\"", "null"})
    void aMalformedBodyIsMalformedNeverAnotherException(String body) {
        FakePayPal.Delivery d = f.paypal.deliver(body, SENT);

        assertRejected(new WebhookRequest(d.headers(), d.body()), Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"id\":\"WH-1\",\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\",\"create_time\":\"2026-03-01T11:59:58Z\"}",
            "{\"id\":\"WH-1\",\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\",\"create_time\":\"yesterday\",\"resource\":{\"id\":\"C\",\"amount\":{\"currency_code\":\"EUR\",\"value\":\"1.00\"}}}",
            "{\"id\":\"WH-1\",\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\",\"create_time\":\"2026-03-01T11:59:58Z\",\"resource\":{\"id\":\"C\",\"amount\":{\"currency_code\":\"EUR\",\"value\":\"1.001\"}}}",
            "{\"id\":\"WH-1\",\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\",\"create_time\":\"2026-03-01T11:59:58Z\",\"resource\":{\"id\":\"C\",\"amount\":{\"currency_code\":\"XX1\",\"value\":\"1\"}}}",
            "{\"id\":\"WH-1\",\"event_type\":\"PAYMENT.CAPTURE.REFUNDED\",\"create_time\":\"2026-03-01T11:59:58Z\",\"resource\":{\"id\":\"R\",\"amount\":{\"currency_code\":\"EUR\",\"value\":\"1.00\"}}}",
            "{\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\"}"})
    void aVerifiedEventWithMissingOrBadFieldsIsMalformed(String body) {
        assertRejected(Fixture.webhook(f.paypal.deliver(body, SENT)), Reason.MALFORMED);
    }

    @Test
    void malformedHeadersAndOldTransmissionsAreRejectedBeforePayPalIsAsked() {
        FakePayPal.Delivery d = f.paypal.deliver(captureEvent("PAYMENT.CAPTURE.COMPLETED", "COMPLETED"), SENT);
        Map<String, List<String>> headers = new HashMap<>(d.headers());
        headers.put("PAYPAL-CERT-URL", List.of("http://evil.test/cert"));
        assertRejected(new WebhookRequest(headers, d.body()), Reason.MALFORMED);
        headers.put("PAYPAL-CERT-URL", d.headers().get("PAYPAL-CERT-URL"));
        headers.put("PAYPAL-TRANSMISSION-TIME", List.of("last tuesday"));
        assertRejected(new WebhookRequest(headers, d.body()), Reason.MALFORMED);

        assertRejected(Fixture.webhook(f.paypal.deliver(captureEvent("PAYMENT.CAPTURE.COMPLETED", "COMPLETED"),
                Fixture.NOW.minus(java.time.Duration.ofDays(4)))), Reason.STALE_TIMESTAMP);
        assertThat(f.paypal.requests("POST", "/v1/notifications/")).isEmpty();
    }

    @Test
    void anOversizedBodyIsRefusedUnread() {
        FakePayPal.Delivery d = f.paypal.deliver("{}", SENT);
        assertRejected(new WebhookRequest(d.headers(), new byte[Webhooks.MAX_BYTES + 1]), Reason.MALFORMED);
    }

    @Test
    void whenPayPalCannotVerifyTheCallFailsSoPayPalDeliversAgain() {
        f.paypal.fail("/v1/notifications/verify-webhook-signature", 503);
        FakePayPal.Delivery d = f.paypal.deliver(captureEvent("PAYMENT.CAPTURE.COMPLETED", "COMPLETED"), SENT);

        assertThatThrownBy(() -> f.gateway.parseWebhook(Fixture.webhook(d))).isInstanceOf(PaymentGatewayException.class)
                .satisfies(e -> assertThat(((PaymentGatewayException) e).reason()).isEqualTo(PaymentGatewayException.Reason.UNAVAILABLE));
    }

    private void assertRejected(WebhookRequest request, Reason reason) {
        assertThatThrownBy(() -> f.gateway.parseWebhook(request)).isInstanceOf(WebhookRejectedException.class)
                .satisfies(e -> assertThat(((WebhookRejectedException) e).reason()).isEqualTo(reason));
    }
}
