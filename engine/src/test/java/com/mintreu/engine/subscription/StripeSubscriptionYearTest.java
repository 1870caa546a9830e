package com.mintreu.engine.subscription;

import static com.mintreu.engine.subscription.SubscriptionFixture.advancePast;
import static com.mintreu.engine.subscription.SubscriptionFixture.again;
import static com.mintreu.engine.subscription.SubscriptionFixture.count;
import static com.mintreu.engine.subscription.SubscriptionFixture.drain;
import static com.mintreu.engine.subscription.SubscriptionFixture.monthly;
import static com.mintreu.engine.subscription.SubscriptionFixture.recurringPlan;
import static com.mintreu.engine.subscription.SubscriptionFixture.renewalJob;
import static com.mintreu.engine.subscription.SubscriptionFixture.subscription;
import static com.mintreu.engine.subscription.SubscriptionFixture.validate;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mintreu.engine.plugin.BundledTestPlugins;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.plugins.paymentstripe.FakeStripe;
import com.mintreu.plugins.paymentstripe.FakeStripeBilling.Signed;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * A provider-managed subscription through the real engine and Stripe's fake, on both databases:
 * subscribed through Checkout in subscription mode, renewed twelve times by {@code invoice.paid}
 * webhooks (each a paid renewal order with its receipt and ledger booking, the license always
 * running to the period Stripe paid, the engine's renewal job charging nothing), replays and racing
 * duplicates booking nothing; a failed renewal is past due with Stripe's portal in the mail and
 * recovers when the invoice is paid; cancel at period end on the customer page goes to Stripe and
 * {@code customer.subscription.deleted} ends it.
 */
class StripeSubscriptionYearTest {

    static final String SECRET_KEY = "sk_test_51MintreuSubsFake00000000000000000000000000";
    static final String WEBHOOK_SECRET = "whsec_MintreuSubsFakeWebhook0000000000";

    record Shop(TestEngine engine, FakeStripe stripe) {}

    /** One subscriber: the engine's subscription, Stripe's, the first order. */
    record Subscribed(TestUsers.User buyer, String id, String stripeSub, String firstOrder) {}

    private static final Map<String, Shop> SHOPS = new ConcurrentHashMap<>();

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    private static Shop shop(String kind) {
        return SHOPS.computeIfAbsent(kind, k -> {
            FakeStripe stripe = new FakeStripe(SECRET_KEY, Clock.systemUTC());
            String yaml = SubscriptionFixture.CONFIG
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

    private static Signed event(Shop shop, String type, ObjectNode object, ObjectNode previous) {
        return shop.stripe().billing().signed(type, object, previous, WEBHOOK_SECRET, Instant.ofEpochMilli(shop.engine().clock().millis()));
    }

    private static List<String> deliver(Shop shop, Signed event) {
        Response answer = shop.engine().client().post("/api/v1/webhooks/payment-stripe", "application/json", event.body(),
                Map.of("Stripe-Signature", event.signature()));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<String> results = new ArrayList<>();
        answer.json().get("results").forEach(r -> results.add(r.asText()));
        return results;
    }

    /** A buyer subscribes to a monthly 29.00 EUR plan with Stripe, completes Checkout, and Stripe reports it. */
    private static Subscribed subscribe(Shop shop) {
        TestEngine e = shop.engine();
        String plan = recurringPlan(e, monthly(2900, 0));
        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        assertThat(buyer.client().postJson("/api/v1/cart/items", Map.of("planId", plan, "quantity", 1)).status()).isEqualTo(200);
        Response placed = buyer.client().postJson("/api/v1/checkout", Map.of("gateway", "payment-stripe"));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        String firstOrder = placed.json().get("orderId").asText();
        String url = placed.json().get("paymentUrl").asText();
        String sessionId = url.substring(url.lastIndexOf('/') + 1);
        FakeStripe.Recorded created = shop.stripe().requests("POST", "/v1/checkout/sessions").getLast();
        assertThat(created.params()).containsEntry("mode", "subscription").containsEntry("client_reference_id", firstOrder)
                .containsEntry("line_items[0][price_data][unit_amount]", "2900")
                .containsEntry("line_items[0][price_data][recurring][interval]", "month");
        String id = created.params().get("subscription_data[metadata][subscription_id]");
        assertThat(created.header("Idempotency-Key")).isEqualTo("subscribe:" + id);

        ObjectNode session = shop.stripe().billing().completeSubscription(sessionId, Instant.ofEpochMilli(e.clock().millis()));
        assertThat(deliver(shop, event(shop, "checkout.session.completed", session, null))).containsExactly("APPLIED", "APPLIED");
        ObjectNode firstInvoice = shop.stripe().billing().invoice(session.get("invoice").asText());
        assertThat(deliver(shop, event(shop, "invoice.paid", firstInvoice, null))).as("the first invoice confirms the paid order")
                .containsExactly("IGNORED");
        drain(e);
        JsonNode sub = subscription(buyer.client());
        assertThat(sub.get("id").asText()).isEqualTo(id);
        assertThat(sub.get("status").asText()).isEqualTo("active");
        assertThat(buyer.client().get("/api/v1/orders/" + firstOrder).json().get("status").asText()).isEqualTo("fulfilled");
        return new Subscribed(buyer, id, session.get("subscription").asText(), firstOrder);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aYearOfInvoicesPaidAtStripe(String kind) throws Exception {
        Shop shop = shop(kind);
        TestEngine e = shop.engine();
        Subscribed s = subscribe(shop);
        JsonNode sub = subscription(s.buyer().client());

        for (int month = 1; month <= 12; month++) {
            String end = sub.get("currentPeriodEndAt").asText();
            advancePast(e, end);
            renewalJob(e); // the engine's job must leave a provider-managed subscription alone
            assertThat(count(e, "SELECT COUNT(*) FROM orders WHERE renewal_of = ? AND status = 'pending'", s.id()))
                    .as("month " + month + ": the job opened no renewal").isZero();
            ObjectNode invoice = shop.stripe().billing().renew(s.stripeSub());
            Signed paid = event(shop, "invoice.paid", invoice, null);
            if (month == 6) {
                // the same invoice reported by several events at once (Stripe retries overlap): one period
                List<String> raced = race(shop, paid, invoice, 4);
                assertThat(raced).as("racing reports of one invoice").containsOnlyOnce("APPLIED");
                assertThat(raced).filteredOn(r -> !r.equals("APPLIED")).containsOnly("IGNORED");
            } else {
                assertThat(deliver(shop, paid)).as("month " + month).containsExactly("APPLIED");
            }
            assertThat(deliver(shop, paid)).as("a replayed webhook adds nothing").containsExactly("DUPLICATE");
            drain(e);
            TestClient customer = again(e, s.buyer().id());
            sub = subscription(customer);
            long stripeEnd = invoice.at("/lines/data/0/period/end").asLong() * 1000;
            assertThat(sub.get("status").asText()).as("month " + month).isEqualTo("active");
            assertThat(Instant.parse(sub.get("currentPeriodEndAt").asText()).toEpochMilli()).as("month " + month + ": Stripe's period")
                    .isEqualTo(stripeEnd);
            JsonNode license = validate(e, customer, s.firstOrder());
            assertThat(license.get("valid").asBoolean()).as("month " + month + ": " + license).isTrue();
            assertThat(license.findValue("expiresAt").asLong()).as("month " + month + ": the license runs to the paid period's end")
                    .isEqualTo(stripeEnd);
        }

        assertThat(count(e, "SELECT COUNT(*) FROM subscription_periods WHERE subscription_id = ? AND status = 'paid'", s.id())).isEqualTo(13);
        assertThat(count(e, "SELECT COUNT(*) FROM orders WHERE renewal_of = ? AND status = 'fulfilled'", s.id())).as("12 renewal orders")
                .isEqualTo(12);
        assertThat(count(e, "SELECT COUNT(*) FROM outbox o JOIN orders r ON o.payload LIKE '%' || r.id || '%' "
                + "WHERE o.topic = 'mail' AND o.payload LIKE '%Your receipt%' AND r.renewal_of = ?", s.id())).as("12 receipts").isEqualTo(12);
        assertThat(count(e, "SELECT COUNT(*) FROM ledger_postings p JOIN orders r ON r.id = p.order_id WHERE p.kind = 'sale' AND r.renewal_of = ?",
                s.id())).as("12 ledger bookings").isEqualTo(12);
        assertThat(count(e, "SELECT COUNT(*) FROM subscription_charges WHERE subscription_id = ?", s.id())).as("the engine charged nothing")
                .isZero();
        assertThat(count(e, "SELECT COUNT(*) FROM orders WHERE renewal_of = ? AND provider_reference LIKE 'in_%'", s.id()))
                .as("each renewal order keeps its invoice").isEqualTo(12);
    }

    /** {@code first} and {@code n - 1} more differently identified events about one paid invoice, delivered at once; their results. */
    private static List<String> race(Shop shop, Signed first, ObjectNode invoice, int n) throws Exception {
        List<Signed> events = new ArrayList<>(List.of(first));
        for (int i = 1; i < n; i++) {
            events.add(event(shop, "invoice.paid", invoice, null));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<List<String>>> answers = new ArrayList<>();
            for (Signed ev : events) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return deliver(shop, ev);
                }));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<List<String>> f : answers) {
                results.addAll(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aFailedRenewalRecoversThenCancelAtPeriodEndGoesToStripeAndDeletedEndsIt(String kind) {
        Shop shop = shop(kind);
        TestEngine e = shop.engine();
        Subscribed s = subscribe(shop);
        advancePast(e, subscription(s.buyer().client()).get("currentPeriodEndAt").asText());

        ObjectNode failed = shop.stripe().billing().failRenewal(s.stripeSub());
        assertThat(deliver(shop, event(shop, "invoice.payment_failed", failed, null))).containsExactly("APPLIED");
        drain(e);
        TestClient customer = again(e, s.buyer().id());
        assertThat(subscription(customer).get("status").asText()).isEqualTo("past_due");
        assertThat(count(e, "SELECT COUNT(*) FROM outbox WHERE topic = 'mail' AND payload LIKE '%Payment failed%' "
                + "AND payload LIKE '%https://billing.stripe.com/p/session/%'")).as("the mail links Stripe's portal").isGreaterThanOrEqualTo(1);
        assertThat(shop.stripe().requests("POST", "/v1/billing_portal/sessions")).isNotEmpty();
        assertThat(validate(e, customer, s.firstOrder()).get("valid").asBoolean()).as("past due keeps access for the grace").isTrue();
        assertThat(deliver(shop, event(shop, "invoice.payment_failed", failed, null))).as("Stripe's own retry failing again")
                .containsExactly("IGNORED");

        ObjectNode recovered = shop.stripe().billing().payInvoice(failed.get("id").asText());
        assertThat(deliver(shop, event(shop, "invoice.paid", recovered, null))).containsExactly("APPLIED");
        drain(e);
        customer = again(e, s.buyer().id());
        JsonNode sub = subscription(customer);
        assertThat(sub.get("status").asText()).isEqualTo("active");
        assertThat(count(e, "SELECT COUNT(*) FROM subscription_periods WHERE subscription_id = ? AND status = 'paid'", s.id())).isEqualTo(2);
        assertThat(count(e, "SELECT COUNT(*) FROM subscription_notices WHERE subscription_id = ? AND kind = 'recovered'", s.id())).isEqualTo(1);
        assertThat(count(e, "SELECT COUNT(*) FROM subscription_notices WHERE subscription_id = ? AND kind = 'payment_failed'", s.id())).isEqualTo(1);

        // the customer page offers no pause for a subscription Stripe renews; cancel at period end goes to Stripe
        Response page = customer.get("/account/subscriptions");
        assertThat(page.html().select("#subscription-" + s.id() + " form.pause")).isEmpty();
        Response canceled = customer.submitForm("/account/subscriptions", "#subscription-" + s.id() + " form.cancel-at-period-end", Map.of());
        assertThat(canceled.status()).as(canceled.body()).isEqualTo(303);
        List<FakeStripe.Recorded> updates = shop.stripe().requests("POST", "/v1/subscriptions/" + s.stripeSub());
        assertThat(updates).hasSize(1);
        assertThat(updates.getFirst().params()).containsEntry("cancel_at_period_end", "true");
        assertThat(updates.getFirst().header("Idempotency-Key")).startsWith(s.id() + ":cancel-at-period-end:");
        ObjectNode before = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("cancel_at_period_end", false);
        assertThat(deliver(shop, event(shop, "customer.subscription.updated", shop.stripe().billing().subscription(s.stripeSub()), before)))
                .as("Stripe confirms what the engine already knows").containsExactly("IGNORED");
        assertThat(subscription(customer).get("cancelAtPeriodEnd").asBoolean()).isTrue();

        String end = subscription(customer).get("currentPeriodEndAt").asText();
        advancePast(e, end);
        renewalJob(e);
        assertThat(subscription(again(e, s.buyer().id())).get("status").asText()).as("Stripe ends it, not the engine's job").isEqualTo("active");
        assertThat(deliver(shop, event(shop, "customer.subscription.deleted", shop.stripe().billing().endAtPeriodEnd(s.stripeSub()), null)))
                .containsExactly("APPLIED");
        drain(e);
        customer = again(e, s.buyer().id());
        assertThat(subscription(customer).get("status").asText()).isEqualTo("canceled");
        JsonNode license = validate(e, customer, s.firstOrder());
        assertThat(license.get("valid").asBoolean()).as("the paid period is over: " + license).isFalse();
        assertThat(license.get("code").asText()).as(license.toString()).isNotEqualTo("SUSPENDED");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aFreeTrialTakenAtStripeStartsWhenStripeReportsItAndConvertsWithTheFirstPaidInvoice(String kind) {
        Shop shop = shop(kind);
        TestEngine e = shop.engine();
        String plan = recurringPlan(e, monthly(1500, 14));
        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        assertThat(buyer.client().postJson("/api/v1/cart/items", Map.of("planId", plan, "quantity", 1)).status()).isEqualTo(200);
        Response placed = buyer.client().postJson("/api/v1/checkout", Map.of("gateway", "payment-stripe"));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        String order = placed.json().get("orderId").asText();
        assertThat(placed.json().hasNonNull("paymentUrl")).as("the buyer subscribes at Stripe: " + placed.body()).isTrue();
        assertThat(buyer.client().get("/api/v1/orders/" + order).json().get("status").asText()).as("nothing paid yet").isEqualTo("pending");
        FakeStripe.Recorded created = shop.stripe().requests("POST", "/v1/checkout/sessions").getLast();
        assertThat(created.params()).containsEntry("subscription_data[trial_period_days]", "14")
                .containsEntry("payment_method_collection", "if_required").containsEntry("line_items[0][price_data][unit_amount]", "1500");
        String url = placed.json().get("paymentUrl").asText();

        ObjectNode session = shop.stripe().billing().completeSubscription(url.substring(url.lastIndexOf('/') + 1),
                Instant.ofEpochMilli(e.clock().millis()));
        assertThat(deliver(shop, event(shop, "checkout.session.completed", session, null))).as("no payment, the trial exists")
                .containsExactly("IGNORED", "APPLIED");
        assertThat(deliver(shop, event(shop, "invoice.paid", shop.stripe().billing().invoice(session.get("invoice").asText()), null)))
                .as("Stripe's invoice for nothing").containsExactly("APPLIED");
        drain(e);
        JsonNode sub = subscription(buyer.client());
        assertThat(sub.get("status").asText()).isEqualTo("trialing");
        assertThat(validate(e, buyer.client(), order).findValue("expiresAt").asLong()).as("the license runs to the trial's end")
                .isEqualTo(Instant.parse(sub.get("currentPeriodEndAt").asText()).toEpochMilli());

        advancePast(e, sub.get("currentPeriodEndAt").asText());
        renewalJob(e);
        TestClient customer = again(e, buyer.id());
        assertThat(subscription(customer).get("status").asText()).as("the job does not charge a Stripe trial").isEqualTo("trialing");
        ObjectNode firstPaid = shop.stripe().billing().renew(session.get("subscription").asText());
        assertThat(deliver(shop, event(shop, "invoice.paid", firstPaid, null))).containsExactly("APPLIED");
        drain(e);
        customer = again(e, buyer.id());
        JsonNode converted = subscription(customer);
        assertThat(converted.get("status").asText()).as("the trial converted").isEqualTo("active");
        assertThat(Instant.parse(converted.get("currentPeriodEndAt").asText()).getEpochSecond())
                .isEqualTo(firstPaid.at("/lines/data/0/period/end").asLong());
        assertThat(count(e, "SELECT COUNT(*) FROM orders WHERE renewal_of = ? AND status = 'fulfilled' AND total_minor = 1500",
                converted.get("id").asText())).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aSubscriptionAtStripeIsBoughtAloneAndUndoAndCancelNowGoToStripe(String kind) {
        Shop shop = shop(kind);
        TestEngine e = shop.engine();
        String plan = recurringPlan(e, monthly(1900, 0));
        String other = recurringPlan(e, monthly(500, 0));
        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        buyer.client().postJson("/api/v1/cart/items", Map.of("planId", plan, "quantity", 1));
        buyer.client().postJson("/api/v1/cart/items", Map.of("planId", other, "quantity", 1));
        long ordersBefore = count(e, "SELECT COUNT(*) FROM orders WHERE customer_id = ?", buyer.id());
        Response refused = buyer.client().postJson("/api/v1/checkout", Map.of("gateway", "payment-stripe"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("PROVIDER_SUBSCRIPTION_ALONE").contains("bought on its own");
        assertThat(count(e, "SELECT COUNT(*) FROM orders WHERE customer_id = ?", buyer.id())).as("nothing written").isEqualTo(ordersBefore);

        Subscribed s = subscribe(shop);
        String base = "/api/v1/subscriptions/" + s.id();
        assertThat(s.buyer().client().postJson(base + "/pause", Map.of()).status()).as("no pause for a Stripe subscription").isEqualTo(409);
        assertThat(s.buyer().client().postJson(base + "/cancel-at-period-end", Map.of()).status()).isEqualTo(200);
        assertThat(s.buyer().client().postJson(base + "/undo-cancel", Map.of()).status()).isEqualTo(200);
        assertThat(shop.stripe().requests("POST", "/v1/subscriptions/" + s.stripeSub())).extracting(r -> r.params().get("cancel_at_period_end"))
                .containsExactly("true", "false");
        assertThat(shop.stripe().billing().subscription(s.stripeSub()).get("cancel_at_period_end").asBoolean()).isFalse();

        Response now = s.buyer().client().postJson(base + "/cancel", Map.of());
        assertThat(now.status()).as(now.body()).isEqualTo(200);
        assertThat(shop.stripe().requests("DELETE", "/v1/subscriptions/" + s.stripeSub())).hasSize(1);
        assertThat(shop.stripe().billing().subscription(s.stripeSub()).get("status").asText()).isEqualTo("canceled");
        assertThat(subscription(s.buyer().client()).get("status").asText()).isEqualTo("canceled");
        // Stripe then reports the deletion: already known, nothing changes
        assertThat(deliver(shop, event(shop, "customer.subscription.deleted", shop.stripe().billing().subscription(s.stripeSub()), null)))
                .containsExactly("IGNORED");
    }
}
