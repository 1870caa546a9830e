package com.mintreu.engine.checkout;

import static com.mintreu.engine.checkout.MoneyPathFixture.checkout;
import static com.mintreu.engine.checkout.MoneyPathFixture.outboxRows;
import static com.mintreu.engine.checkout.MoneyPathFixture.publishedPlan;
import static com.mintreu.engine.checkout.MoneyPathFixture.sign;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mintreu.api.money.Money;
import com.mintreu.engine.plugin.BundledTestPlugins;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.plugins.paymentpaypal.FakePayPal;
import com.mintreu.plugins.paymentstripe.FakeStripe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11, point 8: the buyer's return, the provider's webhook and reconciliation (the job's
 * pass and an admin's "Check again") reaching the engine at once for one order make exactly one
 * state change: one {@code pending → paid}, one {@code order.paid}, one fulfilment, one ledger
 * posting and, for PayPal, one capture. Every actor is a thread released by one start latch, and
 * the outbox dispatcher runs on two more threads meanwhile, as two nodes would; each test races
 * several orders in a row on each database.
 */
class ReturnWebhookReconcileRaceTest {

    private static final int ROUNDS = 3;
    private static final int RETURNS = 4;
    private static final int WEBHOOKS = 4;
    private static final int CHECKS = 2;
    private static final int JOBS = 2;
    private static final int DISPATCHERS = 2;
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    /** One engine per database running PayPal and Stripe, each against its fake. */
    record Shop(PayPalShop paypal, FakeStripe stripe) {
        TestEngine engine() {
            return paypal.engine();
        }
    }

    private static final Map<String, Shop> SHOPS = new ConcurrentHashMap<>();

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    private static Shop shop(String kind) {
        return SHOPS.computeIfAbsent(kind, k -> {
            FakeStripe stripe = new FakeStripe(StripePurchaseTest.SECRET_KEY, Clock.systemUTC());
            String stripeYaml = "  payment-stripe:\n"
                    + "    enabled: true\n"
                    + "    config: {secretKey: " + StripePurchaseTest.SECRET_KEY + ", webhookSecret: " + StripePurchaseTest.WEBHOOK_SECRET
                    + ", apiBase: '" + stripe.base() + "'}\n";
            return new Shop(PayPalShop.boot(k, stripeYaml, BundledTestPlugins::writeStripeTo), stripe);
        });
    }

    @AfterAll
    static void closeShops() {
        SHOPS.values().forEach(s -> {
            s.paypal().close();
            s.stripe().close();
        });
        SHOPS.clear();
    }

    /** An order of a fresh seller's software product (a license and a download), 40.00 EUR. */
    record Sale(TestUsers.User seller, TestClient customer, String orderId, String paymentUrl) {}

    private static Sale sale(TestEngine e, String gateway) {
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        String plan = publishedPlan(e, seller.client(), 4000, "software");
        TestClient customer = TestUsers.signIn(e, "customer").client();
        Response placed = checkout(customer, plan, null, Map.of("gateway", gateway));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        return new Sale(seller, customer, placed.json().get("orderId").asText(), placed.json().get("paymentUrl").asText());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void payPalReturnWebhookAndReconciliationAtOnceMakeOneStateChangeAndOneCapture(String kind) throws Exception {
        Shop shop = shop(kind);
        PayPalShop pp = shop.paypal();
        FakePayPal paypal = pp.paypal();
        TestEngine e = shop.engine();
        for (int round = 0; round < ROUNDS; round++) {
            Sale s = sale(e, "payment-paypal");
            String token = s.paymentUrl().replaceAll(".*token=", "");
            paypal.approve(token);
            int captures = paypal.capturesDone.get();
            Supplier<Boolean> captured = () -> "COMPLETED".equals(paypal.status(token));
            // PayPal sends one event for the capture (and may send it again); it exists once the capture does
            Supplier<String> completed = memo(() -> FakePayPal.event("PAYMENT.CAPTURE.COMPLETED", "capture",
                    paypal.captureById(paypal.captureOf(token))));

            Race race = new Race(e, s);
            for (int i = 0; i < RETURNS; i++) {
                race.actor(() -> pp.comeBack(e.client(), token), r -> assertThat(r.status()).as(r.body()).isIn(302, 303));
            }
            for (int i = 0; i < WEBHOOKS; i++) {
                race.actor(() -> {
                    awaitTrue(captured);
                    return pp.post(pp.transmission(completed.get()));
                }, r -> assertThat(PayPalShop.result(r)).isIn("APPLIED", "DUPLICATE", "IGNORED"));
            }
            race.reconciliation(CHECKS, JOBS, captured);
            race.run();

            assertThat(paypal.capturesDone.get()).as("one capture at PayPal").isEqualTo(captures + 1);
            assertThat(paypal.requests("POST", "/v2/checkout/orders/" + token + "/capture"))
                    .as("every return captured under the one request id").hasSize(RETURNS)
                    .allSatisfy(c -> assertThat(c.header("PayPal-Request-Id")).isEqualTo("capture-" + token));
            race.assertOneStateChange();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void stripeWebhookReconciliationAndReturnPageAtOnceMakeOneStateChange(String kind) throws Exception {
        Shop shop = shop(kind);
        TestEngine e = shop.engine();
        for (int round = 0; round < ROUNDS; round++) {
            Sale s = sale(e, "payment-stripe");
            String sessionId = s.paymentUrl().substring(s.paymentUrl().lastIndexOf('/') + 1);
            shop.stripe().complete(sessionId, true); // the buyer paid on Stripe's page
            String returnUrl = shop.stripe().session(sessionId).get("success_url").asText();
            Map<String, String> event = stripeEvent(e, shop.stripe().session(sessionId));

            Race race = new Race(e, s);
            for (int i = 0; i < RETURNS; i++) {
                race.actor(() -> s.customer().get(returnUrl), r -> assertThat(r.status()).as(r.body()).isEqualTo(200));
            }
            for (int i = 0; i < WEBHOOKS; i++) {
                race.actor(() -> e.client().post("/api/v1/webhooks/payment-stripe", "application/json", event.get("body"),
                        Map.of("Stripe-Signature", event.get("signature"))), r -> assertThat(PayPalShop.result(r)).isIn("APPLIED", "DUPLICATE", "IGNORED"));
            }
            race.reconciliation(CHECKS, JOBS, () -> true);
            race.run();
            race.assertOneStateChange();
        }
    }

    /** A signed {@code checkout.session.completed} around the session as Stripe holds it. */
    private static Map<String, String> stripeEvent(TestEngine e, ObjectNode session) {
        ObjectNode event = FakeStripe.fixture("event");
        Instant now = Instant.ofEpochMilli(e.clock().millis());
        event.put("id", "evt_" + UUID.randomUUID().toString().replace("-", "")).put("type", "checkout.session.completed")
                .put("created", now.getEpochSecond());
        event.putObject("data").set("object", session.deepCopy());
        String body = event.toString();
        return Map.of("body", body, "signature", sign(StripePurchaseTest.WEBHOOK_SECRET, now, body));
    }

    /** The actors of one order's race, released together, and the invariants checked after it. */
    private static final class Race {

        private record Actor(Callable<Response> act, java.util.function.Consumer<Response> check) {}

        private final TestEngine e;
        private final Sale sale;
        private final List<Actor> actors = new ArrayList<>();
        private final List<Callable<Void>> background = new ArrayList<>();

        Race(TestEngine e, Sale sale) {
            this.e = e;
            this.sale = sale;
        }

        void actor(Callable<Response> act, java.util.function.Consumer<Response> check) {
            actors.add(new Actor(act, check));
        }

        /**
         * {@code checks} admins pressing "Check again" and {@code jobs} passes of the reconciliation
         * job, each once {@code ready} (the provider has something to tell); the outbox dispatchers
         * of two nodes meanwhile deliver whatever is due until the order is fulfilled.
         */
        void reconciliation(int checks, int jobs, Supplier<Boolean> ready) {
            TestClient admin = TestUsers.signIn(e, "admin").client();
            Element form = admin.get("/admin/orders/" + sale.orderId()).html().selectFirst("form.check-again");
            assertThat(form).isNotNull();
            Map<String, String> fields = AdminOrderPagesTest.hidden(form);
            for (int i = 0; i < checks; i++) {
                actor(() -> {
                    awaitTrue(ready);
                    return admin.postForm("/admin/orders/" + sale.orderId() + "/check", fields);
                }, r -> assertThat(r.status()).as(r.body()).isEqualTo(200));
            }
            var orders = e.engine().component().orders();
            for (int i = 0; i < jobs; i++) {
                background.add(() -> {
                    awaitTrue(ready);
                    // what ReconcileJob.run() does, with a cutoff that includes this order (15 minutes old in production)
                    long now = e.clock().millis();
                    e.engine().component().reconciliation().reconcile(now + 1, now - Duration.ofHours(24).toMillis());
                    return null;
                });
            }
            for (int i = 0; i < DISPATCHERS; i++) {
                background.add(() -> {
                    long until = System.nanoTime() + PATIENCE.toNanos();
                    while (!"fulfilled".equals(status()) && System.nanoTime() < until) {
                        e.engine().component().outboxDispatcher().deliverDue();
                        Thread.sleep(5);
                    }
                    return null;
                });
            }
        }

        void run() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(actors.size() + background.size());
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Response>> answers = new ArrayList<>();
                for (Actor a : actors) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return a.act().call();
                    }));
                }
                List<Future<Void>> others = new ArrayList<>();
                for (Callable<Void> b : background) {
                    others.add(pool.submit(() -> {
                        start.await();
                        return b.call();
                    }));
                }
                start.countDown();
                for (int i = 0; i < actors.size(); i++) {
                    actors.get(i).check().accept(answers.get(i).get());
                }
                for (Future<Void> f : others) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            for (int pass = 0; pass < 3; pass++) {
                e.engine().component().outboxDispatcher().deliverDue();
            }
        }

        private String status() {
            return sale.customer().get("/api/v1/orders/" + sale.orderId()).json().get("status").asText();
        }

        private int count(String sql) {
            return e.jdbi().withHandle(h -> h.createQuery(sql).bind("o", sale.orderId()).mapTo(Integer.class).one());
        }

        void assertOneStateChange() {
            assertThat(status()).isEqualTo("fulfilled");
            assertThat(count("SELECT COUNT(*) FROM order_events WHERE order_id = :o AND to_status = 'paid'")).as("one paid transition").isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM order_events WHERE order_id = :o AND to_status = 'fulfilled'")).as("one fulfilment").isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM payment_events WHERE order_id = :o AND result = 'APPLIED'"))
                    .as("one event applied, webhook or reconciliation").isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM order_conflicts WHERE order_id = :o")).as("no conflict recorded").isZero();
            assertThat(outboxRows(e, "order.paid", sale.orderId())).as("one OrderPaid").isEqualTo(1);
            assertThat(sale.customer().get("/api/v1/orders/" + sale.orderId() + "/entitlements").json().findValuesAsText("kind"))
                    .as("one set of entitlements").containsExactlyInAnyOrder("license", "download");
            assertThat(count("SELECT COUNT(*) FROM entitlements WHERE order_id = :o")).isEqualTo(2);
            assertThat(count("SELECT COUNT(*) FROM ledger_postings WHERE order_id = :o")).as("one ledger posting").isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM ledger_entries le JOIN ledger_postings lp ON lp.id = le.posting_id"
                    + " WHERE lp.order_id = :o AND le.account = 'customer'")).isEqualTo(1);
            assertThat(e.engine().component().ledger().balances("seller:" + sale.seller().id()).get("EUR").total())
                    .isEqualTo(Money.of(3600, "EUR"));
        }
    }

    /** Waits (briefly spinning) until {@code condition} holds, as a provider's word exists only once the payment does. */
    private static void awaitTrue(Supplier<Boolean> condition) throws InterruptedException {
        long until = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("gave up waiting after " + PATIENCE);
            }
            Thread.sleep(1);
        }
    }

    /** {@code make} run once, by whichever thread asks first. */
    private static <T> Supplier<T> memo(Supplier<T> make) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = make.get();
                }
                return value;
            }
        };
    }
}
