package com.mintreu.plugins.paymentsandbox;

import com.mintreu.testkit.TestPluginContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mintreu.api.money.Money;
import com.mintreu.api.payment.CheckoutLine;
import com.mintreu.api.payment.CheckoutRequest;
import com.mintreu.api.payment.CheckoutSession;
import com.mintreu.api.payment.FetchRequest;
import com.mintreu.api.payment.Outcome;
import com.mintreu.api.payment.PaymentEvent;
import com.mintreu.api.payment.PaymentGatewayException;
import com.mintreu.api.payment.RefundRequest;
import com.mintreu.api.payment.RefundResult;
import com.mintreu.api.payment.WebhookRequest;
import com.mintreu.api.web.WebRequest;
import com.mintreu.api.web.WebResponse;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hosted page end to end: a JDK HttpServer plays the engine's webhook endpoint and verifies
 * what the page's buttons send with the gateway's own parseWebhook, as the engine will.
 */
class HostedCheckoutTest {

    static final String SECRET = "sandbox-secret-of-at-least-32-characters";

    @TempDir
    Path dir;

    HttpServer engine;
    final List<PaymentEvent> received = new CopyOnWriteArrayList<>();
    final List<String> rejections = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresToGo = new AtomicInteger();
    TestPluginContext ctx;
    SandboxGateway gateway;

    @BeforeEach
    void start() throws Exception {
        engine = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        engine.createContext("/api/v1/webhooks/payment-sandbox", exchange -> {
            int status;
            if (failuresToGo.getAndDecrement() > 0) {
                status = 503;
            } else {
                try {
                    received.addAll(gateway.parseWebhook(new WebhookRequest(exchange.getRequestHeaders(),
                            exchange.getRequestBody().readAllBytes())).stream().map(PaymentEvent.class::cast).toList());
                    status = 200;
                } catch (Exception e) {
                    rejections.add(e.getMessage());
                    status = 400;
                }
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        engine.start();
        URI webhook = URI.create("http://127.0.0.1:" + engine.getAddress().getPort() + "/api/v1/webhooks/payment-sandbox");
        ctx = new TestPluginContext("payment-sandbox", dir, new SandboxConfig(SECRET, webhook), Clock.systemUTC(), "m");
        gateway = new SandboxGateway();
        gateway.start(ctx);
    }

    @AfterEach
    void stop() {
        engine.stop(0);
    }

    CheckoutRequest order(String key) {
        return new CheckoutRequest("ord_1", new Money(2998, "EUR"),
                List.of(new CheckoutLine("Tool <Pro> & \"friends\"", 2, new Money(1499, "EUR"))), "buyer@example.com",
                URI.create("http://shop.test/checkout/return?order=ord_1"), URI.create("http://shop.test/checkout/cancel?order=ord_1"),
                key);
    }

    WebResponse call(String method, String route, String id, String body) throws Exception {
        WebRequest request = new WebRequest(method, route.replace("{id}", id), Map.of("id", id), Map.of(),
                Map.of("content-type", List.of("application/x-www-form-urlencoded")), body.getBytes(StandardCharsets.UTF_8));
        return ctx.route(method, route).handle(request);
    }

    static String text(WebResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    static String token(String html) {
        Matcher m = Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("the page has a form token").isTrue();
        return m.group(1);
    }

    @Test
    void createCheckoutIsIdempotentAndPointsAtThePluginPage() {
        CheckoutSession session = gateway.createCheckout(order("idem-1"));

        assertThat(session.providerReference()).startsWith("cs_");
        assertThat(session.redirectUrl()).hasToString("http://shop.test/plugins/payment-sandbox/checkout/" + session.providerReference());
        assertThat(gateway.createCheckout(order("idem-1"))).isEqualTo(session);
        assertThat(gateway.createCheckout(order("idem-2")).providerReference()).isNotEqualTo(session.providerReference());
        CheckoutRequest other = new CheckoutRequest("ord_2", new Money(1, "EUR"), List.of(), null,
                URI.create("http://shop.test/r"), URI.create("http://shop.test/c"), "idem-1");
        assertThatThrownBy(() -> gateway.createCheckout(other)).isInstanceOf(PaymentGatewayException.class);
    }

    @Test
    void thePageShowsTheOrderEscapedWithThreeButtonsAndNoScript() throws Exception {
        String id = gateway.createCheckout(order("k")).providerReference();

        WebResponse page = call("GET", "checkout/{id}", id, "");
        String html = text(page);

        assertThat(page.status()).isEqualTo(200);
        assertThat(html).contains("Tool &lt;Pro&gt; &amp; &quot;friends&quot;").doesNotContain("<Pro>")
                .contains("29.98 EUR").contains("14.99 EUR")
                .contains("href=\"/static/css/site.css\"").contains("class=\"card narrow\"").contains("<main")
                .contains("value=\"pay\"").contains("value=\"decline\"").contains("value=\"later\"")
                .contains("action=\"/plugins/payment-sandbox/checkout/" + id + "\"")
                .doesNotContainIgnoringCase("<script").doesNotContain("style=");
    }

    @Test
    void payPostsACorrectlySignedWebhookThenRedirectsToTheReturnUrl() throws Exception {
        String id = gateway.createCheckout(order("k")).providerReference();
        String token = token(text(call("GET", "checkout/{id}", id, "")));

        WebResponse response = call("POST", "checkout/{id}", id, "token=" + token + "&action=pay");

        assertThat(response.status()).isEqualTo(303);
        assertThat(response.headers().get("Location")).containsExactly("http://shop.test/checkout/return?order=ord_1");
        assertThat(rejections).isEmpty();
        assertThat(received).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(e.providerReference()).isEqualTo(id);
            assertThat(e.orderId()).isEqualTo("ord_1");
            assertThat(e.amount()).isEqualTo(new Money(2998, "EUR"));
            assertThat(e.providerEventId()).startsWith("evt_");
        });
        assertThat(gateway.fetch(new FetchRequest(id, "ord_1")).outcome()).isEqualTo(Outcome.SUCCEEDED);
    }

    @Test
    void declineGoesToTheCancelUrlAndPayLaterIsPending() throws Exception {
        String declined = gateway.createCheckout(order("a")).providerReference();
        String later = gateway.createCheckout(order("b")).providerReference();

        WebResponse d = call("POST", "checkout/{id}", declined, "action=decline&token=" + token(text(call("GET", "checkout/{id}", declined, ""))));
        WebResponse l = call("POST", "checkout/{id}", later, "action=later&token=" + token(text(call("GET", "checkout/{id}", later, ""))));

        assertThat(d.headers().get("Location")).containsExactly("http://shop.test/checkout/cancel?order=ord_1");
        assertThat(l.headers().get("Location")).containsExactly("http://shop.test/checkout/return?order=ord_1");
        assertThat(received).extracting(PaymentEvent::outcome).containsExactly(Outcome.DECLINED, Outcome.PENDING);
        assertThat(gateway.fetch(new FetchRequest(later, null)).outcome()).isEqualTo(Outcome.PENDING);
        // a pending payment can still be paid, once
        String token = token(text(call("GET", "checkout/{id}", later, "")));
        assertThat(call("POST", "checkout/{id}", later, "action=pay&token=" + token).status()).isEqualTo(303);
        assertThat(call("POST", "checkout/{id}", later, "action=decline&token=" + token).status()).isEqualTo(409);
        assertThat(received).extracting(PaymentEvent::outcome).containsExactly(Outcome.DECLINED, Outcome.PENDING, Outcome.SUCCEEDED);
    }

    @Test
    void aWrongOrMissingFormTokenChangesNothing() throws Exception {
        String id = gateway.createCheckout(order("k")).providerReference();

        assertThat(call("POST", "checkout/{id}", id, "action=pay").status()).isEqualTo(403);
        assertThat(call("POST", "checkout/{id}", id, "action=pay&token=guess").status()).isEqualTo(403);
        assertThat(received).isEmpty();
        assertThat(gateway.fetch(new FetchRequest(id, null)).outcome()).isEqualTo(Outcome.PENDING);
    }

    @Test
    void unknownSessionsAre404() throws Exception {
        assertThat(call("GET", "checkout/{id}", "cs_nope", "").status()).isEqualTo(404);
        assertThat(call("POST", "checkout/{id}", "cs_nope", "action=pay").status()).isEqualTo(404);
        assertThatThrownBy(() -> gateway.fetch(new FetchRequest("cs_nope", null)))
                .isInstanceOfSatisfying(PaymentGatewayException.class,
                        e -> assertThat(e.reason()).isEqualTo(PaymentGatewayException.Reason.NOT_FOUND));
    }

    @Test
    void aBrieflyDownEngineGetsTheEventOnARetry() throws Exception {
        failuresToGo.set(2);
        String id = gateway.createCheckout(order("k")).providerReference();

        call("POST", "checkout/{id}", id, "action=pay&token=" + token(text(call("GET", "checkout/{id}", id, ""))));

        assertThat(received).hasSize(1);
    }

    @Test
    void whenTheEngineStaysDownTheBuyerIsRedirectedAndCanResendTheSameEvent() throws Exception {
        failuresToGo.set(WebhookSender.BACKOFF.size());
        String id = gateway.createCheckout(order("k")).providerReference();
        String token = token(text(call("GET", "checkout/{id}", id, "")));

        WebResponse pay = call("POST", "checkout/{id}", id, "action=pay&token=" + token);
        assertThat(pay.status()).isEqualTo(303);
        assertThat(received).isEmpty();

        String page = text(call("GET", "checkout/{id}", id, ""));
        assertThat(page).contains("paid").contains("Send the notification again").doesNotContain("value=\"pay\"");
        failuresToGo.set(0);
        WebResponse resend = call("POST", "checkout/{id}/resend", id, "token=" + token);
        assertThat(resend.status()).isEqualTo(303);
        call("POST", "checkout/{id}/resend", id, "token=" + token);

        // the same event both times: the engine's inbox deduplicates by its id
        assertThat(received).hasSize(2).extracting(PaymentEvent::providerEventId).containsOnly(received.get(0).providerEventId());
    }

    @Test
    void refundsAreIdempotentAndNeverExceedThePayment() throws Exception {
        String id = gateway.createCheckout(order("k")).providerReference();
        assertThatThrownBy(() -> gateway.refund(new RefundRequest(id, "ord_1", new Money(100, "EUR"), null, "r0")))
                .as("not paid yet").isInstanceOf(PaymentGatewayException.class);
        call("POST", "checkout/{id}", id, "action=pay&token=" + token(text(call("GET", "checkout/{id}", id, ""))));

        RefundResult first = gateway.refund(new RefundRequest(id, "ord_1", new Money(1000, "EUR"), "asked", "r1"));
        RefundResult again = gateway.refund(new RefundRequest(id, "ord_1", new Money(1000, "EUR"), "asked", "r1"));

        assertThat(again).isEqualTo(first);
        assertThat(first.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(gateway.fetch(new FetchRequest(id, null)).refunded()).isEqualTo(new Money(1000, "EUR"));
        assertThatThrownBy(() -> gateway.refund(new RefundRequest(id, "ord_1", new Money(1999, "EUR"), null, "r2")))
                .isInstanceOfSatisfying(PaymentGatewayException.class,
                        e -> assertThat(e.reason()).isEqualTo(PaymentGatewayException.Reason.REJECTED));
        assertThatThrownBy(() -> gateway.refund(new RefundRequest(id, "ord_1", new Money(10, "USD"), null, "r3")))
                .isInstanceOf(PaymentGatewayException.class);
        assertThat(gateway.refund(new RefundRequest(id, "ord_1", new Money(1998, "EUR"), null, "r4")).outcome())
                .isEqualTo(Outcome.SUCCEEDED);
        assertThat(gateway.fetch(new FetchRequest(id, null)).refunded()).isEqualTo(new Money(2998, "EUR"));
        assertThat(gateway.capabilities().partialRefunds()).isTrue();
    }
}
