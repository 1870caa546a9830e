package com.mintreu.engine.checkout;

import static com.mintreu.engine.checkout.MoneyPathFixture.checkout;
import static com.mintreu.engine.checkout.MoneyPathFixture.outboxRows;
import static com.mintreu.engine.checkout.MoneyPathFixture.publishedPlan;
import static com.mintreu.engine.checkout.MoneyPathFixture.sign;
import static com.mintreu.engine.checkout.MoneyPathFixture.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mintreu.engine.plugin.BundledTestPlugins;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.plugins.paymentstripe.FakeStripe;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Stripe purchase through the real engine: the payment-stripe plugin zip in the engine, its
 * {@code apiBase} pointing at the plugin's {@link FakeStripe} (from its test-jar), webhooks signed
 * with Stripe's documented scheme ({@code Stripe-Signature: t=...,v1=HMAC-SHA256(whsec, t.body)})
 * around the session as the fake holds it. One engine and one fake per database for the class:
 * the fake's port must be in the config before the engine boots, so {@code @EngineTest}'s
 * annotation config cannot carry it.
 */
class StripePurchaseTest {

    static final String SECRET_KEY = "sk_test_51MintreuEngineFake000000000000000000000000";
    static final String WEBHOOK_SECRET = "whsec_MintreuEngineFakeWebhook000000000";

    record Shop(TestEngine engine, FakeStripe stripe) {}

    record Placed(TestClient customer, String orderId, String sessionId, String paymentUrl) {}

    private static final Map<String, Shop> SHOPS = new ConcurrentHashMap<>();

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    private static Shop shop(String kind) {
        return SHOPS.computeIfAbsent(kind, k -> {
            FakeStripe stripe = new FakeStripe(SECRET_KEY, Clock.systemUTC());
            String yaml = "outbox: {pollInterval: 1h}\n"
                    + "plugins:\n"
                    + "  payment-sandbox: {config: {secret: " + MoneyPathFixture.SANDBOX_SECRET + "}}\n"
                    + "  payment-stripe:\n"
                    + "    enabled: true\n"
                    + "    config: {secretKey: " + SECRET_KEY + ", webhookSecret: " + WEBHOOK_SECRET + ", apiBase: '" + stripe.base() + "'}\n";
            return new Shop(TestEngine.boot(k, yaml, true, BundledTestPlugins::writeStripeTo), stripe);
        });
    }

    @AfterAll
    static void closeShops() {
        SHOPS.values().forEach(s -> {
            s.engine().close();
            s.stripe().close();
        });
        SHOPS.clear();
    }

    /** Cart → {@code POST /api/v1/checkout} with Stripe; the answer sends the buyer to the fake's session. */
    private static Placed place(Shop shop, long price) {
        TestEngine e = shop.engine();
        String plan = publishedPlan(e, price);
        TestClient customer = TestUsers.signIn(e, "customer").client();
        Response placed = checkout(customer, plan, null, Map.of("gateway", "payment-stripe"));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        String paymentUrl = placed.json().get("paymentUrl").asText();
        String sessionId = paymentUrl.substring(paymentUrl.lastIndexOf('/') + 1);
        return new Placed(customer, placed.json().get("orderId").asText(), sessionId, paymentUrl);
    }

    /** A Stripe event around the session as the fake holds it now, and its signature header. */
    private static Map<String, String> event(Shop shop, String type, String sessionId) {
        ObjectNode event = FakeStripe.fixture("event");
        Instant now = Instant.ofEpochMilli(shop.engine().clock().millis());
        event.put("id", "evt_" + UUID.randomUUID().toString().replace("-", "")).put("type", type).put("created", now.getEpochSecond());
        event.putObject("data").set("object", shop.stripe().session(sessionId).deepCopy());
        String body = event.toString();
        return Map.of("id", event.get("id").asText(), "body", body, "signature", sign(WEBHOOK_SECRET, now, body));
    }

    private static Response deliver(Shop shop, Map<String, String> event) {
        return shop.engine().client().post("/api/v1/webhooks/payment-stripe", "application/json", event.get("body"),
                Map.of("Stripe-Signature", event.get("signature")));
    }

    private static String result(Response answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().get("results").get(0).asText();
    }

    private static void deliverOutbox(TestEngine e) {
        for (int pass = 0; pass < 3; pass++) {
            e.engine().component().outboxDispatcher().deliverDue();
        }
    }

    private static int inboxRows(TestEngine e, String eventId) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM payment_events WHERE provider_event_id = :id")
                .bind("id", eventId).mapTo(Integer.class).one());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aStripePurchaseIsPaidByTheSignedWebhookFulfilledAndAReplayIsANoOp(String kind) {
        Shop shop = shop(kind);
        TestEngine e = shop.engine();
        Placed p = place(shop, 2500);

        assertThat(p.paymentUrl()).isEqualTo(shop.stripe().session(p.sessionId()).get("url").asText())
                .startsWith("https://checkout.stripe.com/c/pay/cs_test_");
        assertThat(shop.stripe().session(p.sessionId()).get("client_reference_id").asText()).isEqualTo(p.orderId());
        assertThat(shop.stripe().session(p.sessionId()).get("amount_total").asLong()).isEqualTo(2500);
        assertThat(p.customer().get("/cart").header("Content-Security-Policy"))
                .as("the cart page's forms may lead to Stripe's hosted checkout").contains("https://checkout.stripe.com");
        assertThat(status(p.customer(), p.orderId())).isEqualTo("pending");

        shop.stripe().complete(p.sessionId(), true);
        Map<String, String> paid = event(shop, "checkout.session.completed", p.sessionId());
        assertThat(result(deliver(shop, paid))).isEqualTo("APPLIED");
        assertThat(status(p.customer(), p.orderId())).isEqualTo("paid");

        deliverOutbox(e);
        assertThat(status(p.customer(), p.orderId())).isEqualTo("fulfilled");
        assertThat(p.customer().get("/api/v1/orders/" + p.orderId() + "/entitlements").json().findValuesAsText("kind"))
                .containsExactly("download");

        assertThat(result(deliver(shop, paid))).as("Stripe delivers the same event again").isEqualTo("DUPLICATE");
        deliverOutbox(e);
        assertThat(inboxRows(e, paid.get("id"))).isEqualTo(1);
        assertThat(outboxRows(e, "order.paid", p.orderId())).isEqualTo(1);
        assertThat(p.customer().get("/api/v1/orders/" + p.orderId() + "/entitlements").json().findValuesAsText("kind"))
                .containsExactly("download");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void oneStripeEventDeliveredOneHundredTimesAtOnceFulfilsOnce(String kind) throws Exception {
        Shop shop = shop(kind);
        TestEngine e = shop.engine();
        Placed p = place(shop, 3100);
        shop.stripe().complete(p.sessionId(), true);
        Map<String, String> paid = event(shop, "checkout.session.completed", p.sessionId());

        int n = 100;
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            for (int i = 0; i < n; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return deliver(shop, paid);
                }));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<Response> f : answers) {
                results.add(result(f.get()));
            }
            assertThat(results.stream().filter("APPLIED"::equals).count()).isEqualTo(1);
            assertThat(results.stream().filter("DUPLICATE"::equals).count()).isEqualTo(n - 1);
        } finally {
            pool.shutdownNow();
        }
        deliverOutbox(e);
        assertThat(inboxRows(e, paid.get("id"))).isEqualTo(1);
        assertThat(outboxRows(e, "order.paid", p.orderId())).as("one OrderPaid").isEqualTo(1);
        assertThat(status(p.customer(), p.orderId())).isEqualTo("fulfilled");
        assertThat(p.customer().get("/api/v1/orders/" + p.orderId() + "/entitlements").json().findValuesAsText("kind"))
                .as("one set of entitlements").containsExactly("download");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void anExpiredSessionFailsThePendingOrderAndGrantsNothing(String kind) {
        Shop shop = shop(kind);
        Placed p = place(shop, 1700);
        shop.stripe().expire(p.sessionId());

        assertThat(result(deliver(shop, event(shop, "checkout.session.expired", p.sessionId())))).isEqualTo("APPLIED");

        assertThat(status(p.customer(), p.orderId())).isEqualTo("failed");
        assertThat(outboxRows(shop.engine(), "order.paid", p.orderId())).isZero();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aFailedAsynchronousPaymentFailsTheOrderAfterItWaitedAsPending(String kind) {
        Shop shop = shop(kind);
        Placed p = place(shop, 1900);

        shop.stripe().complete(p.sessionId(), false); // a bank debit: completed, not paid yet
        assertThat(result(deliver(shop, event(shop, "checkout.session.completed", p.sessionId()))))
                .as("payment_status=unpaid is PENDING: the order waits").isEqualTo("IGNORED");
        assertThat(status(p.customer(), p.orderId())).isEqualTo("pending");

        shop.stripe().failAsync(p.sessionId());
        assertThat(result(deliver(shop, event(shop, "checkout.session.async_payment_failed", p.sessionId())))).isEqualTo("APPLIED");

        assertThat(status(p.customer(), p.orderId())).isEqualTo("failed");
        assertThat(outboxRows(shop.engine(), "order.paid", p.orderId())).isZero();
        assertThat(p.customer().get("/api/v1/orders/" + p.orderId() + "/entitlements").json().findValuesAsText("kind")).isEmpty();
    }
}
