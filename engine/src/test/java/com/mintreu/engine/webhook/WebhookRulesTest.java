package com.mintreu.engine.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The signature against the specification's published example, the retry schedule, and which addresses the SSRF guard refuses. */
class WebhookRulesTest {

    // the example of the Standard Webhooks specification (and of its reference libraries' tests)
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TS = 1614265330L;
    private static final String SPEC_BODY = "{\"test\": 2432232314}";

    @Test
    void theSpecificationsExampleSignsToItsPublishedSignature() {
        assertThat(WebhookSignature.sign(SPEC_SECRET, SPEC_ID, SPEC_TS, SPEC_BODY)).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        assertThat(StandardWebhooksVerifier.verify(SPEC_SECRET, SPEC_ID, Long.toString(SPEC_TS), "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                SPEC_BODY, SPEC_TS)).isTrue();
        // a changed byte of the body, id or timestamp does not verify
        assertThat(StandardWebhooksVerifier.verify(SPEC_SECRET, SPEC_ID, Long.toString(SPEC_TS), "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                "{\"test\": 2432232315}", SPEC_TS)).isFalse();
        assertThat(StandardWebhooksVerifier.verify(SPEC_SECRET, SPEC_ID + "x", Long.toString(SPEC_TS),
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", SPEC_BODY, SPEC_TS)).isFalse();
    }

    @Test
    void aFreshSecretSignsWhatAnIndependentVerifierAccepts() {
        String secret = WebhookSignature.newSecret();
        assertThat(secret).startsWith("whsec_");
        assertThat(WebhookSignature.key(secret)).hasSize(32);
        String other = WebhookSignature.newSecret();
        String header = WebhookSignature.header(List.of(secret, other), "msg_1", 1_700_000_000L, "{\"a\":1}");
        assertThat(header.split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        assertThat(StandardWebhooksVerifier.verify(secret, "msg_1", "1700000000", header, "{\"a\":1}", 1_700_000_000L)).isTrue();
        assertThat(StandardWebhooksVerifier.verify(other, "msg_1", "1700000000", header, "{\"a\":1}", 1_700_000_000L)).isTrue();
        assertThat(StandardWebhooksVerifier.verify(WebhookSignature.newSecret(), "msg_1", "1700000000", header, "{\"a\":1}", 1_700_000_000L))
                .isFalse();
    }

    @Test
    void retriesFollowTheDocumentedScheduleAndEndThreeDaysAfterTheEvent() {
        long created = 1_000_000L;
        List<Long> attempts = new ArrayList<>();
        long now = created;
        attempts.add(now);
        for (int failed = 1; ; failed++) {
            OptionalLong next = RetrySchedule.next(created, failed, now);
            if (next.isEmpty()) {
                break;
            }
            now = next.getAsLong();
            attempts.add(now);
        }
        List<Duration> sinceCreated = attempts.stream().map(t -> Duration.ofMillis(t - created)).toList();
        assertThat(sinceCreated).containsExactly(Duration.ZERO, Duration.ofSeconds(5), Duration.parse("PT5M5S"), Duration.parse("PT35M5S"),
                Duration.parse("PT2H35M5S"), Duration.parse("PT7H35M5S"), Duration.parse("PT17H35M5S"), Duration.parse("PT29H35M5S"),
                Duration.parse("PT41H35M5S"), Duration.parse("PT53H35M5S"), Duration.parse("PT65H35M5S"), Duration.ofDays(3));
        assertThat(RetrySchedule.next(created, 3, created + Duration.ofDays(3).toMillis() + 1)).isEmpty();
    }

    @Test
    void theGuardRefusesEveryNonPublicAddressAndOtherSchemes() throws Exception {
        for (String ip : List.of("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0", "100.64.0.1", "224.0.0.1",
                "255.255.255.255", "::1", "fe80::1", "fd00::1", "::", "::ffff:127.0.0.1", "::ffff:10.0.0.1")) {
            assertThat(TargetGuard.isPublic(InetAddress.getByName(ip))).as(ip).isFalse();
        }
        for (String ip : List.of("93.184.216.34", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8")) {
            assertThat(TargetGuard.isPublic(InetAddress.getByName(ip))).as(ip).isTrue();
        }
        assertThat(TargetGuard.refusal("http://127.0.0.1:8080/x", false)).get().asString().contains("loopback, private or reserved");
        assertThat(TargetGuard.refusal("http://[::1]/x", false)).isPresent();
        assertThat(TargetGuard.refusal("http://localhost/x", false)).isPresent();
        assertThat(TargetGuard.refusal("http://127.0.0.1:8080/x", true)).isEmpty();
        assertThat(TargetGuard.refusal("ftp://8.8.8.8/x", true)).get().asString().contains("https://");
        assertThat(TargetGuard.refusal("http://user:pw@8.8.8.8/x", false)).get().asString().contains("user name");
        assertThat(TargetGuard.refusal("https://8.8.8.8/hook", false)).isEmpty();
        assertThat(TargetGuard.refusal("not a url at all", false)).isPresent();
    }
}
