package com.mintreu.engine.checkout;

import static com.mintreu.engine.checkout.MoneyPathFixture.checkout;
import static com.mintreu.engine.checkout.MoneyPathFixture.publishedPlan;
import static com.mintreu.engine.checkout.MoneyPathFixture.sign;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mintreu.api.money.Money;
import com.mintreu.engine.plugin.BundledTestPlugins;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.plugins.paymentstripe.FakeStripe;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Refunds and disputes of Stripe purchases through the real engine, against the plugin's
 * {@link FakeStripe} (as in {@link StripePurchaseTest}: one engine and one fake per database).
 * Each test buys one software product (a license and a download) through a signed
 * {@code checkout.session.completed}, then refunds or disputes it the way Stripe reports it.
 */
class StripeRefundAndDisputeTest {

    private static final Map<String, StripePurchaseTest.Shop> SHOPS = new ConcurrentHashMap<>();

    record Paid(TestUsers.User seller, TestUsers.User customer, String orderId, String sessionId) {}

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    private static StripePurchaseTest.Shop shop(String kind) {
        return SHOPS.computeIfAbsent(kind, k -> {
            FakeStripe stripe = new FakeStripe(StripePurchaseTest.SECRET_KEY, Clock.systemUTC());
            String yaml = "outbox: {pollInterval: 1h}\n"
                    + "plugins:\n"
                    + "  payment-sandbox: {config: {secret: " + MoneyPathFixture.SANDBOX_SECRET + "}}\n"
                    + "  payment-stripe:\n"
                    + "    enabled: true\n"
                    + "    config: {secretKey: " + StripePurchaseTest.SECRET_KEY + ", webhookSecret: " + StripePurchaseTest.WEBHOOK_SECRET
                    + ", apiBase: '" + stripe.base() + "'}\n";
            return new StripePurchaseTest.Shop(TestEngine.boot(k, yaml, true, BundledTestPlugins::writeStripeTo), stripe);
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

    /** A software product (40.00 EUR) of a fresh seller, bought with Stripe and fulfilled. */
    private static Paid paid(StripePurchaseTest.Shop shop) {
        TestEngine e = shop.engine();
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        String plan = publishedPlan(e, seller.client(), 4000, "software");
        TestUsers.User customer = TestUsers.signIn(e, "customer");
        Response placed = checkout(customer.client(), plan, null, Map.of("gateway", "payment-stripe"));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        String orderId = placed.json().get("orderId").asText();
        String url = placed.json().get("paymentUrl").asText();
        String sessionId = url.substring(url.lastIndexOf('/') + 1);
        shop.stripe().complete(sessionId, true);
        assertThat(result(deliver(shop, event(shop, "checkout.session.completed", shop.stripe().session(sessionId))))).isEqualTo("APPLIED");
        deliverOutbox(e);
        Paid p = new Paid(seller, customer, orderId, sessionId);
        assertThat(customer.client().get("/api/v1/orders/" + orderId).json().get("status").asText()).isEqualTo("fulfilled");
        assertThat(license(p)).isEqualTo("active/active");
        assertThat(sellerBalance(e, p)).isEqualTo(Money.of(3600, "EUR")); // 40.00 minus the 10 % fee
        return p;
    }

    /** A Stripe event around {@code object}, signed as Stripe signs it. */
    private static Map<String, String> event(StripePurchaseTest.Shop shop, String type, ObjectNode object) {
        ObjectNode event = FakeStripe.fixture("event");
        Instant now = Instant.ofEpochMilli(shop.engine().clock().millis());
        event.put("id", "evt_" + UUID.randomUUID().toString().replace("-", "")).put("type", type).put("created", now.getEpochSecond());
        event.putObject("data").set("object", object);
        String body = event.toString();
        return Map.of("body", body, "signature", sign(StripePurchaseTest.WEBHOOK_SECRET, now, body));
    }

    private static Response deliver(StripePurchaseTest.Shop shop, Map<String, String> event) {
        return shop.engine().client().post("/api/v1/webhooks/payment-stripe", "application/json", event.get("body"),
                Map.of("Stripe-Signature", event.get("signature")));
    }

    private static String result(Response answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("results")).hasSize(1);
        return answer.json().get("results").get(0).asText();
    }

    private static void deliverOutbox(TestEngine e) {
        for (int pass = 0; pass < 3; pass++) {
            e.engine().component().outboxDispatcher().deliverDue();
        }
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

    @ParameterizedTest
    @MethodSource("kinds")
    void anAdminsRefundCallsStripeOnceWithTheStoredKeyAndTakesEverythingBack(String kind) {
        StripePurchaseTest.Shop shop = shop(kind);
        TestEngine e = shop.engine();
        Paid p = paid(shop);
        String link = entitlement(p, "download").get("downloadUrl").asText();
        assertThat(e.client().get(link).status()).isEqualTo(200);
        int before = shop.stripe().requests("POST", "/v1/refunds").size();

        Response direct = TestUsers.signIn(e, "admin").client().postJson("/api/v1/admin/orders/" + p.orderId() + "/refunds",
                Map.of("reason", "duplicate purchase"));
        assertThat(direct.status()).as(direct.body()).isEqualTo(201);
        String refundId = direct.json().get("id").asText();
        assertThat(direct.json().get("status").asText()).isEqualTo("succeeded");

        var calls = shop.stripe().requests("POST", "/v1/refunds");
        assertThat(calls).hasSize(before + 1);
        FakeStripe.Recorded call = calls.getLast();
        assertThat(call.header("Idempotency-Key")).as("the key stored with the refund").isEqualTo(refundId);
        assertThat(call.params()).containsEntry("amount", "4000").containsEntry("metadata[refund_id]", refundId)
                .containsEntry("metadata[order_id]", p.orderId());

        deliverOutbox(e);
        assertThat(license(p)).isEqualTo("revoked/revoked");
        assertThat(e.client().get(link).status()).isEqualTo(410);
        assertThat(sellerBalance(e, p)).isEqualTo(Money.of(0, "EUR"));

        // Stripe then reports the same refund by webhook: matched to the engine's own by the echoed id, booked once
        assertThat(result(deliver(shop, event(shop, "charge.refunded", shop.stripe().charge(p.sessionId()))))).isEqualTo("IGNORED");
        deliverOutbox(e);
        assertThat(refunds(e, p)).hasSize(1);
        assertThat(sellerBalance(e, p)).isEqualTo(Money.of(0, "EUR"));
        assertThat(shop.stripe().requests("POST", "/v1/refunds")).hasSize(before + 1);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aRefundMadeInStripesDashboardIsBookedOnceFromItsWebhook(String kind) throws Exception {
        StripePurchaseTest.Shop shop = shop(kind);
        TestEngine e = shop.engine();
        Paid p = paid(shop);
        int before = shop.stripe().requests("POST", "/v1/refunds").size();

        ObjectNode charge = shop.stripe().refundInDashboard(p.sessionId(), 4000);
        String stripeRefundId = charge.get("refunds").get("data").get(0).get("id").asText();
        Map<String, String> refunded = event(shop, "charge.refunded", charge);
        assertThat(result(deliver(shop, refunded))).isEqualTo("APPLIED");
        assertThat(result(deliver(shop, refunded))).as("Stripe delivers it again").isEqualTo("DUPLICATE");
        assertThat(result(deliver(shop, event(shop, "charge.refunded", charge)))).as("another event naming the same refund")
                .isEqualTo("IGNORED");
        deliverOutbox(e);

        JsonNode list = refunds(e, p);
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("source").asText()).isEqualTo("provider");
        assertThat(list.get(0).get("status").asText()).isEqualTo("succeeded");
        assertThat(list.get(0).get("providerRefundId").asText()).isEqualTo(stripeRefundId);
        assertThat(list.get(0).get("amountMinor").asLong()).isEqualTo(4000);
        assertThat(license(p)).isEqualTo("revoked/revoked");
        assertThat(sellerBalance(e, p)).isEqualTo(Money.of(0, "EUR"));
        assertThat(shop.stripe().requests("POST", "/v1/refunds")).as("the engine refunds nothing itself").hasSize(before);
    }

    /** API versions since 2022-11-15: charge.refunded without its refunds list; the refund arrives as refund.created/.updated. */
    @ParameterizedTest
    @MethodSource("kinds")
    void aDashboardRefundOnACurrentApiVersionIsBookedFromItsRefundEvents(String kind) throws Exception {
        StripePurchaseTest.Shop shop = shop(kind);
        TestEngine e = shop.engine();
        Paid p = paid(shop);

        ObjectNode charge = shop.stripe().refundInDashboard(p.sessionId(), 1500);
        String stripeRefundId = charge.get("refunds").get("data").get(0).get("id").asText();
        charge.remove("refunds");
        Response chargeOnly = deliver(shop, event(shop, "charge.refunded", charge));
        assertThat(chargeOnly.status()).isEqualTo(200);
        assertThat(chargeOnly.json().get("results")).as("nothing to book from the charge alone").isEmpty();
        assertThat(refunds(e, p)).isEmpty();

        Map<String, String> created = event(shop, "refund.created", shop.stripe().refund(stripeRefundId).put("status", "pending"));
        assertThat(result(deliver(shop, created))).isEqualTo("APPLIED");
        assertThat(result(deliver(shop, created))).as("Stripe delivers it again").isEqualTo("DUPLICATE");
        deliverOutbox(e);
        assertThat(refunds(e, p)).singleElement().satisfies(r -> assertThat(r.get("status").asText()).isEqualTo("processing"));
        assertThat(sellerBalance(e, p)).as("nothing taken back before Stripe says it succeeded").isEqualTo(Money.of(3600, "EUR"));

        assertThat(result(deliver(shop, event(shop, "refund.updated", shop.stripe().refund(stripeRefundId))))).isEqualTo("APPLIED");
        assertThat(result(deliver(shop, event(shop, "refund.updated", shop.stripe().refund(stripeRefundId)))))
                .as("the same refund reported again").isEqualTo("IGNORED");
        deliverOutbox(e);

        JsonNode list = refunds(e, p);
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("source").asText()).isEqualTo("provider");
        assertThat(list.get(0).get("status").asText()).isEqualTo("succeeded");
        assertThat(list.get(0).get("providerRefundId").asText()).isEqualTo(stripeRefundId);
        assertThat(list.get(0).get("amountMinor").asLong()).isEqualTo(1500);
        assertThat(license(p)).as("a partial refund leaves the line").isEqualTo("active/active");
        assertThat(sellerBalance(e, p)).isEqualTo(Money.of(3600 - 1350, "EUR"));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aDisputeSuspendsTheLicenseAWonOneReinstatesItALostOneRevokesIt(String kind) {
        StripePurchaseTest.Shop shop = shop(kind);
        TestEngine e = shop.engine();
        Paid won = paid(shop);
        assertThat(result(deliver(shop, event(shop, "charge.dispute.created", shop.stripe().dispute(won.sessionId(), "needs_response")))))
                .isEqualTo("APPLIED");
        deliverOutbox(e);
        assertThat(license(won)).isEqualTo("active/suspended");
        assertThat(result(deliver(shop, event(shop, "charge.dispute.closed", shop.stripe().dispute(won.sessionId(), "won")))))
                .isEqualTo("APPLIED");
        deliverOutbox(e);
        assertThat(license(won)).isEqualTo("active/active");
        assertThat(sellerBalance(e, won)).isEqualTo(Money.of(3600, "EUR"));

        Paid lost = paid(shop);
        assertThat(result(deliver(shop, event(shop, "charge.dispute.created", shop.stripe().dispute(lost.sessionId(), "needs_response")))))
                .isEqualTo("APPLIED");
        deliverOutbox(e);
        assertThat(license(lost)).isEqualTo("active/suspended");
        assertThat(result(deliver(shop, event(shop, "charge.dispute.closed", shop.stripe().dispute(lost.sessionId(), "lost")))))
                .isEqualTo("APPLIED");
        deliverOutbox(e);
        assertThat(license(lost)).isEqualTo("revoked/revoked");
        assertThat(sellerBalance(e, lost)).as("the loss is booked back").isEqualTo(Money.of(0, "EUR"));
        assertThat(license(won)).as("the other order keeps its license").isEqualTo("active/active");
    }
}
