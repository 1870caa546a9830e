package com.mintreu.engine.checkout;

import static com.mintreu.engine.checkout.MoneyPathFixture.sign;

import com.mintreu.engine.testing.EngineProcess;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.plugins.paymentstripe.FakeStripe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load {@link CheckoutCrashTest} kills the engine under: the customers, released together and
 * all at once, each put one or two plans in the cart and check out with Stripe; most then pay on the fake's hosted page, and
 * Stripe sends the {@code checkout.session.completed} event for it twice at once (Stripe may
 * deliver an event more than once) while other customers are still checking out. Once enough
 * webhooks were answered and several are in flight, the engine gets SIGKILL.
 *
 * <p>Anything the engine answered before the kill must be right (a 5xx or a wrong result is a
 * problem); a request cut off by the kill is expected. Every event Stripe made is kept, for the
 * redelivery after the restart.
 */
final class CrashRun {

    /** A Stripe event as Stripe keeps it: id and body never change, each delivery is signed anew. */
    record StripeEvent(String id, String orderId, String body) {}

    /** Webhooks answered before the kill: orders paid (and some fulfilled) that must survive it. */
    private static final int KILL_AFTER_ANSWERS = 20;
    /** Webhook requests and checkouts under way at the moment of the kill, so some of each are cut off mid-request. */
    private static final int KILL_WHEN_IN_FLIGHT = 4;
    /** Customers still to finish their checkout below which the kill comes even with fewer answers. */
    private static final int KILL_BEFORE_LAST = 40;

    private final EngineProcess engine;
    private final FakeStripe stripe;
    private final List<String> plans;
    private final HttpClient webhookClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<StripeEvent> events = new CopyOnWriteArrayList<>();
    private final Set<String> appliedBeforeKill = ConcurrentHashMap.newKeySet();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger checkoutsInFlight = new AtomicInteger();
    private final AtomicInteger checkoutsLeft = new AtomicInteger();
    private final AtomicInteger gatewayTimeouts = new AtomicInteger();
    private volatile String atKill = "";
    private final AtomicInteger cutOff = new AtomicInteger();
    private volatile boolean killing;

    CrashRun(EngineProcess engine, FakeStripe stripe, List<String> plans) {
        this.engine = engine;
        this.stripe = stripe;
        this.plans = plans;
    }

    /** Runs every customer at once and kills the engine in the middle; fails on anything the engine answered wrongly. */
    void checkOutAndPayUntilKilled(List<TestClient> customers) throws Exception {
        ExecutorService webhooks = Executors.newFixedThreadPool(32);
        checkoutsLeft.set(customers.size());
        Thread killer = new Thread(() -> killWhenBusy(customers.size() / 2), "crash-killer");
        killer.start();
        try {
            List<Runnable> work = new ArrayList<>();
            for (int i = 0; i < customers.size(); i++) {
                int n = i;
                work.add(() -> customer(n, customers.get(n), webhooks));
            }
            race(work.size(), work, Runnable::run); // every customer at once, released by one latch
            killer.join(TimeUnit.SECONDS.toMillis(120));
            webhooks.shutdown();
            if (!webhooks.awaitTermination(60, TimeUnit.SECONDS)) {
                problems.add("webhook senders still running 60 s after the kill");
            }
        } finally {
            webhooks.shutdownNow();
            killer.interrupt();
            engine.kill();
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.size() + " wrong answer(s) before the kill, e.g. " + problems.subList(0, Math.min(5, problems.size()))
                    + "\nengine log:\n" + tail(engine.log()));
        }
    }

    /**
     * Kills once half the customers checked out and enough webhooks were answered (or, should the
     * webhooks lag, once the checkouts are nearly over), and only while
     * webhooks and checkouts are both in flight: the crash lands in the middle of both.
     */
    private void killWhenBusy(int halfway) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!(inFlight.get() >= KILL_WHEN_IN_FLIGHT && checkoutsInFlight.get() >= KILL_WHEN_IN_FLIGHT
                && (answered.get() >= KILL_AFTER_ANSWERS && checkoutsLeft.get() <= halfway
                        || answered.get() >= 5 && checkoutsLeft.get() <= KILL_BEFORE_LAST))) {
            if (System.nanoTime() > deadline) {
                problems.add("never " + KILL_WHEN_IN_FLIGHT + " webhooks and checkouts in flight at once (" + answered.get() + " webhooks answered)");
                break;
            }
            Thread.onSpinWait();
        }
        atKill = "webhooksInFlight=" + inFlight.get() + " checkoutsInFlight=" + checkoutsInFlight.get() + " checkoutsLeft=" + checkoutsLeft.get();
        killing = true;
        engine.kill();
    }

    private void customer(int n, TestClient customer, ExecutorService webhooks) {
        if (killing) {
            return; // the shop is down: this customer never got to check out
        }
        checkoutsInFlight.incrementAndGet();
        try {
            Response placed;
            try {
                // a third buy both products, the others one; a quarter leave Stripe's page without paying
                for (String plan : n % 3 == 0 ? plans : List.of(plans.get(n % 2))) {
                    expect(customer.postJson("/api/v1/cart/items", Map.of("planId", plan, "quantity", 1)), 200, "cart");
                }
                placed = customer.postJson("/api/v1/checkout", Map.of("gateway", "payment-stripe"));
            } finally {
                checkoutsInFlight.decrementAndGet();
                checkoutsLeft.decrementAndGet();
            }
            if (placed.status() == 504 && placed.body().contains("\"GATEWAY_TIMEOUT\"")) {
                // Stripe (the fake, in this busy JVM) answered after the engine's call timeout: the
                // documented outcome is a pending order without a payment page, and nothing charged
                gatewayTimeouts.incrementAndGet();
                return;
            }
            if (!expect(placed, 201, "checkout")) {
                return;
            }
            if (n % 4 == 3) {
                return;
            }
            String url = placed.json().get("paymentUrl").asText();
            String session = url.substring(url.lastIndexOf('/') + 1);
            stripe.complete(session, true);
            String id = "evt_crash" + String.format("%04d", n) + Long.toHexString(System.nanoTime());
            StripeEvent event = new StripeEvent(id, placed.json().get("orderId").asText(), CheckoutCrashTest.completedEvent(stripe, id, session));
            events.add(event);
            webhooks.submit(() -> deliver(event));
            webhooks.submit(() -> deliver(event));
        } catch (UncheckedIOException cutOff) {
            if (!killing) {
                problems.add("customer " + n + ": " + cutOff);
            }
        }
    }

    private boolean expect(Response r, int status, String what) {
        if (r.status() != status) {
            problems.add(what + ": " + r);
            return false;
        }
        return true;
    }

    private void deliver(StripeEvent event) {
        if (killing) {
            return; // never sent: the redelivery after the restart is its first delivery
        }
        inFlight.incrementAndGet();
        try {
            String signature = sign(StripePurchaseTest.WEBHOOK_SECRET, Instant.now(), event.body());
            HttpResponse<String> r = webhookClient.send(HttpRequest.newBuilder(engine.base().resolve("/api/v1/webhooks/payment-stripe"))
                    .header("Content-Type", "application/json").header("Stripe-Signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(event.body())).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 || !(r.body().contains("\"APPLIED\"") || r.body().contains("\"DUPLICATE\""))) {
                problems.add("webhook " + event.id() + ": " + r.statusCode() + " " + r.body());
                return;
            }
            if (r.body().contains("\"APPLIED\"")) {
                appliedBeforeKill.add(event.id());
            }
            answered.incrementAndGet();
        } catch (IOException lost) {
            if (!(lost instanceof java.net.ConnectException)) {
                cutOff.incrementAndGet(); // sent and never answered (a refused connection was not even sent)
            }
            if (!killing) {
                problems.add("webhook " + event.id() + ": " + lost);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    List<StripeEvent> events() {
        return List.copyOf(events);
    }

    Set<String> appliedBeforeKill() {
        return Set.copyOf(appliedBeforeKill);
    }

    /** What happened before the kill, for the test's one line of output. */
    String summary() {
        return atKill + " gatewayTimeouts=" + gatewayTimeouts.get() + " events=" + events.size() + " webhooksAnswered=" + answered.get() + " appliedBeforeKill=" + appliedBeforeKill.size()
                + " webhooksCutOff=" + cutOff.get();
    }

    /** Webhook requests the kill cut off: sent, never answered. */
    int cutOff() {
        return cutOff.get();
    }

    /** Runs {@code action} on every item, {@code threads} at a time, all released by one start latch; rethrows the first failure. */
    static <T> void race(int threads, Collection<T> items, ThrowingConsumer<T> action) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (T item : items) {
                done.add(pool.submit(() -> {
                    start.await();
                    action.accept(item);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    interface ThrowingConsumer<T> {
        void accept(T item) throws Exception;
    }

    private static String tail(String log) {
        return log.length() <= 8000 ? log : log.substring(log.length() - 8000);
    }
}
