package com.mintreu.engine.checkout;

import static com.mintreu.engine.checkout.MoneyPathFixture.publishedPlan;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mintreu.api.money.Money;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.plugins.paymentpaypal.FakePayPal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Refunds and disputes of PayPal purchases through the real engine, against the plugin's
 * {@link FakePayPal} (as in {@link PayPalPurchaseTest}: one engine and one fake per database). Each
 * test buys one software product (a license and a download) with PayPal, then refunds or disputes
 * it the way PayPal reports it.
 */
class PayPalRefundAndDisputeTest {

    private static final Map<String, PayPalShop> SHOPS = new ConcurrentHashMap<>();

    record Paid(TestUsers.User seller, TestUsers.User customer, String orderId, String paypalOrderId) {}

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    private static PayPalShop shop(String kind) {
        return SHOPS.computeIfAbsent(kind, PayPalShop::boot);
    }

    @AfterAll
    static void closeShops() {
        SHOPS.values().forEach(PayPalShop::close);
        SHOPS.clear();
    }

    /** A software product (40.00 EUR) of a fresh seller, bought with PayPal, captured on return, paid by webhook, fulfilled. */
    private static Paid paid(PayPalShop shop) {
        TestEngine e = shop.engine();
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        String plan = publishedPlan(e, seller.client(), 4000, "software");
        TestUsers.User customer = TestUsers.signIn(e, "customer");
        PayPalShop.Placed placed = shop.place(customer.client(), plan);
        shop.paypal().approve(placed.paypalOrderId());
        assertThat(shop.comeBack(customer.client(), placed.paypalOrderId()).status()).isIn(302, 303);
        assertThat(shop.deliver(shop.captureEvent("PAYMENT.CAPTURE.COMPLETED", placed.paypalOrderId()))).isEqualTo("APPLIED");
        shop.deliverOutbox();
        Paid p = new Paid(seller, customer, placed.orderId(), placed.paypalOrderId());
        assertThat(customer.client().get("/api/v1/orders/" + p.orderId()).json().get("status").asText()).isEqualTo("fulfilled");
        assertThat(license(p)).isEqualTo("active/active");
        assertThat(sellerBalance(e, p)).isEqualTo(Money.of(3600, "EUR")); // 40.00 minus the 10 % fee
        return p;
    }

    private static JsonNode entitlement(Paid p, String kind) {
        JsonNode list = p.customer().client().get("/api/v1/orders/" + p.orderId() + "/entitlements").json();
        list = list.has("data") ? list.get("data") : list;
        for (JsonNode ent : list) {
            if (ent.get("kind").asText().equals(kind)) {
                return ent;
            }
        }
        throw new AssertionError("no " + kind + " in " + list);
    }

    /** entitlement status / license status, as the customer sees them. */
    private static String license(Paid p) {
        JsonNode ent = entitlement(p, "license");
        return ent.get("status").asText() + "/" + ent.get("license").get("status").asText();
    }

    private static Money sellerBalance(TestEngine e, Paid p) {
        return e.engine().component().ledger().balances("seller:" + p.seller().id()).get("EUR").total();
    }

    private static JsonNode refunds(TestEngine e, Paid p) {
        return TestUsers.signIn(e, "admin").client().get("/api/v1/orders/" + p.orderId() + "/refunds").json().get("data");
    }

    /** The order's ledger postings by kind; asserts that every one of them balances (its entries sum to zero). */
    private static Map<String, Integer> postings(TestEngine e, Paid p) {
        return e.jdbi().withHandle(h -> {
            List<Long> sums = h.createQuery("SELECT SUM(le.amount_minor) FROM ledger_entries le JOIN ledger_postings lp ON lp.id = le.posting_id"
                    + " WHERE lp.order_id = :o GROUP BY lp.id").bind("o", p.orderId()).mapTo(Long.class).list();
            assertThat(sums).as("every posting balances").allMatch(s -> s == 0L);
            Map<String, Integer> kinds = new TreeMap<>();
            h.createQuery("SELECT kind FROM ledger_postings WHERE order_id = :o").bind("o", p.orderId()).mapTo(String.class)
                    .forEach(k -> kinds.merge(k, 1, Integer::sum));
            return kinds;
        });
    }

    /** Presses "Check again" on the admin's order page. */
    private static void checkAgain(TestEngine e, String orderId) {
        TestClient admin = TestUsers.signIn(e, "admin").client();
        Element form = admin.get("/admin/orders/" + orderId).html().selectFirst("form.check-again");
        assertThat(form).isNotNull();
        Response r = admin.postForm("/admin/orders/" + orderId + "/check", AdminOrderPagesTest.hidden(form));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aRefundTheSellerApprovesIsSentToPayPalOnceUnderItsKeyAndTakesEverythingBack(String kind) {
        PayPalShop shop = shop(kind);
        TestEngine e = shop.engine();
        FakePayPal paypal = shop.paypal();
        Paid p = paid(shop);
        String link = entitlement(p, "download").get("downloadUrl").asText();
        assertThat(e.client().get(link).status()).isEqualTo(200);
        String refundPath = "/v2/payments/captures/" + paypal.captureOf(p.paypalOrderId()) + "/refund";

        Response asked = p.customer().client().postJson("/api/v1/orders/" + p.orderId() + "/refunds", Map.of("reason", "does not start on my machine"));
        assertThat(asked.status()).as(asked.body()).isEqualTo(201);
        assertThat(asked.json().get("status").asText()).isEqualTo("requested");
        String refundId = asked.json().get("id").asText();
        assertThat(paypal.requests("POST", refundPath)).as("asking moves no money").isEmpty();

        // PayPal refunds but its answer is lost: the refund waits, and is sent again with the same PayPal-Request-Id
        int refundsBefore = paypal.refundsDone.get();
        paypal.loseNextAnswer(refundPath);
        Response approved = p.seller().client().postJson("/api/v1/refunds/" + refundId + "/approve", Map.of("note", "sorry"));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("status").asText()).as("PayPal's answer never came").isEqualTo("processing");
        assertThat(paypal.refundsDone.get()).as("yet PayPal refunded").isEqualTo(refundsBefore + 1);
        assertThat(p.seller().client().postJson("/api/v1/refunds/" + refundId + "/approve", Map.of()).status())
                .as("deciding twice").isEqualTo(409);

        checkAgain(e, p.orderId());
        JsonNode refund = p.customer().client().get("/api/v1/refunds/" + refundId).json();
        assertThat(refund.get("status").asText()).isEqualTo("succeeded");
        List<FakePayPal.Recorded> calls = paypal.requests("POST", refundPath);
        assertThat(calls).hasSize(2);
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.header("PayPal-Request-Id")).as("the key stored with the refund").isEqualTo(refundId);
            assertThat(call.json().path("invoice_id").asText()).isEqualTo(refundId);
            assertThat(call.json().path("custom_id").asText()).isEqualTo(p.orderId());
            assertThat(call.json().path("amount").path("value").asText()).isEqualTo("40.00");
        });
        assertThat(paypal.refundsDone.get()).as("the retry got the first refund back").isEqualTo(refundsBefore + 1);
        assertThat(paypal.order(p.paypalOrderId()).path("purchase_units").path(0).path("payments").path("refunds"))
                .as("one refund at PayPal").hasSize(1);
        assertThat(refund.get("providerRefundId").asText()).isEqualTo(paypal.refundOf(p.paypalOrderId(), 0).get("id").asText());

        shop.deliverOutbox();
        assertThat(license(p)).isEqualTo("revoked/revoked");
        assertThat(e.client().get(link).status()).isEqualTo(410);
        assertThat(sellerBalance(e, p)).isEqualTo(Money.of(0, "EUR"));
        assertThat(postings(e, p)).isEqualTo(Map.of("refund", 1, "sale", 1));

        // PayPal then reports the same refund by webhook: matched by the echoed invoice_id, booked once
        assertThat(shop.deliver(shop.delivery("PAYMENT.CAPTURE.REFUNDED", "refund", paypal.refundOf(p.paypalOrderId(), 0))))
                .isEqualTo("IGNORED");
        shop.deliverOutbox();
        assertThat(refunds(e, p)).hasSize(1);
        assertThat(sellerBalance(e, p)).isEqualTo(Money.of(0, "EUR"));
        assertThat(postings(e, p)).isEqualTo(Map.of("refund", 1, "sale", 1));
        assertThat(paypal.requests("POST", refundPath)).hasSize(2);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void approvalsTheRefundsWebhookAndCheckAgainAtOnceRefundOnceAndBookItOnce(String kind) throws Exception {
        PayPalShop shop = shop(kind);
        TestEngine e = shop.engine();
        FakePayPal paypal = shop.paypal();
        Paid p = paid(shop);
        String refundPath = "/v2/payments/captures/" + paypal.captureOf(p.paypalOrderId()) + "/refund";
        Response asked = p.customer().client().postJson("/api/v1/orders/" + p.orderId() + "/refunds", Map.of("reason", "bought twice"));
        assertThat(asked.status()).as(asked.body()).isEqualTo(201);
        String refundId = asked.json().get("id").asText();
        int refundsBefore = paypal.refundsDone.get();
        TestClient admin = TestUsers.signIn(e, "admin").client();
        Element form = admin.get("/admin/orders/" + p.orderId()).html().selectFirst("form.check-again");
        Map<String, String> checkFields = AdminOrderPagesTest.hidden(form);

        List<Callable<Response>> actors = new ArrayList<>();
        for (TestClient approver : List.of(p.seller().client(), p.seller().client(), admin, admin)) {
            actors.add(() -> approver.postJson("/api/v1/refunds/" + refundId + "/approve", Map.of()));
        }
        for (int i = 0; i < 2; i++) {
            actors.add(() -> { // PayPal's webhook for the refund, as soon as PayPal has made it
                long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (paypal.refundCount(p.paypalOrderId()) == 0 && System.nanoTime() < until) {
                    Thread.sleep(1);
                }
                return shop.post(shop.delivery("PAYMENT.CAPTURE.REFUNDED", "refund", paypal.refundOf(p.paypalOrderId(), 0)));
            });
            actors.add(() -> admin.postForm("/admin/orders/" + p.orderId() + "/check", checkFields));
        }
        ExecutorService pool = Executors.newFixedThreadPool(actors.size());
        List<Response> answers = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (var actor : actors) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return actor.call();
                }));
            }
            start.countDown();
            for (var f : futures) {
                answers.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(answers.subList(0, 4).stream().filter(r -> r.status() == 200).count()).as("one approval wins").isEqualTo(1);
        assertThat(answers.subList(0, 4)).allSatisfy(r -> assertThat(r.status()).as(r.body()).isIn(200, 409));
        assertThat(answers.subList(4, 8)).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(200));
        shop.deliverOutbox();

        assertThat(paypal.refundsDone.get()).as("one refund at PayPal").isEqualTo(refundsBefore + 1);
        assertThat(paypal.requests("POST", refundPath)).isNotEmpty()
                .allSatisfy(call -> assertThat(call.header("PayPal-Request-Id")).isEqualTo(refundId));
        JsonNode list = refunds(e, p);
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("status").asText()).isEqualTo("succeeded");
        assertThat(MoneyPathFixture.outboxRows(e, "order.refunded", refundId)).as("one OrderRefunded").isEqualTo(1);
        assertThat(postings(e, p)).isEqualTo(Map.of("refund", 1, "sale", 1));
        assertThat(sellerBalance(e, p)).isEqualTo(Money.of(0, "EUR"));
        assertThat(license(p)).isEqualTo("revoked/revoked");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aRefundsWebhookThatOvertakesPayPalsAnswerSettlesItOnce(String kind) throws Exception {
        PayPalShop shop = shop(kind);
        TestEngine e = shop.engine();
        FakePayPal paypal = shop.paypal();
        Paid p = paid(shop);
        String refundPath = "/v2/payments/captures/" + paypal.captureOf(p.paypalOrderId()) + "/refund";
        Response asked = p.customer().client().postJson("/api/v1/orders/" + p.orderId() + "/refunds", Map.of("reason", "changed my mind"));
        String refundId = asked.json().get("id").asText();

        // PayPal refunds at once, but its answer comes after its webhook (held well inside the plugin's 2 s timeout)
        CountDownLatch answer = paypal.holdNextAnswer(refundPath, Duration.ofMillis(1500));
        ExecutorService seller = Executors.newSingleThreadExecutor();
        try {
            Future<Response> approved = seller.submit(() -> p.seller().client().postJson("/api/v1/refunds/" + refundId + "/approve", Map.of()));
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (paypal.refundCount(p.paypalOrderId()) == 0 && System.nanoTime() < until) {
                Thread.sleep(1);
            }
            assertThat(shop.deliver(shop.delivery("PAYMENT.CAPTURE.REFUNDED", "refund", paypal.refundOf(p.paypalOrderId(), 0))))
                    .as("the webhook settles the refund the engine is still waiting for").isEqualTo("APPLIED");
            answer.countDown();
            Response r = approved.get();
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().get("status").asText()).isEqualTo("succeeded");
        } finally {
            seller.shutdownNow();
        }
        shop.deliverOutbox();

        assertThat(paypal.requests("POST", refundPath)).hasSize(1);
        JsonNode list = refunds(e, p);
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("providerRefundId").asText()).isEqualTo(paypal.refundOf(p.paypalOrderId(), 0).get("id").asText());
        assertThat(MoneyPathFixture.outboxRows(e, "order.refunded", refundId)).as("one OrderRefunded").isEqualTo(1);
        assertThat(postings(e, p)).isEqualTo(Map.of("refund", 1, "sale", 1));
        assertThat(sellerBalance(e, p)).isEqualTo(Money.of(0, "EUR"));
        assertThat(license(p)).isEqualTo("revoked/revoked");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aRefundMadeInPayPalsDashboardIsBookedOnceFromItsWebhook(String kind) {
        PayPalShop shop = shop(kind);
        TestEngine e = shop.engine();
        FakePayPal paypal = shop.paypal();
        Paid p = paid(shop);
        String refundPath = "/v2/payments/captures/" + paypal.captureOf(p.paypalOrderId()) + "/refund";

        ObjectNode refund = paypal.refundInDashboard(p.paypalOrderId(), "40.00");
        assertThat(refund.has("invoice_id")).as("the dashboard sets no invoice_id: the engine never saw this refund").isFalse();
        String event = FakePayPal.event("PAYMENT.CAPTURE.REFUNDED", "refund", refund);
        assertThat(shop.deliver(shop.transmission(event))).isEqualTo("APPLIED");
        assertThat(shop.deliver(shop.transmission(event))).as("PayPal delivers it again").isEqualTo("DUPLICATE");
        assertThat(shop.deliver(shop.delivery("PAYMENT.CAPTURE.REFUNDED", "refund", refund))).as("another event naming the same refund")
                .isEqualTo("IGNORED");
        shop.deliverOutbox();

        JsonNode list = refunds(e, p);
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("source").asText()).isEqualTo("provider");
        assertThat(list.get(0).get("status").asText()).isEqualTo("succeeded");
        assertThat(list.get(0).get("providerRefundId").asText()).isEqualTo(refund.get("id").asText());
        assertThat(list.get(0).get("amountMinor").asLong()).isEqualTo(4000);
        assertThat(license(p)).isEqualTo("revoked/revoked");
        assertThat(sellerBalance(e, p)).isEqualTo(Money.of(0, "EUR"));
        assertThat(postings(e, p)).isEqualTo(Map.of("refund", 1, "sale", 1));
        assertThat(paypal.requests("POST", refundPath)).as("the engine refunds nothing itself").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aDisputeSuspendsTheLicenseAWonOneReinstatesItALostOneRevokesItAndBooksTheLoss(String kind) {
        PayPalShop shop = shop(kind);
        TestEngine e = shop.engine();
        FakePayPal paypal = shop.paypal();
        Paid won = paid(shop);
        assertThat(shop.deliver(shop.delivery("CUSTOMER.DISPUTE.CREATED", "dispute", paypal.dispute(won.paypalOrderId(), null))))
                .isEqualTo("APPLIED");
        shop.deliverOutbox();
        assertThat(license(won)).isEqualTo("active/suspended");
        assertThat(shop.deliver(shop.delivery("CUSTOMER.DISPUTE.RESOLVED", "dispute",
                paypal.dispute(won.paypalOrderId(), "RESOLVED_SELLER_FAVOUR")))).isEqualTo("APPLIED");
        shop.deliverOutbox();
        assertThat(license(won)).isEqualTo("active/active");
        assertThat(sellerBalance(e, won)).isEqualTo(Money.of(3600, "EUR"));
        assertThat(postings(e, won)).isEqualTo(Map.of("sale", 1));

        Paid lost = paid(shop);
        assertThat(shop.deliver(shop.delivery("CUSTOMER.DISPUTE.CREATED", "dispute", paypal.dispute(lost.paypalOrderId(), null))))
                .isEqualTo("APPLIED");
        shop.deliverOutbox();
        assertThat(license(lost)).isEqualTo("active/suspended");
        String resolved = FakePayPal.event("CUSTOMER.DISPUTE.RESOLVED", "dispute", paypal.dispute(lost.paypalOrderId(), "RESOLVED_BUYER_FAVOUR"));
        assertThat(shop.deliver(shop.transmission(resolved))).isEqualTo("APPLIED");
        assertThat(shop.deliver(shop.transmission(resolved))).as("PayPal delivers it again").isEqualTo("DUPLICATE");
        shop.deliverOutbox();
        assertThat(license(lost)).isEqualTo("revoked/revoked");
        assertThat(sellerBalance(e, lost)).as("the loss is booked back").isEqualTo(Money.of(0, "EUR"));
        assertThat(postings(e, lost)).as("the loss reverses the sale once").isEqualTo(Map.of("refund", 1, "sale", 1));
        JsonNode list = refunds(e, lost);
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("source").asText()).isEqualTo("dispute");
        assertThat(list.get(0).get("amountMinor").asLong()).isEqualTo(4000);
        assertThat(license(won)).as("the other order keeps its license").isEqualTo("active/active");
    }
}
