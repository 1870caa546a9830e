package com.mintreu.plugins.paymentstripe;

import static com.mintreu.plugins.paymentstripe.StripeTestbed.NOW;
import static com.mintreu.plugins.paymentstripe.StripeTestbed.WEBHOOK_SECRET;
import static com.mintreu.plugins.paymentstripe.StripeTestbed.event;
import static com.mintreu.plugins.paymentstripe.StripeTestbed.sign;
import static com.mintreu.plugins.paymentstripe.StripeTestbed.signedNow;
import static com.mintreu.plugins.paymentstripe.StripeTestbed.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mintreu.api.money.Money;
import com.mintreu.api.payment.GatewayEvent;
import com.mintreu.api.payment.Outcome;
import com.mintreu.api.payment.PaymentEvent;
import com.mintreu.api.payment.WebhookRejectedException;
import com.mintreu.api.payment.WebhookRejectedException.Reason;
import com.mintreu.api.payment.WebhookRequest;
import com.stripe.Stripe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** parseWebhook as the engine calls it: raw headers and bytes in, verified events or a reason code out. */
class WebhookTest {

    static final long EXPIRES_AT = NOW.getEpochSecond() - 60;

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

    /** Stripe's checkout.session fixture as a completed session of order ord_1. */
    static ObjectNode session(String status, String paymentStatus) {
        ObjectNode s = FakeStripe.fixture("checkout.session");
        s.put("id", "cs_test_1").put("client_reference_id", "ord_1").put("amount_total", 2500).put("currency", "eur")
                .put("status", status).put("payment_status", paymentStatus).put("payment_intent", "pi_1").put("expires_at", EXPIRES_AT);
        s.putObject("metadata").put("order_id", "ord_1");
        return s;
    }

    List<? extends GatewayEvent> parse(String body) throws WebhookRejectedException {
        return bed.gateway.parseWebhook(signedNow(body));
    }

    PaymentEvent single(String type, ObjectNode object) throws WebhookRejectedException {
        List<? extends GatewayEvent> events = parse(event("evt_1", type, object, Stripe.API_VERSION));
        assertThat(events).hasSize(1);
        return (PaymentEvent) events.getFirst();
    }

    @Test
    void aCompletedPaidSessionSucceededWithEverythingTheEngineNeeds() throws Exception {
        assertThat(single("checkout.session.completed", session("complete", "paid"))).isEqualTo(new PaymentEvent("evt_1", "cs_test_1",
                "ord_1", Outcome.SUCCEEDED, new Money(2500, "EUR"), NOW.minusSeconds(5), "checkout.session.completed"));
    }

    @Test
    void aCompletedUnpaidSessionIsPendingUntilTheAsynchronousPaymentSettles() throws Exception {
        assertThat(single("checkout.session.completed", session("complete", "unpaid")).outcome()).isEqualTo(Outcome.PENDING);
        assertThat(single("checkout.session.async_payment_succeeded", session("complete", "paid")).outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(single("checkout.session.async_payment_failed", session("complete", "unpaid")).outcome()).isEqualTo(Outcome.DECLINED);
    }

    @Test
    void anExpiredSessionTookNothingAndIsDatedAtItsExpiry() throws Exception {
        PaymentEvent expired = single("checkout.session.expired", session("expired", "unpaid"));

        assertThat(expired.outcome()).isEqualTo(Outcome.DECLINED);
        assertThat(expired.occurredAt()).isEqualTo(Instant.ofEpochSecond(EXPIRES_AT));
        assertThat(expired.providerReference()).isEqualTo("cs_test_1");
    }

    @Test
    void theOrderIdFallsBackToMetadataWithoutClientReference() throws Exception {
        ObjectNode s = session("complete", "paid");
        s.putNull("client_reference_id");

        assertThat(single("checkout.session.completed", s).orderId()).isEqualTo("ord_1");
    }

    /** The library types events only in its pinned API version; the plugin reads every version the same way. */
    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"2020-08-27", "2024-06-20", "2025-03-31.basil", "2099-01-01.future"})
    void eventsInAnyApiVersionAreRead(String apiVersion) throws Exception {
        List<? extends GatewayEvent> events = parse(event("evt_2", "checkout.session.completed", session("complete", "paid"), apiVersion));

        assertThat(events).singleElement().isInstanceOf(PaymentEvent.class).satisfies(g -> {
            PaymentEvent e = (PaymentEvent) g;
            assertThat(e.outcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(e.amount()).isEqualTo(new Money(2500, "EUR"));
        });
    }

    @Test
    void unknownEventTypesAreVerifiedThenIgnored() throws Exception {
        assertThat(parse(FakeStripe.fixture("event").toString())).isEmpty(); // the fixture is a plan.created
        assertThat(parse(event("evt_3", "payment_intent.succeeded", FakeStripe.fixture("payment_intent"), null))).isEmpty();
    }

    @Test
    void unknownEventTypesStillNeedASignature() {
        String body = FakeStripe.fixture("event").toString();
        assertRejected(webhook(sign("whsec_other", NOW.getEpochSecond(), body), body), Reason.BAD_SIGNATURE);
    }

    @Test
    void aMissingSignatureIsRefused() {
        assertRejected(webhook(null, completed()), Reason.BAD_SIGNATURE);
        assertRejected(webhook(" ", completed()), Reason.BAD_SIGNATURE);
    }

    @Test
    void aSignatureWithAnotherSecretIsRefused() {
        assertRejected(webhook(sign("whsec_SomeoneElsesSecret", NOW.getEpochSecond(), completed()), completed()), Reason.BAD_SIGNATURE);
    }

    @Test
    void aBodyChangedAfterSigningIsRefused() {
        String signature = sign(WEBHOOK_SECRET, NOW.getEpochSecond(), completed());
        assertRejected(webhook(signature, completed().replace("2500", "25")), Reason.BAD_SIGNATURE);
    }

    @Test
    void timestampsMoreThan300SecondsAwayEitherWayAreRefused() throws Exception {
        String body = completed();
        assertRejected(webhook(sign(WEBHOOK_SECRET, NOW.getEpochSecond() - 301, body), body), Reason.STALE_TIMESTAMP);
        assertRejected(webhook(sign(WEBHOOK_SECRET, NOW.getEpochSecond() + 301, body), body), Reason.STALE_TIMESTAMP);
        assertRejected(webhook(sign(WEBHOOK_SECRET, 1, body), body), Reason.STALE_TIMESTAMP);

        assertThat(bed.gateway.parseWebhook(webhook(sign(WEBHOOK_SECRET, NOW.getEpochSecond() - 300, body), body))).hasSize(1);
        assertThat(bed.gateway.parseWebhook(webhook(sign(WEBHOOK_SECRET, NOW.getEpochSecond() + 300, body), body))).hasSize(1);
    }

    @Test
    void aStaleTimestampWithAWrongSignatureIsABadSignature() {
        String body = completed();
        assertRejected(webhook(sign("whsec_other", NOW.getEpochSecond() - 3600, body), body), Reason.BAD_SIGNATURE);
    }

    @Test
    void otherSchemesAreIgnoredAndAnyMatchingV1IsAccepted() throws Exception {
        String body = completed();
        String good = sign(WEBHOOK_SECRET, NOW.getEpochSecond(), body);
        String wrongV1 = sign("whsec_old", NOW.getEpochSecond(), body).split(",")[1];
        String v1 = good.split(",")[1];

        assertThat(bed.gateway.parseWebhook(webhook(good + ",v0=deadbeef", body))).hasSize(1);
        assertThat(bed.gateway.parseWebhook(webhook("t=" + NOW.getEpochSecond() + "," + wrongV1 + "," + v1, body))).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "t=abc,v1=00", "t=1772366400", "v1=00", "t=1,t=2,v1=00", "t=,v1=00", "t=99999999999999,v1=00",
            "=x,t=1,v1=00", "t=1772366400,v1="})
    void aSignatureHeaderThatCannotBeParsedIsMalformed(String header) {
        assertRejected(webhook(header, completed()), Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "not json", "[]", "[1,2]", "{}", "{\"id\":\"evt_1\"}", "{\"object\":\"v2.core.event\",\"id\":\"evt_1\"}",
            "{\"id\":\"evt_1\",\"type\":\"checkout.session.completed\",\"created\":1,\"data\":{}}",
            "{\"id\":\"evt_1\",\"type\":\"checkout.session.completed\",\"created\":1,\"data\":{\"object\":{\"object\":\"charge\"}}}",
            "{\"id\":\"evt_1\",\"type\":\"checkout.session.completed\",\"created\":1,\"data\":{\"object\":"
                    + "{\"object\":\"checkout.session\",\"id\":\"cs_1\",\"currency\":\"eur\",\"amount_total\":\"2500\"}}}",
            "{\"id\":\"evt_1\",\"type\":\"checkout.session.completed\",\"created\":1,\"data\":{\"object\":"
                    + "{\"object\":\"checkout.session\",\"id\":\"cs_1\",\"currency\":\"euro\",\"amount_total\":2500}}}",
            "{\"id\":\"evt_1\",\"type\":\"charge.refunded\",\"created\":1,\"data\":{\"object\":"
                    + "{\"object\":\"charge\",\"currency\":\"eur\",\"amount_refunded\":100,"
                    + "\"refunds\":{\"data\":[{\"object\":\"refund\",\"amount\":100,\"currency\":\"eur\"}]}}}}"})
    void aSignedBodyThatIsNotAUsableEventIsMalformed(String body) {
        assertRejected(signedNow(body), Reason.MALFORMED);
    }

    @Test
    void aBodyThatIsNotUtf8OrTooLargeIsMalformed() {
        byte[] latin1 = "{\"id\":\"évt\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertRejected(webhook(sign(WEBHOOK_SECRET, NOW.getEpochSecond(), "x"), latin1), Reason.MALFORMED);

        String huge = "{\"pad\":\"" + "x".repeat(WebhookVerifier.MAX_BODY_BYTES) + "\"}";
        assertRejected(signedNow(huge), Reason.MALFORMED);
    }

    /** Whatever arrives, the only failure is a WebhookRejectedException: never a 500. */
    @Test
    void randomHeadersAndBodiesOnlyEverGiveAReasonCode() {
        Random random = new Random(42);
        String valid = completed();
        String[] headerParts = {"t=", "v1=", "v0=", ",", "=", "1772366400", "abc", "-1", " ", "00ff"};
        for (int i = 0; i < 400; i++) {
            // half the time a truncated or mutated valid body, correctly signed, so parsing after verification is exercised
            String body = random.nextBoolean() ? valid.substring(0, random.nextInt(valid.length() + 1))
                    : mutate(valid, random);
            StringBuilder header = new StringBuilder();
            for (int n = random.nextInt(6); n > 0; n--) {
                header.append(headerParts[random.nextInt(headerParts.length)]);
            }
            WebhookRequest request = random.nextInt(3) == 0 ? webhook(header.toString(), body) : signedNow(body);
            try {
                bed.gateway.parseWebhook(request);
            } catch (WebhookRejectedException e) {
                assertThat(e.reason()).isNotNull();
            }
        }
    }

    private static String mutate(String s, Random random) {
        char[] chars = s.toCharArray();
        for (int n = random.nextInt(4) + 1; n > 0; n--) {
            chars[random.nextInt(chars.length)] = "{}[]\":,0a".charAt(random.nextInt(9));
        }
        return new String(chars);
    }

    private static String completed() {
        return event("evt_1", "checkout.session.completed", session("complete", "paid"), Stripe.API_VERSION);
    }

    private void assertRejected(WebhookRequest request, Reason reason) {
        assertThatThrownBy(() -> bed.gateway.parseWebhook(request))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
