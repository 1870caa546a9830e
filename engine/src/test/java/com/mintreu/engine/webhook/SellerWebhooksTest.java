package com.mintreu.engine.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.api.event.LicenseStatusChanged;
import com.mintreu.api.event.OrderRefunded;
import com.mintreu.api.event.RefundLine;
import com.mintreu.api.money.Money;
import com.mintreu.engine.entitlement.Purchases;
import com.mintreu.engine.entitlement.Purchases.Item;
import com.mintreu.engine.notify.Outbox;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import com.mintreu.engine.web.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Signed webhooks end to end, on both databases, against a local receiver: a paid order reaches
 * each seller's endpoint signed (checked by an independent verifier) with that seller's lines
 * only; a failure is retried on the schedule; a refund and a license change arrive too.
 */
@WithConfig(bundledPlugins = true, value = "outbox: {pollInterval: 1h}\nwebhooks: {allowPrivateTargets: true}\n")
class SellerWebhooksTest {

    @EngineTest
    void aPaidOrderReachesEachSellersEndpointSignedWithOnlyTheirLines(TestEngine e) throws Exception {
        TestUsers.User alice = TestUsers.signIn(e, "seller");
        TestUsers.User bob = TestUsers.signIn(e, "seller");
        TestUsers.User carol = TestUsers.signIn(e, "seller"); // sells nothing in this order
        TestClient admin = TestUsers.signIn(e, "admin").client();
        Item alicePack = Purchases.publish(alice.client(), alice.id(), admin, "download", "Alice Pack", Map.of(), "a.zip", new byte[] {1});
        Item bobPack = Purchases.publish(bob.client(), bob.id(), admin, "download", "Bob Pack", Map.of(), "b.zip", new byte[] {2});
        try (Receiver ra = new Receiver(); Receiver rb = new Receiver(); Receiver rc = new Receiver()) {
            String aliceSecret = Hooks.register(alice.client(), ra.url(), "order.paid", "order.refunded").get("secret").asText();
            String bobSecret = Hooks.register(bob.client(), rb.url(), "order.paid").get("secret").asText();
            Hooks.register(carol.client(), rc.url(), "order.paid", "order.refunded", "license.created");

            String customer = TestUsers.signIn(e, "customer").id();
            String orderId = Purchases.paidOrder(e, customer, alicePack, bobPack);
            Hooks.pump(e);

            assertThat(ra.hits()).hasSize(1);
            assertThat(rb.hits()).hasSize(1);
            assertThat(rc.hits()).as("a seller never receives another seller's events").isEmpty();
            long now = e.clock().millis() / 1000;
            Receiver.Hit a = ra.last();
            assertThat(a.id()).startsWith("msg_");
            assertThat(Long.parseLong(a.timestamp())).as("the attempt's time, in seconds").isBetween(now - 5, now);
            assertThat(StandardWebhooksVerifier.verify(aliceSecret, a.id(), a.timestamp(), a.signature(), a.body(), now)).isTrue();
            assertThat(StandardWebhooksVerifier.verify(bobSecret, a.id(), a.timestamp(), a.signature(), a.body(), now))
                    .as("another seller's secret does not verify").isFalse();
            JsonNode envelope = Json.MAPPER.readTree(a.body());
            assertThat(envelope.get("type").asText()).isEqualTo("order.paid");
            assertThat(envelope.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            JsonNode data = envelope.get("data");
            assertThat(data.get("orderId").asText()).isEqualTo(orderId);
            assertThat(data.get("lines")).hasSize(1);
            assertThat(data.get("lines").get(0).get("productId").asText()).isEqualTo(alicePack.productId());
            assertThat(data.get("total").get("minor").asLong()).as("alice's lines only").isEqualTo(1500);
            assertThat(data.get("sellerShare").get("minor").asLong()).isEqualTo(1350);
            assertThat(a.body()).doesNotContain(bobPack.productId()).doesNotContain("Bob Pack");
            Receiver.Hit b = rb.last();
            assertThat(StandardWebhooksVerifier.verify(bobSecret, b.id(), b.timestamp(), b.signature(), b.body(), now)).isTrue();
            assertThat(b.body()).contains(bobPack.productId()).doesNotContain(alicePack.productId());

            // a redelivered event makes no second message
            String eventId = e.jdbi().withHandle(h -> h.createQuery("SELECT event_id FROM webhook_messages WHERE id = :id").bind("id", a.id())
                    .mapTo(String.class).one());
            e.jdbi().useHandle(h -> h.createUpdate("UPDATE outbox_deliveries SET status = 'pending', available_at = 0 WHERE event_id = :id")
                    .bind("id", eventId).execute());
            Hooks.pump(e);
            assertThat(ra.hits()).hasSize(1);

            // a refund of alice's line: alice's endpoint hears it, bob's did not subscribe, carol sells nothing in it
            String aliceLine = e.jdbi().withHandle(h -> h.createQuery("SELECT id FROM order_lines WHERE order_id = :o AND seller_id = :s")
                    .bind("o", orderId).bind("s", alice.id()).mapTo(String.class).one());
            publish(e, new OrderRefunded(null, null, "rfd_wh_" + orderId, orderId, List.of(new RefundLine(aliceLine, Money.of(500, "EUR")))));
            Hooks.pump(e);
            assertThat(ra.hits()).hasSize(2);
            JsonNode refund = Json.MAPPER.readTree(ra.last().body());
            assertThat(refund.get("type").asText()).isEqualTo("order.refunded");
            assertThat(refund.at("/data/amount/minor").asLong()).isEqualTo(500);
            assertThat(rb.hits()).hasSize(1);
            assertThat(rc.hits()).isEmpty();
        }
    }

    @EngineTest
    void aFailedDeliveryIsRetriedAfterFiveSecondsAndTheLogShowsBothAttempts(TestEngine e) throws Exception {
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        Item pack = Purchases.publish(seller.client(), seller.id(), TestUsers.signIn(e, "admin").client(), "download", "Retry Pack", Map.of(),
                "r.zip", new byte[] {3});
        try (Receiver r = new Receiver()) {
            JsonNode endpoint = Hooks.register(seller.client(), r.url(), "order.paid");
            r.answer(500);
            Purchases.paidOrder(e, TestUsers.signIn(e, "customer").id(), pack);
            Hooks.pump(e);
            assertThat(r.hits()).hasSize(1);

            e.clock().advance(Duration.ofSeconds(2)); // the clock also runs in real time: stay clear of the 5 s
            Hooks.pump(e);
            assertThat(r.hits()).as("not before the 5 s wait").hasSize(1);

            r.answer(204);
            e.clock().advance(Duration.ofSeconds(3));
            Hooks.pump(e);
            assertThat(r.hits()).hasSize(2);
            assertThat(r.hits().get(1).id()).as("the same webhook-id on every attempt").isEqualTo(r.hits().get(0).id());
            assertThat(r.hits().get(1).body()).isEqualTo(r.hits().get(0).body());
            assertThat(Long.parseLong(r.hits().get(1).timestamp()) - Long.parseLong(r.hits().get(0).timestamp())).isBetween(5L, 10L);

            e.clock().advance(Duration.ofHours(1));
            Hooks.pump(e);
            assertThat(r.hits()).as("a 2xx ends it").hasSize(2);

            TestClient client = Hooks.signInAgain(e, seller.id());
            JsonNode log = client.get("/api/v1/seller/webhooks/" + endpoint.get("id").asText() + "/deliveries").json().get("data");
            assertThat(log).hasSize(1);
            assertThat(log.get(0).get("status").asText()).isEqualTo("delivered");
            assertThat(log.get(0).get("log")).hasSize(2);
            assertThat(log.get(0).at("/log/0/statusCode").asInt()).isEqualTo(500);
            assertThat(log.get(0).at("/log/0/error").asText()).contains("answered 500");
            assertThat(log.get(0).at("/log/1/statusCode").asInt()).isEqualTo(204);
            assertThat(log.get(0).at("/log/1/durationMs").isIntegralNumber()).isTrue();
            assertThat(log.get(0).at("/payload/type").asText()).isEqualTo("order.paid");
            String page = client.get("/seller/webhooks/" + endpoint.get("id").asText()).body();
            assertThat(page).contains("answered 500").contains("delivered").contains(">204<");
        }
    }

    @EngineTest
    void aRedirectIsAFailureAndIsNotFollowed(TestEngine e) throws Exception {
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        Item pack = Purchases.publish(seller.client(), seller.id(), TestUsers.signIn(e, "admin").client(), "download", "Redirect Pack", Map.of(),
                "d.zip", new byte[] {4});
        try (Receiver r = new Receiver()) {
            JsonNode endpoint = Hooks.register(seller.client(), r.url(), "order.paid");
            r.answer(302);
            Purchases.paidOrder(e, TestUsers.signIn(e, "customer").id(), pack);
            Hooks.pump(e);
            assertThat(r.hits()).hasSize(1);
            JsonNode log = seller.client().get("/api/v1/seller/webhooks/" + endpoint.get("id").asText() + "/deliveries").json().get("data");
            assertThat(log.get(0).get("status").asText()).isEqualTo("pending");
            assertThat(log.get(0).at("/log/0/statusCode").asInt()).isEqualTo(302);
            assertThat(log.get(0).at("/log/0/error").asText()).contains("redirects are not followed");
        }
    }

    @EngineTest
    void aLicenseChangeReachesTheSellerOfItsProduct(TestEngine e) throws Exception {
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        TestUsers.User other = TestUsers.signIn(e, "seller");
        Item pack = Purchases.publish(seller.client(), seller.id(), TestUsers.signIn(e, "admin").client(), "download", "Licensed Pack", Map.of(),
                "l.zip", new byte[] {5});
        try (Receiver r = new Receiver(); Receiver ro = new Receiver()) {
            String secret = Hooks.register(seller.client(), r.url(), "license.status-changed").get("secret").asText();
            Hooks.register(other.client(), ro.url(), "license.status-changed");
            String customer = TestUsers.signIn(e, "customer").id();
            String orderId = Purchases.paidOrder(e, customer, pack);
            Hooks.pump(e);
            String entitlementId = e.jdbi().withHandle(h -> h.createQuery("SELECT id FROM entitlements WHERE order_id = :o").bind("o", orderId)
                    .mapTo(String.class).one());
            publish(e, new LicenseStatusChanged(null, null, "lic_wh_1", entitlementId, customer, "active", "suspended", "chargeback check"));
            Hooks.pump(e);
            assertThat(r.hits()).hasSize(1);
            assertThat(ro.hits()).isEmpty();
            Receiver.Hit hit = r.last();
            assertThat(StandardWebhooksVerifier.verify(secret, hit.id(), hit.timestamp(), hit.signature(), hit.body(), e.clock().millis() / 1000))
                    .isTrue();
            JsonNode data = Json.MAPPER.readTree(hit.body()).get("data");
            assertThat(data.get("licenseId").asText()).isEqualTo("lic_wh_1");
            assertThat(data.get("productId").asText()).isEqualTo(pack.productId());
            assertThat(data.get("to").asText()).isEqualTo("suspended");
        }
    }

    /** Publishes an event as its feature would; null id and time are stamped here. */
    static void publish(TestEngine e, com.mintreu.api.event.DomainEvent event) {
        Outbox outbox = e.engine().component().outbox();
        e.jdbi().useTransaction(h -> {
            Outbox.Stamp s = outbox.stamp();
            outbox.publish(h, switch (event) {
                case OrderRefunded r -> new OrderRefunded(s.eventId(), s.at(), r.refundId(), r.orderId(), r.lines());
                case LicenseStatusChanged l -> new LicenseStatusChanged(s.eventId(), s.at(), l.licenseId(), l.entitlementId(), l.customerId(), l.from(),
                        l.to(), l.reason());
                default -> event;
            });
        });
    }
}
