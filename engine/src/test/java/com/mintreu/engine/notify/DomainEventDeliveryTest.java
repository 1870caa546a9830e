package com.mintreu.engine.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.entitlement.Purchases;
import com.mintreu.engine.entitlement.Purchases.Item;
import com.mintreu.engine.plugin.EntitlementTestPlugins;
import com.mintreu.engine.plugin.EventTestPlugins;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Domain events reach EVERY subscriber separately, on both databases: the engine's fulfilment and
 * two plugins that subscribe through plugin-api only. One failing subscriber retries with backoff
 * and goes dead while the others are served; an admin retries it; a redelivered event changes
 * nothing; outbox rows written before typed events still deliver.
 */
class DomainEventDeliveryTest {

    private static final String CONFIG = "outbox: {pollInterval: 1h, retryBase: 30s, retryMax: 1h, maxAttempts: 3}\n";

    private record Setup(TestEngine engine, Path dir, Item software, TestClient admin, TestUsers.User customer) implements AutoCloseable {
        @Override
        public void close() {
            engine.close();
        }
    }

    private static Setup boot(String kind) throws Exception {
        Path plugins = EntitlementTestPlugins.writeTo(Files.createTempDirectory("event-plugins-"));
        Path dir = Files.createTempDirectory("event-subscribers-");
        EventTestPlugins.writeTo(plugins, dir);
        TestEngine e = TestEngine.boot(kind, "engine: {pluginsDir: '" + plugins + "'}\n" + CONFIG);
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        TestClient admin = TestUsers.signIn(e, "admin").client();
        Item software = Purchases.publish(seller.client(), seller.id(), admin, "software", "Pixel Editor", Map.of(), "pixel.tar.gz", new byte[] {1, 2, 3});
        return new Setup(e, dir, software, admin, TestUsers.signIn(e, "customer"));
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    private static Map<String, Object> delivery(TestEngine e, String eventId, String subscriber) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT status, attempts, last_error FROM outbox_deliveries WHERE event_id = :e AND subscriber = :s")
                .bind("e", eventId).bind("s", subscriber).mapToMap().one());
    }

    private static String orderPaidEvent(TestEngine e, String orderId) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT id FROM outbox WHERE topic = 'order.paid' AND payload LIKE :p")
                .bind("p", "%" + orderId + "%").mapTo(String.class).one());
    }

    private static long count(TestEngine e, String sql, String orderId) {
        return Purchases.count(e, sql, orderId);
    }

    @Test
    void everySubscriberGetsTheEventAndAFailingOneGoesDeadUntilAnAdminRetriesIt() throws Exception {
        for (String kind : TestDatabase.kinds()) {
            try (Setup s = boot(kind)) {
                TestEngine e = s.engine();
                OutboxDispatcher dispatcher = e.engine().component().outboxDispatcher();
                Files.createFile(s.dir().resolve("fail"));
                String orderId = Purchases.paidOrder(e, s.customer().id(), s.software());
                String eventId = orderPaidEvent(e, orderId);

                dispatcher.deliverDue();
                assertThat(Purchases.status(e, orderId)).as(kind).isEqualTo("fulfilled");
                assertThat(lines(s.dir().resolve("recorder.log"))).as("the plugin subscriber got it").contains("order.paid " + eventId + " " + orderId);
                assertThat(lines(s.dir().resolve("flaky.log"))).isEmpty();
                assertThat(delivery(e, eventId, "event-flaky:flaky")).containsEntry("status", "pending");
                assertThat(((Number) delivery(e, eventId, "event-flaky:flaky").get("attempts")).intValue()).isEqualTo(1);
                assertThat((String) delivery(e, eventId, "event-flaky:flaky").get("last_error")).contains("the flaky subscriber is down");
                assertThat(delivery(e, eventId, "fulfilment")).containsEntry("status", "delivered");

                dispatcher.deliverDue(); // fans out what fulfilment wrote (EntitlementGranted, the receipt); flaky waits for its backoff
                assertThat(((Number) delivery(e, eventId, "event-flaky:flaky").get("attempts")).intValue()).as("backoff").isEqualTo(1);
                assertThat(lines(s.dir().resolve("recorder.log"))).anyMatch(l -> l.startsWith("entitlement.granted ") && l.endsWith(" " + orderId));

                e.clock().advance(Duration.ofSeconds(31));
                dispatcher.deliverDue();
                assertThat(((Number) delivery(e, eventId, "event-flaky:flaky").get("attempts")).intValue()).isEqualTo(2);
                e.clock().advance(Duration.ofSeconds(61));
                dispatcher.deliverDue();
                assertThat(delivery(e, eventId, "event-flaky:flaky")).containsEntry("status", "dead");
                e.clock().advance(Duration.ofHours(2));
                dispatcher.deliverDue();
                assertThat(((Number) delivery(e, eventId, "event-flaky:flaky").get("attempts")).intValue()).as("dead stays dead").isEqualTo(3);
                assertThat(lines(s.dir().resolve("recorder.log")).stream().filter(l -> l.startsWith("order.paid "))).as("one delivery each")
                        .containsExactly("order.paid " + eventId + " " + orderId);

                // the admin sees it and retries it, once the subscriber works again
                assertThat(s.customer().client().get("/api/v1/admin/outbox/dead").status()).as("not for customers").isIn(401, 403);
                Response dead = s.admin().get("/api/v1/admin/outbox/dead");
                assertThat(dead.status()).isEqualTo(200);
                assertThat(dead.json().get("data")).hasSize(1);
                assertThat(dead.json().get("data").get(0).get("eventId").asText()).isEqualTo(eventId);
                assertThat(dead.json().get("data").get(0).get("subscriber").asText()).isEqualTo("event-flaky:flaky");
                assertThat(s.admin().get("/admin/outbox").body()).contains(eventId).contains("the flaky subscriber is down");
                Files.delete(s.dir().resolve("fail"));
                Map<String, Object> retry = Map.of("eventId", eventId, "subscriber", "event-flaky:flaky");
                assertThat(s.admin().postJson("/api/v1/admin/outbox/dead/retry", retry).status()).isEqualTo(200);
                assertThat(s.admin().postJson("/api/v1/admin/outbox/dead/retry", retry).status()).as("not dead any more").isEqualTo(404);
                assertThat(s.admin().postJson("/api/v1/admin/outbox/dead/retry", Map.of("eventId", eventId)).status()).isEqualTo(422);
                assertThat(dispatcher.deliverDue()).isEqualTo(1);
                assertThat(lines(s.dir().resolve("flaky.log"))).containsExactly("order.paid " + eventId + " " + orderId);
                assertThat(delivery(e, eventId, "event-flaky:flaky")).containsEntry("status", "delivered");
                assertThat(s.admin().get("/api/v1/admin/outbox/dead").json().get("data")).isEmpty();
            }
        }
    }

    @Test
    void aRedeliveredOrderPaidGrantsNoSecondLicenseOrReceipt() throws Exception {
        for (String kind : TestDatabase.kinds()) {
            try (Setup s = boot(kind)) {
                TestEngine e = s.engine();
                OutboxDispatcher dispatcher = e.engine().component().outboxDispatcher();
                String orderId = Purchases.paidOrder(e, s.customer().id(), s.software());
                String eventId = orderPaidEvent(e, orderId);
                dispatcher.deliverDue();
                dispatcher.deliverDue();
                String licenses = "SELECT COUNT(*) FROM licenses l JOIN entitlements n ON n.id = l.entitlement_id WHERE n.order_id = ?";
                String granted = "SELECT COUNT(*) FROM outbox WHERE topic = 'entitlement.granted' AND payload LIKE ?";
                assertThat(count(e, licenses, orderId)).as(kind).isEqualTo(1);
                assertThat(Purchases.receipts(e, orderId)).isEqualTo(1);
                long grants = count(e, granted, "%" + orderId + "%");
                assertThat(grants).isPositive();

                // as after a crash between delivering and recording it: the same event comes again
                e.jdbi().useHandle(h -> h.createUpdate("UPDATE outbox_deliveries SET status = 'pending', available_at = 0 WHERE event_id = :e")
                        .bind("e", eventId).execute());
                assertThat(dispatcher.deliverDue()).isGreaterThanOrEqualTo(2);
                dispatcher.deliverDue();
                assertThat(count(e, licenses, orderId)).isEqualTo(1);
                assertThat(Purchases.receipts(e, orderId)).isEqualTo(1);
                assertThat(count(e, granted, "%" + orderId + "%")).isEqualTo(grants);
                assertThat(Purchases.status(e, orderId)).isEqualTo("fulfilled");
            }
        }
    }

    @Test
    void anOrderPaidRowWrittenBeforeTypedEventsIsStillDelivered() throws Exception {
        for (String kind : TestDatabase.kinds()) {
            try (Setup s = boot(kind)) {
                TestEngine e = s.engine();
                String orderId = Purchases.paidOrder(e, s.customer().id(), s.software());
                // what version 0.1 wrote: a bare {orderId}, no event id or time in the payload
                e.jdbi().useHandle(h -> {
                    h.createUpdate("DELETE FROM outbox WHERE topic = 'order.paid'").execute();
                    h.createUpdate("""
                            INSERT INTO outbox (id, topic, payload, created_at, available_at, attempts)
                            VALUES ('evt_legacy', 'order.paid', :p, 1000, 1000, 2)""").bind("p", "{\"orderId\":\"" + orderId + "\"}").execute();
                });
                e.engine().component().outboxDispatcher().deliverDue();
                assertThat(Purchases.status(e, orderId)).as(kind).isEqualTo("fulfilled");
                assertThat(lines(s.dir().resolve("recorder.log"))).contains("order.paid evt_legacy " + orderId);
            }
        }
    }
}
