package com.mintreu.engine.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mintreu.engine.security.Tokens;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.plugins.paymentpaypal.FakePayPal;
import com.mintreu.plugins.paymentpaypal.FakePayPalSubscriptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A subscription PayPal renews itself, through the real engine and the payment-paypal plugin
 * against {@link FakePayPalSubscriptions}, on both databases: the buyer subscribes on PayPal's
 * approval page, PayPal bills every month and tells the engine by verified webhooks
 * ({@code PAYMENT.SALE.COMPLETED}): a year of periods, each with its receipt, ledger booking and
 * license expiry ahead; replays book nothing; a failed renewal makes it past due (the mail links
 * PayPal's page for the card) and PayPal's successful retry recovers it; a cancel from the
 * customer's page cancels at PayPal and PayPal's {@code BILLING.SUBSCRIPTION.CANCELLED} ends it.
 */
class PayPalSubscriptionTest {

    private static final Map<String, PayPalShop> SHOPS = new ConcurrentHashMap<>();

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

    /** What a subscriber started: the buyer, the first order and PayPal's subscription id. */
    private record Subscribed(TestUsers.User buyer, String firstOrder, String paypalId) {}

    @ParameterizedTest
    @MethodSource("kinds")
    void aYearOfPayPalRenewalsIsTwelvePaidPeriodsAndReplaysBookNothing(String kind) {
        PayPalShop shop = shop(kind);
        TestEngine e = shop.engine();
        FakePayPalSubscriptions paypal = shop.paypal().subscriptions;
        Subscribed s = subscribe(shop, 2900);

        JsonNode sub = subscription(e, s.buyer());
        String id = sub.get("id").asText();
        assertThat(sub.get("status").asText()).isEqualTo("active");
        JsonNode plan = paypal.planOf(s.paypalId()).path("billing_cycles").path(0);
        assertThat(plan.path("frequency").path("interval_unit").asText()).isEqualTo("MONTH");
        assertThat(plan.path("pricing_scheme").path("fixed_price").path("value").asText()).isEqualTo("29.00");
        assertThat(paypal.subscription(s.paypalId()).path("custom_id").asText()).as("PayPal echoes the engine's id").isEqualTo(id);
        assertThat(status(e, s.firstOrder())).isEqualTo("fulfilled");

        String lastSale = null;
        for (int month = 1; month <= 12; month++) {
            Instant due = Instant.parse(sub.get("currentPeriodEndAt").asText());
            moveTo(e, due);
            lastSale = FakePayPal.event("PAYMENT.SALE.COMPLETED", "sale", paypal.bill(s.paypalId(), due), due);
            assertThat(shop.deliver(shop.transmission(lastSale))).as("month " + month).isEqualTo("APPLIED");
            drain(e);
            sub = subscription(e, s.buyer());
            assertThat(sub.get("status").asText()).as("month " + month).isEqualTo("active");
            Instant end = Instant.parse(sub.get("currentPeriodEndAt").asText());
            assertThat(end).as("month " + month + ": the period PayPal paid ends at its next billing time")
                    .isEqualTo(Instant.parse(paypal.subscription(s.paypalId()).path("billing_info").path("next_billing_time").asText()));
            JsonNode license = validate(e, s.buyer(), s.firstOrder());
            assertThat(license.get("valid").asBoolean()).as("month " + month + ": " + license).isTrue();
            assertThat(license.findValue("expiresAt").asLong()).as("month " + month + ": the license runs to the paid period's end")
                    .isEqualTo(end.toEpochMilli());
        }

        assertThat(count(e, "SELECT COUNT(*) FROM subscription_periods WHERE subscription_id = ? AND status = 'paid'", id)).isEqualTo(13);
        assertThat(count(e, "SELECT COUNT(*) FROM orders WHERE renewal_of = ? AND status = 'fulfilled'", id)).as("12 renewal orders").isEqualTo(12);
        assertThat(count(e, "SELECT COUNT(*) FROM outbox o JOIN orders r ON o.payload LIKE '%' || r.id || '%' "
                + "WHERE o.topic = 'mail' AND o.payload LIKE '%Your receipt%' AND r.renewal_of = ?", id)).as("12 receipts").isEqualTo(12);
        assertThat(count(e, "SELECT COUNT(*) FROM ledger_postings p JOIN orders r ON r.id = p.order_id WHERE p.kind = 'sale' AND r.renewal_of = ?", id))
                .as("12 ledger bookings").isEqualTo(12);

        // PayPal delivers the last sale again (a new transmission of the same event), then reports it under a new event id
        assertThat(shop.deliver(shop.transmission(lastSale))).isEqualTo("DUPLICATE");
        ObjectNode again = (ObjectNode) readTree(lastSale).path("resource");
        assertThat(shop.deliver(shop.delivery("PAYMENT.SALE.COMPLETED", "sale", again))).isNotEqualTo("APPLIED");
        drain(e);
        assertThat(count(e, "SELECT COUNT(*) FROM subscription_periods WHERE subscription_id = ? AND status = 'paid'", id)).isEqualTo(13);
        assertThat(count(e, "SELECT COUNT(*) FROM ledger_postings p JOIN orders r ON r.id = p.order_id WHERE p.kind = 'sale' AND r.renewal_of = ?", id))
                .isEqualTo(12);
        assertThat(count(e, "SELECT COUNT(*) FROM licenses l JOIN entitlements t ON t.id = l.entitlement_id WHERE t.customer_id = ?", s.buyer().id()))
                .as("renewals grant no new license").isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aFailedRenewalIsPastDueAndPayPalsSuccessfulRetryRecoversIt(String kind) {
        PayPalShop shop = shop(kind);
        TestEngine e = shop.engine();
        FakePayPalSubscriptions paypal = shop.paypal().subscriptions;
        Subscribed s = subscribe(shop, 900);
        JsonNode sub = subscription(e, s.buyer());
        String id = sub.get("id").asText();

        Instant due = Instant.parse(sub.get("currentPeriodEndAt").asText());
        moveTo(e, due);
        assertThat(shop.deliver(shop.transmission(FakePayPal.event("BILLING.SUBSCRIPTION.PAYMENT.FAILED", "subscription",
                paypal.failPayment(s.paypalId(), due), due)))).isEqualTo("APPLIED");
        drain(e);
        assertThat(subscription(e, s.buyer()).get("status").asText()).isEqualTo("past_due");
        assertThat(count(e, "SELECT COUNT(*) FROM outbox WHERE topic = 'mail' AND payload LIKE ?",
                "%https://www.paypal.com/myaccount/autopay/connect/" + s.paypalId() + "%"))
                .as("the payment-failed mail links the buyer's PayPal page for this subscription").isEqualTo(1);
        assertThat(validate(e, s.buyer(), s.firstOrder()).get("valid").asBoolean()).as("past due keeps access for the grace").isTrue();

        // PayPal's retry succeeds; its sale arrives 8 times at once: 4 transmissions of one event, 4 events naming the same sale
        Instant retry = due.plus(Duration.ofDays(5));
        moveTo(e, retry);
        ObjectNode sale = paypal.bill(s.paypalId(), retry);
        String event = FakePayPal.event("PAYMENT.SALE.COMPLETED", "sale", sale, retry);
        List<FakePayPal.Delivery> deliveries = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            deliveries.add(shop.transmission(event));
            deliveries.add(shop.transmission(FakePayPal.event("PAYMENT.SALE.COMPLETED", "sale", sale, retry)));
        }
        assertThat(race(shop, deliveries)).as("one delivery books the period").containsOnlyOnce("APPLIED")
                .doesNotContain("ERROR");
        drain(e);
        JsonNode recovered = subscription(e, s.buyer());
        assertThat(recovered.get("status").asText()).as("recovered").isEqualTo("active");
        assertThat(count(e, "SELECT COUNT(*) FROM subscription_periods WHERE subscription_id = ? AND status = 'paid'", id)).isEqualTo(2);
        assertThat(validate(e, s.buyer(), s.firstOrder()).findValue("expiresAt").asLong())
                .isEqualTo(Instant.parse(recovered.get("currentPeriodEndAt").asText()).toEpochMilli());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void afterThreeFailedRenewalsPayPalSuspendsItAndTheEngineEndsIt(String kind) {
        PayPalShop shop = shop(kind);
        TestEngine e = shop.engine();
        FakePayPalSubscriptions paypal = shop.paypal().subscriptions;
        Subscribed s = subscribe(shop, 700);
        Instant due = Instant.parse(subscription(e, s.buyer()).get("currentPeriodEndAt").asText());

        for (int attempt = 0; attempt < 3; attempt++) {
            Instant at = due.plus(Duration.ofDays(5L * attempt));
            moveTo(e, at);
            ObjectNode failed = paypal.failPayment(s.paypalId(), at);
            assertThat(shop.deliver(shop.transmission(FakePayPal.event("BILLING.SUBSCRIPTION.PAYMENT.FAILED", "subscription", failed, at))))
                    .as("failure " + (attempt + 1) + ": the first makes it past due, PayPal's own retries failing change nothing")
                    .isEqualTo(attempt == 0 ? "APPLIED" : "IGNORED");
            drain(e);
            assertThat(subscription(e, s.buyer()).get("status").asText()).isEqualTo("past_due");
        }
        assertThat(paypal.subscription(s.paypalId()).path("status").asText()).as("PayPal's threshold of 3 failures").isEqualTo("SUSPENDED");

        Instant now = e.clock().instant();
        assertThat(shop.deliver(shop.transmission(FakePayPal.event("BILLING.SUBSCRIPTION.SUSPENDED", "subscription",
                paypal.resource(s.paypalId()), now)))).isEqualTo("APPLIED");
        drain(e);
        assertThat(subscription(e, s.buyer()).get("status").asText()).isEqualTo("canceled");
        JsonNode license = validate(e, s.buyer(), s.firstOrder());
        assertThat(license.get("valid").asBoolean()).as("benefits end: " + license).isFalse();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aFreeTrialAtPayPalStartsWhenPayPalActivatesItAndConvertsWithTheFirstSale(String kind) {
        PayPalShop shop = shop(kind);
        TestEngine e = shop.engine();
        FakePayPalSubscriptions paypal = shop.paypal().subscriptions;
        String plan = recurringPlan(e, 1500, false, 14);
        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        assertThat(buyer.client().postJson("/api/v1/cart/items", Map.of("planId", plan, "quantity", 1)).status()).isEqualTo(200);
        Response placed = buyer.client().postJson("/api/v1/checkout", Map.of("gateway", "payment-paypal"));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        String order = placed.json().get("orderId").asText();
        String paypalId = paypal.byApproveLink(placed.json().get("paymentUrl").asText());
        assertThat(paypalId).as("a free trial is still subscribed at PayPal: " + placed.body()).isNotNull();
        JsonNode cycles = paypal.planOf(paypalId).path("billing_cycles");
        assertThat(cycles.path(0).path("tenure_type").asText()).isEqualTo("TRIAL");
        assertThat(cycles.path(0).path("frequency").path("interval_count").asInt()).isEqualTo(14);
        assertThat(cycles.path(1).path("pricing_scheme").path("fixed_price").path("value").asText()).as("what each month costs after it")
                .isEqualTo("15.00");

        Instant now = e.clock().instant();
        assertThat(shop.deliver(shop.transmission(FakePayPal.event("BILLING.SUBSCRIPTION.ACTIVATED", "subscription",
                paypal.approve(paypalId, now), now)))).isEqualTo("APPLIED");
        drain(e);
        JsonNode trial = subscription(e, buyer);
        assertThat(trial.get("status").asText()).isEqualTo("trialing");
        Instant trialEnd = Instant.parse(trial.get("currentPeriodEndAt").asText());
        // the engine counts the trial from when it took PayPal's word (the test clock runs on, so milliseconds later)
        assertThat(trialEnd).as("the engine's trial ends when PayPal first bills")
                .isCloseTo(Instant.parse(paypal.subscription(paypalId).path("billing_info").path("next_billing_time").asText()),
                        org.assertj.core.api.Assertions.within(2, java.time.temporal.ChronoUnit.SECONDS));
        assertThat(validate(e, buyer, order).findValue("expiresAt").asLong()).as("the license runs to the trial's end").isEqualTo(trialEnd.toEpochMilli());

        moveTo(e, trialEnd);
        assertThat(shop.deliver(shop.transmission(FakePayPal.event("PAYMENT.SALE.COMPLETED", "sale", paypal.bill(paypalId, trialEnd), trialEnd))))
                .isEqualTo("APPLIED");
        drain(e);
        JsonNode converted = subscription(e, buyer);
        assertThat(converted.get("status").asText()).as("the trial converted").isEqualTo("active");
        assertThat(validate(e, buyer, order).findValue("expiresAt").asLong())
                .isEqualTo(Instant.parse(converted.get("currentPeriodEndAt").asText()).toEpochMilli());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aCancelOnTheCustomerPageCancelsAtPayPalAndPayPalsWebhookEndsIt(String kind) {
        PayPalShop shop = shop(kind);
        TestEngine e = shop.engine();
        FakePayPalSubscriptions paypal = shop.paypal().subscriptions;
        Subscribed s = subscribe(shop, 1500);
        JsonNode sub = subscription(e, s.buyer());
        String id = sub.get("id").asText();
        TestClient customer = session(e, s.buyer());

        Element card = customer.get("/account/subscriptions").html().getElementById("subscription-" + id);
        assertThat(card).as("the subscription on the customer's page").isNotNull();
        Element form = card.selectFirst("form.cancel-at-period-end");
        Map<String, String> fields = new LinkedHashMap<>();
        form.select("input[type=hidden]").forEach(i -> fields.put(i.attr("name"), i.attr("value")));
        Response canceled = customer.postForm(form.attr("action"), fields);
        assertThat(canceled.status()).as(canceled.body()).isEqualTo(303);
        assertThat(shop.paypal().requests("POST", "/v1/billing/subscriptions/" + s.paypalId() + "/cancel")).hasSize(1);
        assertThat(paypal.subscription(s.paypalId()).path("status").asText()).as("PayPal bills it no more").isEqualTo("CANCELLED");

        Instant now = e.clock().instant();
        assertThat(shop.deliver(shop.transmission(FakePayPal.event("BILLING.SUBSCRIPTION.CANCELLED", "subscription",
                paypal.resource(s.paypalId()), now)))).isEqualTo("APPLIED");
        drain(e);
        assertThat(subscription(e, s.buyer()).get("status").asText()).isEqualTo("canceled");
        JsonNode license = validate(e, s.buyer(), s.firstOrder());
        assertThat(license.get("valid").asBoolean()).as("the paid month is kept: " + license).isTrue();
        assertThat(license.findValue("expiresAt").asLong()).isEqualTo(Instant.parse(sub.get("currentPeriodEndAt").asText()).toEpochMilli());
    }

    /** Posts the deliveries from as many threads released at once; returns each answer's result. */
    private static List<String> race(PayPalShop shop, List<FakePayPal.Delivery> deliveries) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(deliveries.size());
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try {
            List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
            for (FakePayPal.Delivery d : deliveries) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return PayPalShop.result(shop.post(d));
                }));
            }
            start.countDown();
            List<String> results = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<String> answer : answers) {
                results.add(answer.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            return results;
        } catch (Exception ex) {
            throw new AssertionError("a racing delivery failed", ex);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void seatsAreThePayPalSubscriptionsQuantityAtTheUnitPrice(String kind) {
        PayPalShop shop = shop(kind);
        TestEngine e = shop.engine();
        FakePayPalSubscriptions paypal = shop.paypal().subscriptions;
        Subscribed s = subscribe(shop, 1000, 3);

        assertThat(paypal.subscription(s.paypalId()).path("quantity").asText()).isEqualTo("3");
        assertThat(paypal.planOf(s.paypalId()).path("billing_cycles").path(0).path("pricing_scheme").path("fixed_price").path("value").asText())
                .isEqualTo("10.00");
        JsonNode sub = subscription(e, s.buyer());
        assertThat(sub.get("status").asText()).as("PayPal's first sale of 3 x 10.00 paid the 30.00 order").isEqualTo("active");
        assertThat(status(e, s.firstOrder())).isEqualTo("fulfilled");
        assertThat(sub.get("amount").get("minor").asLong()).isEqualTo(3000);
    }

    /** A software product with a monthly plan; the buyer checks it out with PayPal, approves, and PayPal bills the first month. */
    private static Subscribed subscribe(PayPalShop shop, long priceMinor) {
        return subscribe(shop, priceMinor, 1);
    }

    /** As {@link #subscribe(PayPalShop, long)} for {@code seats} seats of a plan sold by seats (when more than 1). */
    private static Subscribed subscribe(PayPalShop shop, long priceMinor, int seats) {
        TestEngine e = shop.engine();
        String plan = recurringPlan(e, priceMinor, seats > 1, 0);
        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        assertThat(buyer.client().postJson("/api/v1/cart/items", Map.of("planId", plan, "quantity", seats)).status()).isEqualTo(200);
        Response placed = buyer.client().postJson("/api/v1/checkout", Map.of("gateway", "payment-paypal"));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        String firstOrder = placed.json().get("orderId").asText();
        String paymentUrl = placed.json().get("paymentUrl").asText();
        assertThat(paymentUrl).startsWith("https://www.paypal.com/webapps/billing/subscriptions?ba_token=");
        String paypalId = shop.paypal().subscriptions.byApproveLink(paymentUrl);
        assertThat(paypalId).as("the buyer is sent to the approval page of a PayPal subscription").isNotNull();

        Instant now = e.clock().instant();
        ObjectNode activated = shop.paypal().subscriptions.approve(paypalId, now);
        assertThat(shop.deliver(shop.transmission(FakePayPal.event("BILLING.SUBSCRIPTION.ACTIVATED", "subscription", activated, now))))
                .isEqualTo("APPLIED");
        ObjectNode sale = shop.paypal().subscriptions.bill(paypalId, now);
        assertThat(shop.deliver(shop.transmission(FakePayPal.event("PAYMENT.SALE.COMPLETED", "sale", sale, now)))).isEqualTo("APPLIED");
        drain(e);
        return new Subscribed(buyer, firstOrder, paypalId);
    }

    /** A published software product (a license key per purchase) with one monthly plan; returns the plan id. */
    private static String recurringPlan(TestEngine e, long priceMinor, boolean seats, int trialDays) {
        TestClient seller = TestUsers.signIn(e, "seller").client();
        TestClient admin = TestUsers.signIn(e, "admin").client();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Cloud Tool " + System.nanoTime());
        body.put("description", "A tool sold by subscription.");
        body.put("type", "software");
        body.put("attributes", Map.of());
        body.put("categories", List.of());
        body.put("tags", List.of("saas"));
        Response created = seller.postJson("/api/v1/seller/products", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        Response p = seller.postJson("/api/v1/seller/products/" + id + "/plans", Map.of("name", "Monthly", "priceMinor", priceMinor,
                "currency", "EUR", "grants", "updates", "interval", "month", "trialDays", trialDays, "seats", seats));
        assertThat(p.status()).as(p.body()).isEqualTo(201);
        assertThat(seller.postBytes("/api/v1/seller/products/" + id + "/releases?version=1.0.0&fileName=tool.zip",
                "application/octet-stream", "PK-tool".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(201);
        assertThat(seller.post("/api/v1/seller/products/" + id + "/submit", null, "").status()).isEqualTo(200);
        assertThat(admin.post("/api/v1/admin/products/" + id + "/approve", null, "").status()).isEqualTo(200);
        return p.json().get("id").asText();
    }

    /** A fresh session for the buyer: months on the test clock outlive the one TestUsers made. */
    private static TestClient session(TestEngine e, TestUsers.User user) {
        String cookie = Tokens.random(32);
        String csrf = Tokens.random(32);
        long now = e.clock().millis();
        e.jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)
                        VALUES (:hash, :id, :csrf, :now, :now, :expires)""")
                .bind("hash", Tokens.sha256(cookie)).bind("id", user.id()).bind("csrf", csrf)
                .bind("now", now).bind("expires", now + 3_600_000).execute());
        return e.client().withSession(cookie).csrfHeader(csrf);
    }

    private static JsonNode subscription(TestEngine e, TestUsers.User buyer) {
        JsonNode data = session(e, buyer).get("/api/v1/subscriptions").json().get("data");
        assertThat(data).hasSize(1);
        return data.get(0);
    }

    /** The license the first order granted, validated now: {valid, code, expiresAt}. */
    private static JsonNode validate(TestEngine e, TestUsers.User buyer, String orderId) {
        for (JsonNode ent : session(e, buyer).get("/api/v1/orders/" + orderId + "/entitlements").json().get("data")) {
            if (ent.get("kind").asText().equals("license")) {
                return e.client().postJson("/api/v1/licenses/validate", Map.of("key", ent.get("license").get("key").asText())).json();
            }
        }
        throw new AssertionError("order " + orderId + " granted no license");
    }

    private static String status(TestEngine e, String orderId) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT status FROM orders WHERE id = ?").bind(0, orderId).mapTo(String.class).one());
    }

    private static JsonNode readTree(String json) {
        try {
            return FakePayPal.JSON.readTree(json);
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private static void moveTo(TestEngine e, Instant at) {
        long by = at.toEpochMilli() - e.clock().millis();
        if (by > 0) {
            e.clock().advance(Duration.ofMillis(by));
        }
    }

    private static void drain(TestEngine e) {
        for (int i = 0; i < 10 && e.engine().component().outboxDispatcher().deliverDue() > 0; i++) {
            // order.paid → subscription events → licenses
        }
    }

    private static long count(TestEngine e, String sql, Object... binds) {
        return e.jdbi().withHandle(h -> {
            var q = h.createQuery(sql);
            for (int i = 0; i < binds.length; i++) {
                q.bind(i, binds[i]);
            }
            return q.mapTo(Long.class).one();
        });
    }
}
