package com.mintreu.plugins.paymentpaypal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mintreu.api.payment.FetchRequest;
import com.mintreu.api.payment.PaymentGatewayException;
import com.mintreu.api.payment.PaymentGatewayException.Reason;
import com.mintreu.testkit.TestPluginContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Hangs, outages and bad credentials become the right failure, in bounded time, without leaking a secret. */
class FailureTest {

    @TempDir
    Path dir;

    @Test
    void aHangSurfacesAsTimeoutWithinTheConfiguredTimeout() throws Exception {
        try (Fixture f = new Fixture(dir, Duration.ofSeconds(1))) {
            f.gateway.createCheckout(Fixture.checkout("ord_20")); // token fetched while PayPal answers
            f.paypal.hang("/v2/checkout/orders");

            long start = System.nanoTime();
            Throwable thrown = catchThrowable(() -> f.gateway.createCheckout(Fixture.checkout("ord_21")));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(thrown).isInstanceOf(PaymentGatewayException.class);
            assertThat(((PaymentGatewayException) thrown).reason()).isEqualTo(Reason.TIMEOUT);
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(900)).isLessThan(Duration.ofMillis(2500));
        }
    }

    @Test
    void aHangingTokenEndpointIsATimeoutToo() throws Exception {
        try (Fixture f = new Fixture(dir, Duration.ofSeconds(1))) {
            f.paypal.hang("/v1/oauth2/token");
            assertThatThrownBy(() -> f.gateway.fetch(new FetchRequest("5O190127TN364715T", null)))
                    .isInstanceOf(PaymentGatewayException.class)
                    .satisfies(e -> assertThat(((PaymentGatewayException) e).reason()).isEqualTo(Reason.TIMEOUT));
        }
    }

    @Test
    void serverErrorsAreUnavailableAndNeverAGuess() throws Exception {
        try (Fixture f = new Fixture(dir)) {
            f.paypal.fail("/v2/checkout/orders", 500);
            assertThatThrownBy(() -> f.gateway.createCheckout(Fixture.checkout("ord_22"))).isInstanceOf(PaymentGatewayException.class)
                    .satisfies(e -> assertThat(((PaymentGatewayException) e).reason()).isEqualTo(Reason.UNAVAILABLE));
            assertThat(f.paypal.requests("POST", "/v2/checkout/orders")).as("no hidden retries").hasSize(1);
            f.paypal.close(); // PayPal unreachable
            assertThatThrownBy(() -> f.gateway.fetch(new FetchRequest("5O190127TN364715T", null))).isInstanceOf(PaymentGatewayException.class)
                    .satisfies(e -> assertThat(((PaymentGatewayException) e).reason()).isIn(Reason.UNAVAILABLE, Reason.TIMEOUT));
        }
    }

    @Test
    void theTokenIsFetchedOnceAndReusedUntilShortlyBeforeExpiry() throws Exception {
        try (Fixture f = new Fixture(dir)) {
            String ref = f.gateway.createCheckout(Fixture.checkout("ord_23")).providerReference();
            f.gateway.fetch(new FetchRequest(ref, null));
            f.gateway.fetch(new FetchRequest(ref, null));
            assertThat(f.paypal.tokensIssued).hasValue(1);
            var tokenCall = f.paypal.requests("POST", "/v1/oauth2/token").get(0);
            assertThat(tokenCall.headers().get("authorization")).isEqualTo("Basic " + Base64.getEncoder()
                    .encodeToString((Fixture.CLIENT_ID + ":" + Fixture.SECRET).getBytes(StandardCharsets.UTF_8)));
            assertThat(tokenCall.body()).isEqualTo("grant_type=client_credentials");

            // 9 hours minus 5 minutes later the cached token is renewed
            f.ctx.clock(Clock.fixed(Fixture.NOW.plus(Duration.ofSeconds(32400)).minus(AccessTokens.RENEW_BEFORE), ZoneOffset.UTC));
            f.gateway.fetch(new FetchRequest(ref, null));
            assertThat(f.paypal.tokensIssued).hasValue(2);
        }
    }

    @Test
    void wrongCredentialsAreAConfigurationProblemAndNoSecretLeaksAnywhere() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        List<Throwable> failures = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        try (FakePayPal paypal = new FakePayPal(Fixture.CLIENT_ID, "the-right-secret", Fixture.WEBHOOK_ID)) {
            PayPalConfig config = new PayPalConfig(Fixture.CLIENT_ID, Fixture.SECRET, Fixture.WEBHOOK_ID, paypal.base(), Duration.ofSeconds(1));
            PayPalGateway gateway = new PayPalGateway();
            gateway.start(new TestPluginContext(PayPalGateway.ID, dir, config, Clock.systemUTC(), "m"));
            failures.add(catchThrowable(() -> gateway.createCheckout(Fixture.checkout("ord_24"))));
            failures.add(catchThrowable(() -> gateway.fetch(new FetchRequest("5O190127TN364715T", null))));
            failures.add(catchThrowable(() -> gateway.parseWebhook(Fixture.webhook(paypal.deliver("{\"id\":\"WH-1\"}", java.time.Instant.now())))));
            paypal.hang("/");
            failures.add(catchThrowable(() -> gateway.fetch(new FetchRequest("5O190127TN364715T", null))));
            assertThat(((PaymentGatewayException) failures.get(0)).reason()).isEqualTo(Reason.CONFIGURATION);
            shown.add(gateway.toString());
            shown.add(config.toString());
            shown.addAll(config.problems().stream().map(Object::toString).toList());
            shown.addAll(new PayPalConfig(Fixture.CLIENT_ID, "bad secret with spaces", "x", null, null).problems().stream().map(Object::toString).toList());
            gateway.stop();
        } finally {
            root.detachAppender(logs);
        }
        for (Throwable t : failures) {
            assertThat(t).isNotNull();
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            shown.add(trace.toString());
        }
        logs.list.forEach(e -> shown.add(e.getFormattedMessage()));
        String basic = Base64.getEncoder().encodeToString((Fixture.CLIENT_ID + ":" + Fixture.SECRET).getBytes(StandardCharsets.UTF_8));
        assertThat(shown).isNotEmpty().allSatisfy(s -> assertThat(s).doesNotContain(Fixture.SECRET).doesNotContain(basic)
                .doesNotContain("bad secret with spaces"));
    }
}
