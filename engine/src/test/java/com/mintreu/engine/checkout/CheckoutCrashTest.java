package com.mintreu.engine.checkout;

import static com.mintreu.engine.checkout.MoneyPathFixture.publishedPlan;
import static com.mintreu.engine.checkout.MoneyPathFixture.sign;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mintreu.engine.plugin.BundledTestPlugins;
import com.mintreu.engine.testing.EngineProcess;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.plugins.paymentstripe.FakeStripe;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11, point 8: the engine (a child JVM, Stripe as the gateway) is SIGKILLed halfway through
 * 200 customers' checkouts (all at once, see {@link CrashRun}) and Stripe's webhooks for the ones who paid arrive at the same time; it is
 * restarted on the same database, Stripe redelivers every event (those answered before the kill
 * too), and the outbox drains. Then, from the database: every paid order is fulfilled with exactly
 * one set of entitlements and keys, nothing is granted without a paid order, no order was paid
 * twice, the ledger balances with each paid line booked once, and no outbox delivery is dead.
 */
class CheckoutCrashTest {

    private static final int CUSTOMERS = 200;

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyPaidOrderIsFulfilledAndBookedOnceAfterAKillAndARedelivery(String kind) throws Exception {
        long t0 = System.currentTimeMillis();
        Path dir = Files.createTempDirectory("mintreu-checkout-crash-");
        TestDatabase db = TestDatabase.create(kind, dir);
        Path plugins = BundledTestPlugins.writeStripeTo(BundledTestPlugins.writeTo(dir.resolve("plugins")));
        try (FakeStripe stripe = new FakeStripe(StripePurchaseTest.SECRET_KEY, Clock.systemUTC())) {
            String shop = shopYaml(dir, plugins, stripe);
            int port = EngineProcess.freePort();
            List<String> plans;
            List<TestClient> customers;
            // the catalog and the customers, made by an engine in this JVM on the same database and folders
            try (TestEngine setup = TestEngine.bootOn(kind, db.jdbcUrl(), shop + "outbox: {pollInterval: 1h}\n")) {
                plans = List.of(publishedPlan(setup, 1500, "download"), publishedPlan(setup, 2900, "software"));
                URI child = URI.create("http://127.0.0.1:" + port);
                customers = TestUsers.signIn(setup.jdbi(), setup.clock().millis(), child, CUSTOMERS, "customer").stream()
                        .map(TestUsers.User::client).toList();
            }

            long started = System.currentTimeMillis();
            CrashRun run;
            // the outbox runs every 100 ms in the child, so fulfilments and bookings are cut off too
            try (EngineProcess engine = EngineProcess.start(dir, port, "serve", shop + """
                    server: {host: 127.0.0.1, port: %d, publicUrl: 'http://127.0.0.1:%d', accessLog: false, workerThreads: 16}
                    database: {url: '%s', maxPoolSize: 8}
                    outbox: {pollInterval: 100ms}
                    """.formatted(port, port, db.jdbcUrl()))) {
                engine.awaitReady();
                run = new CrashRun(engine, stripe, plans);
                run.checkOutAndPayUntilKilled(customers);
            }
            long killed = System.currentTimeMillis();
            assertThat(run.cutOff()).as("webhooks cut off by the kill").isPositive();
            assertThat(run.events()).as("some customers paid before the kill").isNotEmpty();

            try (TestEngine restarted = TestEngine.bootOn(kind, db.jdbcUrl(), shop + "outbox: {pollInterval: 1h}\n")) {
                String atRestart = "atRestart: fulfilled=" + count(restarted.jdbi(), "SELECT COUNT(*) FROM orders WHERE status = 'fulfilled'")
                        + " paidNotFulfilled=" + count(restarted.jdbi(), "SELECT COUNT(*) FROM orders WHERE status = 'paid'")
                        + " pending=" + count(restarted.jdbi(), "SELECT COUNT(*) FROM orders WHERE status = 'pending'");
                redeliverEverything(restarted, run);
                // deliveries the dead engine had claimed come back once their lease (5 minutes) ran out
                restarted.clock().advance(Duration.ofMinutes(6));
                drainOutbox(restarted);
                assertInvariants(restarted.jdbi(), run);
                System.out.printf("CheckoutCrashTest %s: %s; %s; ordersPaid=%d; setup %d s, run %d s, recovery %d s%n", kind, run.summary(), atRestart,
                        count(restarted.jdbi(), "SELECT COUNT(*) FROM orders WHERE paid_at IS NOT NULL"),
                        (started - t0) / 1000, (killed - started) / 1000, (System.currentTimeMillis() - killed) / 1000);
            }
        } finally {
            db.cleanup().run();
        }
    }

    /** Folders and plugins every engine of the test shares: the same data folder, Stripe pointing at the fake. */
    private static String shopYaml(Path dir, Path plugins, FakeStripe stripe) {
        return """
                engine: {dataDir: '%s', pluginsDir: '%s'}
                plugins:
                  payment-sandbox: {config: {secret: %s}}
                  payment-stripe:
                    enabled: true
                    config: {secretKey: %s, webhookSecret: %s, apiBase: '%s'}
                """.formatted(dir.resolve("data"), plugins, MoneyPathFixture.SANDBOX_SECRET, StripePurchaseTest.SECRET_KEY,
                StripePurchaseTest.WEBHOOK_SECRET, stripe.base());
    }

    /**
     * Stripe retries an event until it gets a 2xx, each time signed anew ({@code t} is the time of
     * the attempt) around the same body. Every event, answered or not, goes again, 16 at a time.
     */
    private static void redeliverEverything(TestEngine e, CrashRun run) throws Exception {
        Map<String, String> results = new ConcurrentHashMap<>();
        CrashRun.race(16, run.events(), event -> {
            Instant now = Instant.ofEpochMilli(e.clock().millis());
            Response answer = e.client().post("/api/v1/webhooks/payment-stripe", "application/json", event.body(),
                    Map.of("Stripe-Signature", sign(StripePurchaseTest.WEBHOOK_SECRET, now, event.body())));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            results.put(event.id(), answer.json().get("results").get(0).asText());
        });
        assertThat(Set.copyOf(results.values())).as("each event is applied now or was before").isSubsetOf(Set.of("APPLIED", "DUPLICATE"));
        run.appliedBeforeKill().forEach(id -> assertThat(results.get(id))
                .as("event %s was answered APPLIED before the kill, so its change had committed", id).isEqualTo("DUPLICATE"));
    }

    /** Outbox passes until nothing is pending; a failed delivery's backoff is waited out by moving the clock. */
    private static void drainOutbox(TestEngine e) {
        var dispatcher = e.engine().component().outboxDispatcher();
        for (int pass = 0; pass < 40; pass++) {
            int delivered = dispatcher.deliverDue();
            int open = count(e.jdbi(), """
                    SELECT (SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL)
                         + (SELECT COUNT(*) FROM outbox_deliveries WHERE status = 'pending')""");
            if (open == 0) {
                return;
            }
            if (delivered == 0) {
                e.clock().advance(Duration.ofMinutes(1));
            }
        }
        throw new AssertionError("the outbox did not drain: " + e.jdbi().withHandle(h -> h.createQuery(
                "SELECT subscriber || ' ' || topic || ' ' || status || ' ' || COALESCE(last_error, '') FROM outbox_deliveries WHERE status <> 'delivered'")
                .mapTo(String.class).list()));
    }

    private static void assertInvariants(Jdbi jdbi, CrashRun run) {
        Set<String> paidAtStripe = run.events().stream().map(CrashRun.StripeEvent::orderId).collect(Collectors.toSet());

        assertThat(strings(jdbi, "SELECT id FROM orders WHERE paid_at IS NOT NULL"))
                .as("the orders paid are exactly those Stripe took money for").containsExactlyInAnyOrderElementsOf(paidAtStripe);
        assertThat(strings(jdbi, "SELECT id || ' ' || status FROM orders WHERE paid_at IS NOT NULL AND status <> 'fulfilled'"))
                .as("every paid order is fulfilled").isEmpty();
        assertThat(strings(jdbi, "SELECT id || ' ' || status FROM orders WHERE paid_at IS NULL AND status <> 'pending'"))
                .as("an order nobody paid stays pending").isEmpty();

        assertThat(strings(jdbi, "SELECT order_id FROM order_events WHERE to_status = 'paid' GROUP BY order_id HAVING COUNT(*) <> 1"))
                .as("no order paid twice").isEmpty();
        assertThat(count(jdbi, "SELECT COUNT(*) FROM order_events WHERE to_status = 'paid'")).isEqualTo(paidAtStripe.size());
        assertThat(count(jdbi, "SELECT COUNT(*) FROM outbox WHERE topic = 'order.paid'")).as("one OrderPaid per paid order")
                .isEqualTo(paidAtStripe.size());
        assertThat(count(jdbi, "SELECT COUNT(*) FROM payment_events WHERE gateway = 'payment-stripe'"))
                .as("one inbox row per Stripe event").isEqualTo(run.events().size());
        assertThat(strings(jdbi, """
                SELECT o.id FROM orders o WHERE o.status = 'fulfilled'
                AND (SELECT COUNT(*) FROM outbox m WHERE m.topic = 'mail' AND m.payload LIKE '%' || o.id || '%') <> 1"""))
                .as("one receipt per order").isEmpty();

        // one set of entitlements per paid line: a download per line, a license and its one key per software line
        assertThat(strings(jdbi, """
                SELECT l.id || ' ' || l.product_type || ' downloads=' || (SELECT COUNT(*) FROM entitlements e WHERE e.line_id = l.id AND e.kind = 'download')
                    || ' licenses=' || (SELECT COUNT(*) FROM entitlements e WHERE e.line_id = l.id AND e.kind = 'license')
                    || ' keys=' || (SELECT COUNT(*) FROM licenses k JOIN entitlements e ON e.id = k.entitlement_id WHERE e.line_id = l.id)
                    || ' all=' || (SELECT COUNT(*) FROM entitlements e WHERE e.line_id = l.id)
                FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.paid_at IS NOT NULL"""))
                .as("every paid line has exactly its grants")
                .allSatisfy(line -> assertThat(line).endsWith(line.contains(" software ")
                        ? " downloads=1 licenses=1 keys=1 all=2" : " downloads=1 licenses=0 keys=0 all=1"))
                .hasSize(count(jdbi, "SELECT COUNT(*) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.paid_at IS NOT NULL"));
        assertThat(count(jdbi, "SELECT COUNT(*) FROM entitlements e JOIN orders o ON o.id = e.order_id WHERE o.paid_at IS NULL OR o.status <> 'fulfilled'"))
                .as("no entitlement without a paid order").isZero();
        assertThat(count(jdbi, "SELECT COUNT(*) FROM entitlements WHERE status <> 'active'")).isZero();
        assertThat(count(jdbi, "SELECT COUNT(*) FROM licenses")).as("no key without a license entitlement")
                .isEqualTo(count(jdbi, "SELECT COUNT(*) FROM entitlements WHERE kind = 'license'"));

        // the ledger: balanced, each paid line booked once as a sale, and nothing else
        assertThat(strings(jdbi, "SELECT currency || ' ' || SUM(amount_minor) FROM ledger_entries GROUP BY currency"))
                .as("the ledger balances per currency").containsExactly("EUR 0");
        assertThat(strings(jdbi, "SELECT posting_key FROM ledger_postings")).as("each paid line booked exactly once")
                .containsExactlyInAnyOrderElementsOf(strings(jdbi,
                        "SELECT 'sale:' || l.id FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.paid_at IS NOT NULL"));
        assertThat(count(jdbi, "SELECT -COALESCE(SUM(amount_minor), 0) FROM ledger_entries WHERE account = 'customer'"))
                .as("customers paid the paid orders' totals")
                .isEqualTo(count(jdbi, "SELECT COALESCE(SUM(total_minor), 0) FROM orders WHERE paid_at IS NOT NULL"));

        assertThat(strings(jdbi, "SELECT event_id || ' ' || subscriber || ' ' || COALESCE(last_error, '') FROM outbox_deliveries WHERE status <> 'delivered'"))
                .as("no dead or stuck outbox delivery").isEmpty();
    }

    private static int count(Jdbi jdbi, String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }

    private static List<String> strings(Jdbi jdbi, String sql) {
        return new ArrayList<>(jdbi.withHandle(h -> h.createQuery(sql).mapTo(String.class).list()));
    }

    /** The body of a {@code checkout.session.completed} event around the session as the fake holds it now. */
    static String completedEvent(FakeStripe stripe, String eventId, String sessionId) {
        ObjectNode event = FakeStripe.fixture("event");
        event.put("id", eventId).put("type", "checkout.session.completed").put("created", Instant.now().getEpochSecond());
        event.putObject("data").set("object", stripe.session(sessionId).deepCopy());
        return event.toString();
    }
}
