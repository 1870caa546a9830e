package com.mintreu.plugins.paymentstripe;

import static com.mintreu.plugins.paymentstripe.StripeTestbed.NOW;
import static com.mintreu.plugins.paymentstripe.StripeTestbed.SECRET_KEY;
import static com.mintreu.plugins.paymentstripe.StripeTestbed.WEBHOOK_SECRET;
import static com.mintreu.plugins.paymentstripe.StripeTestbed.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.mintreu.api.PluginContext;
import com.mintreu.api.Secrets;
import com.mintreu.api.event.Events;
import com.mintreu.api.money.Money;
import com.mintreu.api.payment.FetchRequest;
import com.mintreu.api.payment.PaymentGatewayException;
import com.mintreu.api.payment.PaymentGatewayException.Reason;
import com.mintreu.api.payment.RefundRequest;
import com.mintreu.api.web.WebRoutes;
import com.mintreu.testkit.TestPluginContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** Every failure path of the gateway, with everything it writes collected: neither secret may appear anywhere. */
class NoSecretLeakTest {

    @TempDir
    Path dir;

    final List<String> written = new CopyOnWriteArrayList<>();

    @Test
    void neitherSecretAppearsInLogsExceptionsOrToString() throws Exception {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        // this Stripe expects another key and echoes the one it got in its 401 message, unmasked
        try (FakeStripe strict = new FakeStripe("sk_test_SomeoneElse", clock);
             FakeStripe stripe = new FakeStripe(SECRET_KEY, clock)) {
            StripeGateway refused = started(strict, clock, "refused");
            StripeGateway gateway = started(stripe, clock, "ok");

            Throwable unauthorized = catchThrowable(() -> refused.createCheckout(order("ord_1", "ord_1")));
            assertThat(unauthorized).isInstanceOfSatisfying(PaymentGatewayException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.CONFIGURATION)).hasMessageContaining("***");
            record(unauthorized);

            String cs = gateway.createCheckout(order("ord_2", "ord_2")).providerReference();
            record(catchThrowable(() -> gateway.fetch(new FetchRequest("cs_missing", null))));
            record(catchThrowable(() -> gateway.refund(new RefundRequest(cs, "ord_2", new Money(1, "EUR"), null, "k"))));
            stripe.mode(FakeStripe.Mode.FAIL_500);
            record(catchThrowable(() -> gateway.createCheckout(order("ord_3", "ord_3"))));
            stripe.mode(FakeStripe.Mode.HANG);
            record(catchThrowable(() -> gateway.fetch(new FetchRequest(cs, "ord_2"))));
            stripe.mode(FakeStripe.Mode.NORMAL);
            stripe.close();
            record(catchThrowable(() -> gateway.createCheckout(order("ord_4", "ord_4"))));

            String body = StripeTestbed.event("evt_1", "checkout.session.completed", WebhookTest.session("complete", "paid"), null);
            long t = NOW.getEpochSecond();
            record(catchThrowable(() -> gateway.parseWebhook(StripeTestbed.webhook(StripeTestbed.sign("whsec_x", t, body), body))));
            record(catchThrowable(() -> gateway.parseWebhook(StripeTestbed.webhook(StripeTestbed.sign(WEBHOOK_SECRET, t - 999, body), body))));
            record(catchThrowable(() -> gateway.parseWebhook(StripeTestbed.signedNow("{not json"))));
            record(catchThrowable(() -> gateway.parseWebhook(StripeTestbed.webhook("t=x," + WEBHOOK_SECRET, body))));

            written.add(gateway.toString());
            written.add(new StripeConfig(SECRET_KEY, WEBHOOK_SECRET, stripe.base(), Duration.ofSeconds(1)).toString());
        }

        assertThat(written).hasSizeGreaterThan(12).anyMatch(line -> line.contains("test mode"));
        assertThat(written).noneMatch(line -> line.contains(SECRET_KEY) || line.contains(WEBHOOK_SECRET)
                || line.contains("MintreuFakeKey") || line.contains("MintreuFakeWebhookSecret"));
    }

    private StripeGateway started(FakeStripe stripe, Clock clock, String name) throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir.resolve(name));
        StripeConfig config = new StripeConfig(SECRET_KEY, WEBHOOK_SECRET, stripe.base(), Duration.ofMillis(500));
        PluginContext ctx = new RecordingContext(new TestPluginContext(StripeGateway.ID, dir.resolve(name), config, clock, "m"),
                new RecordingLogger(written));
        StripeGateway gateway = new StripeGateway();
        gateway.start(ctx);
        return gateway;
    }

    /** The message, the stack trace and every cause, as a log line with the exception would show them. */
    private void record(Throwable t) {
        assertThat(t).isNotNull();
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        written.add(trace.toString());
    }

    /** A logger that keeps every formatted line, with its throwable's trace. */
    static final class RecordingLogger extends LegacyAbstractLogger {
        private final List<String> lines;

        RecordingLogger(List<String> lines) {
            this.lines = lines;
            this.name = "recording";
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String msg, Object[] args, Throwable t) {
            StringWriter line = new StringWriter().append(level.name()).append(' ')
                    .append(MessageFormatter.basicArrayFormat(msg, args));
            if (t != null) {
                t.printStackTrace(new PrintWriter(line));
            }
            lines.add(line.toString());
        }

        @Override public boolean isTraceEnabled() { return true; }
        @Override public boolean isDebugEnabled() { return true; }
        @Override public boolean isInfoEnabled() { return true; }
        @Override public boolean isWarnEnabled() { return true; }
        @Override public boolean isErrorEnabled() { return true; }
    }

    /** The testkit's context with the recording logger. */
    record RecordingContext(TestPluginContext delegate, Logger logger) implements PluginContext {
        @Override public String pluginId() { return delegate.pluginId(); }
        @Override public <C> C config(Class<C> type) { return delegate.config(type); }
        @Override public Jdbi jdbi() { return delegate.jdbi(); }
        @Override public String dialect() { return delegate.dialect(); }
        @Override public Clock clock() { return delegate.clock(); }
        @Override public Events events() { return delegate.events(); }
        @Override public URI baseUrl() { return delegate.baseUrl(); }
        @Override public Secrets secrets() { return delegate.secrets(); }
        @Override public WebRoutes web() { return delegate.web(); }
        @Override public Path dataDir() { return delegate.dataDir(); }
        @Override public java.time.Duration callTimeout() { return delegate.callTimeout(); }
    }
}
