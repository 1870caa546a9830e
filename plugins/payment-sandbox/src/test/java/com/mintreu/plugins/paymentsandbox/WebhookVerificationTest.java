package com.mintreu.plugins.paymentsandbox;

import com.mintreu.testkit.TestPluginContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mintreu.api.money.Money;
import com.mintreu.api.payment.Outcome;
import com.mintreu.api.payment.DisputeEvent;
import com.mintreu.api.payment.GatewayEvent;
import com.mintreu.api.payment.PaymentEvent;
import com.mintreu.api.payment.RefundEvent;
import com.mintreu.api.payment.WebhookRejectedException;
import com.mintreu.api.payment.WebhookRejectedException.Reason;
import com.mintreu.api.payment.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** parseWebhook as the engine calls it: raw headers and bytes in, verified events or a reason code out. */
class WebhookVerificationTest {

    static final String SECRET = "sandbox-secret-of-at-least-32-characters";
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final String BODY = """
            {"id":"evt_1","type":"payment.succeeded","created":1772366400,\
            "data":{"reference":"cs_1","orderId":"ord_1","amount":1999,"currency":"EUR"}}""";

    @TempDir
    Path dir;

    SandboxGateway gateway;

    @BeforeEach
    void start() {
        gateway = new SandboxGateway();
        gateway.start(new TestPluginContext("payment-sandbox", dir, new SandboxConfig(SECRET, null), Clock.fixed(NOW, ZoneOffset.UTC), "m"));
    }

    /** Signed independently of the plugin, from the documented scheme. */
    static String sign(String secret, long t, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    static WebhookRequest request(String signature, String body) {
        Map<String, List<String>> headers = signature == null ? Map.of("Content-Type", List.of("application/json"))
                : Map.of("Mintreu-Sandbox-Signature", List.of(signature));
        return new WebhookRequest(headers, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCorrectlySignedEventIsNormalised() throws Exception {
        List<GatewayEvent> events = gateway.parseWebhook(request(sign(SECRET, NOW.getEpochSecond(), BODY), BODY));

        assertThat(events).containsExactly(new PaymentEvent("evt_1", "cs_1", "ord_1", Outcome.SUCCEEDED,
                new Money(1999, "EUR"), Instant.ofEpochSecond(1772366400), "payment.succeeded"));
    }

    @Test
    void declinedAndPendingMapToTheirOutcomes() throws Exception {
        for (var type : Map.of("payment.declined", Outcome.DECLINED, "payment.pending", Outcome.PENDING).entrySet()) {
            String body = BODY.replace("payment.succeeded", type.getKey());
            assertThat(gateway.parseWebhook(request(sign(SECRET, NOW.getEpochSecond(), body), body)))
                    .singleElement().extracting(e -> ((PaymentEvent) e).outcome()).isEqualTo(type.getValue());
        }
    }

    @Test
    void refundsAndDisputesAreNormalisedToTheirOwnTypes() throws Exception {
        String refund = """
                {"id":"evt_2","type":"refund.succeeded","created":1772366400,\
                "data":{"refundId":"re_1","reference":"cs_1","engineRefundId":"rfd_1","amount":500,"currency":"EUR"}}""";
        assertThat(gateway.parseWebhook(request(sign(SECRET, NOW.getEpochSecond(), refund), refund))).containsExactly(
                new RefundEvent("evt_2", "re_1", "cs_1", null, "rfd_1", new Money(500, "EUR"), RefundEvent.Status.SUCCEEDED,
                        Instant.ofEpochSecond(1772366400), "refund.succeeded"));
        String dispute = """
                {"id":"evt_3","type":"dispute.lost","created":1772366400,\
                "data":{"disputeId":"dp_1","reference":"cs_1","orderId":"ord_1","amount":1999,"currency":"EUR","reason":"fraudulent"}}""";
        assertThat(gateway.parseWebhook(request(sign(SECRET, NOW.getEpochSecond(), dispute), dispute))).containsExactly(
                new DisputeEvent("evt_3", "dp_1", "cs_1", "ord_1", new Money(1999, "EUR"), DisputeEvent.Status.LOST, "fraudulent",
                        Instant.ofEpochSecond(1772366400), "dispute.lost"));
        String noRefundId = refund.replace("\"refundId\":\"re_1\",", "");
        assertThatThrownBy(() -> gateway.parseWebhook(request(sign(SECRET, NOW.getEpochSecond(), noRefundId), noRefundId)))
                .isInstanceOf(WebhookRejectedException.class);
    }

    @Test
    void unknownEventTypesAreVerifiedThenIgnored() throws Exception {
        String body = BODY.replace("payment.succeeded", "payment.disputed");
        assertThat(gateway.parseWebhook(request(sign(SECRET, NOW.getEpochSecond(), body), body))).isEmpty();
    }

    @Test
    void aToleratedSkewEitherWayIsAccepted() throws Exception {
        assertThat(gateway.parseWebhook(request(sign(SECRET, NOW.getEpochSecond() - 300, BODY), BODY))).hasSize(1);
        assertThat(gateway.parseWebhook(request(sign(SECRET, NOW.getEpochSecond() + 300, BODY), BODY))).hasSize(1);
    }

    @Test
    void wrongSecretIsABadSignature() throws Exception {
        assertRejected(request(sign(SECRET + "x", NOW.getEpochSecond(), BODY), BODY), Reason.BAD_SIGNATURE);
    }

    @Test
    void aTamperedBodyIsABadSignature() throws Exception {
        String signature = sign(SECRET, NOW.getEpochSecond(), BODY);
        assertRejected(request(signature, BODY.replace("1999", "1")), Reason.BAD_SIGNATURE);
        assertRejected(request(signature, BODY + " "), Reason.BAD_SIGNATURE);
    }

    @Test
    void aChangedTimestampIsABadSignature() throws Exception {
        String signature = sign(SECRET, NOW.getEpochSecond(), BODY).replace("t=" + NOW.getEpochSecond(), "t=" + (NOW.getEpochSecond() + 1));
        assertRejected(request(signature, BODY), Reason.BAD_SIGNATURE);
    }

    @Test
    void staleAndFutureTimestampsAreRejectedEvenWhenSigned() throws Exception {
        assertRejected(request(sign(SECRET, NOW.getEpochSecond() - 301, BODY), BODY), Reason.STALE_TIMESTAMP);
        assertRejected(request(sign(SECRET, NOW.getEpochSecond() + 301, BODY), BODY), Reason.STALE_TIMESTAMP);
        assertRejected(request(sign(SECRET, 0, BODY), BODY), Reason.STALE_TIMESTAMP);
    }

    @Test
    void aMissingHeaderIsABadSignature() {
        assertRejected(request(null, BODY), Reason.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "t=,v1=", "t=abc,v1=00", "v1=" + "ab", "t=1772366400", "t=1772366400,v1=XYZ",
            "t=1,t=2,v1=0000000000000000000000000000000000000000000000000000000000000000", ",,,", "t=-5,v1=00"})
    void aMalformedHeaderIsMalformed(String header) {
        assertRejected(request(header, BODY), Reason.MALFORMED);
    }

    @Test
    void aSignedButUnreadableBodyIsMalformed() throws Exception {
        for (String body : List.of("not json", "[]", "{\"type\":\"payment.succeeded\"}",
                BODY.replace("1999", "\"1999\""), BODY.replace("\"EUR\"", "\"euro\""))) {
            assertRejected(request(sign(SECRET, NOW.getEpochSecond(), body), body), Reason.MALFORMED);
        }
    }

    @Test
    void anOversizedBodyIsRefusedBeforeVerifying() {
        String huge = "x".repeat(SandboxGateway.MAX_WEBHOOK_BYTES + 1);
        assertRejected(request("t=1,v1=00", huge), Reason.MALFORMED);
    }

    @Test
    void aRotatedSecondSignatureIsAccepted() throws Exception {
        String old = sign("another-secret-that-is-32-characters-long", NOW.getEpochSecond(), BODY);
        String current = sign(SECRET, NOW.getEpochSecond(), BODY);
        String both = old + "," + current.substring(current.indexOf("v1="));
        assertThat(gateway.parseWebhook(request(both, BODY))).hasSize(1);
    }

    @Test
    void theConfigNeedsALongSecretAndAnAbsoluteUrl() {
        assertThat(new SandboxConfig("short", null).problems()).extracting(p -> p.field()).containsExactly("secret");
        assertThat(new SandboxConfig(SECRET, java.net.URI.create("/relative")).problems()).extracting(p -> p.field())
                .containsExactly("webhookUrl");
        assertThat(new SandboxConfig(SECRET, null).problems()).isEmpty();
        assertThat(new SandboxConfig(SECRET, null).toString()).doesNotContain(SECRET);
    }

    private void assertRejected(WebhookRequest request, Reason reason) {
        assertThatThrownBy(() -> gateway.parseWebhook(request))
                .isInstanceOf(WebhookRejectedException.class)
                .satisfies(e -> assertThat(((WebhookRejectedException) e).reason()).isEqualTo(reason))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }
}
