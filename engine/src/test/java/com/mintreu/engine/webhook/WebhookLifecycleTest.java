package com.mintreu.engine.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.entitlement.Purchases;
import com.mintreu.engine.entitlement.Purchases.Item;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jsoup.nodes.Document;

/**
 * An endpoint's life on both databases: 3 days of failures disable it and mail the seller; "send
 * again" repeats a message with the same webhook-id; a rotated secret signs beside the new one for
 * the overlap only; several nodes running the job at once send each message once.
 */
@WithConfig(bundledPlugins = true, value = "outbox: {pollInterval: 1h}\nwebhooks: {allowPrivateTargets: true, rotationOverlap: 24h}\n")
class WebhookLifecycleTest {

    @EngineTest
    void threeDaysOfFailuresDisableTheEndpointAndTellTheSeller(TestEngine e) throws Exception {
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        Item pack = Purchases.publish(seller.client(), seller.id(), TestUsers.signIn(e, "admin").client(), "download", "Down Pack", Map.of(),
                "x.zip", new byte[] {1});
        try (Receiver r = new Receiver()) {
            String id = Hooks.register(seller.client(), r.url(), "order.paid").get("id").asText();
            r.answer(503);
            String customer = TestUsers.signIn(e, "customer").id();
            Purchases.paidOrder(e, customer, pack);
            Hooks.pump(e);
            for (int i = 0; i < 40 && status(e, id).equals("active"); i++) {
                Long next = e.jdbi().withHandle(h -> h.createQuery("SELECT MIN(next_at) FROM webhook_messages WHERE endpoint_id = :id AND status = 'pending'")
                        .bind("id", id).mapTo(Long.class).one());
                if (next == null) {
                    break;
                }
                e.clock().advance(Duration.ofMillis(Math.max(0, next - e.clock().millis())));
                Hooks.pump(e);
            }
            assertThat(r.hits()).as("12 attempts over 3 days (RetrySchedule)").hasSize(12);
            assertThat(status(e, id)).isEqualTo("disabled");
            assertThat(mailsTo(e, seller.id() + "@example.test")).anyMatch(m -> m.contains("was disabled") && m.contains(r.url()));

            // nothing more is sent: a new order makes no message for a disabled endpoint
            Purchases.paidOrder(e, customer, pack);
            e.clock().advance(Duration.ofHours(1));
            Hooks.pump(e);
            assertThat(r.hits()).hasSize(12);

            TestClient client = Hooks.signInAgain(e, seller.id());
            Document page = client.get("/seller/webhooks/" + id).html();
            assertThat(page.select(".notice.error").text()).contains("Disabled").contains("failed for 3 days");
            assertThat(page.select("form.resend")).as("no send again while disabled").isEmpty();
            TestClient.Response enabled = client.submitForm("/seller/webhooks/" + id, "form.enable", Map.of());
            assertThat(enabled.status()).isEqualTo(303);
            assertThat(status(e, id)).isEqualTo("active");
            JsonNode api = client.get("/api/v1/seller/webhooks/" + id).json();
            assertThat(api.get("status").asText()).isEqualTo("active");
            assertThat(api.has("failingSince")).isFalse();
        }
    }

    @EngineTest
    void sendAgainMakesANewAttemptWithTheSameWebhookId(TestEngine e) throws Exception {
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        Item pack = Purchases.publish(seller.client(), seller.id(), TestUsers.signIn(e, "admin").client(), "download", "Again Pack", Map.of(),
                "y.zip", new byte[] {2});
        try (Receiver r = new Receiver()) {
            String id = Hooks.register(seller.client(), r.url(), "order.paid").get("id").asText();
            Purchases.paidOrder(e, TestUsers.signIn(e, "customer").id(), pack);
            Hooks.pump(e);
            assertThat(r.hits()).hasSize(1);
            String msg = r.last().id();

            e.clock().advance(Duration.ofMinutes(3));
            TestClient.Response sent = seller.client().submitForm("/seller/webhooks/" + id, "#msg-" + msg + " form.resend", Map.of());
            assertThat(sent.status()).isEqualTo(303);
            assertThat(sent.header("Location")).contains("notice=resent");
            Hooks.pump(e);
            assertThat(r.hits()).hasSize(2);
            assertThat(r.last().id()).isEqualTo(msg);
            assertThat(Long.parseLong(r.last().timestamp()) - Long.parseLong(r.hits().getFirst().timestamp())).as("a fresh timestamp").isBetween(180L, 185L);

            // and through the API
            TestClient.Response again = seller.client().postJson("/api/v1/seller/webhooks/" + id + "/deliveries/" + msg + "/resend", Map.of());
            assertThat(again.status()).as(again.body()).isEqualTo(202);
            Hooks.pump(e);
            assertThat(r.hits()).hasSize(3).allMatch(h -> h.id().equals(msg));
            JsonNode log = seller.client().get("/api/v1/seller/webhooks/" + id + "/deliveries").json().at("/data/0/log");
            assertThat(log).hasSize(3);

            // without the CSRF token the form is refused and nothing is queued
            TestClient.Response forged = seller.client().postForm("/seller/webhooks/" + id + "/deliveries/" + msg + "/resend", Map.of());
            assertThat(forged.status()).isEqualTo(403);
        }
    }

    @EngineTest
    void aRotatedSecretSignsBesideTheNewOneForTheOverlapOnly(TestEngine e) throws Exception {
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        TestClient admin = TestUsers.signIn(e, "admin").client();
        Item pack = Purchases.publish(seller.client(), seller.id(), admin, "download", "Rotate Pack", Map.of(), "z.zip", new byte[] {3});
        try (Receiver r = new Receiver()) {
            JsonNode created = Hooks.register(seller.client(), r.url(), "order.paid");
            String id = created.get("id").asText();
            String oldSecret = created.get("secret").asText();
            assertThat(seller.client().get("/api/v1/seller/webhooks/" + id + "/secret").json().get("secret").asText()).isEqualTo(oldSecret);
            assertThat(seller.client().get("/api/v1/seller/webhooks").body()).doesNotContain(oldSecret);

            // rotating from the page shows the new secret once
            TestClient.Response rotated = seller.client().submitForm("/seller/webhooks/" + id, "form.rotate", Map.of());
            assertThat(rotated.status()).isEqualTo(200);
            String newSecret = rotated.html().selectFirst("#secret").attr("value");
            assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);
            JsonNode secrets = seller.client().get("/api/v1/seller/webhooks/" + id + "/secret").json();
            assertThat(secrets.get("secret").asText()).isEqualTo(newSecret);
            assertThat(secrets.get("previousSecret").asText()).isEqualTo(oldSecret);

            String customer = TestUsers.signIn(e, "customer").id();
            Purchases.paidOrder(e, customer, pack);
            Hooks.pump(e);
            Receiver.Hit during = r.last();
            long now = e.clock().millis() / 1000;
            assertThat(during.signature().split(" ")).hasSize(2);
            assertThat(StandardWebhooksVerifier.verify(newSecret, during.id(), during.timestamp(), during.signature(), during.body(), now)).isTrue();
            assertThat(StandardWebhooksVerifier.verify(oldSecret, during.id(), during.timestamp(), during.signature(), during.body(), now)).isTrue();

            e.clock().advance(Duration.ofHours(24).plusSeconds(1));
            TestClient client = Hooks.signInAgain(e, seller.id());
            assertThat(client.get("/api/v1/seller/webhooks/" + id + "/secret").json().has("previousSecret")).isFalse();
            Purchases.paidOrder(e, customer, pack);
            Hooks.pump(e);
            Receiver.Hit after = r.last();
            now = e.clock().millis() / 1000;
            assertThat(after.id()).isNotEqualTo(during.id());
            assertThat(after.signature().split(" ")).hasSize(1);
            assertThat(StandardWebhooksVerifier.verify(newSecret, after.id(), after.timestamp(), after.signature(), after.body(), now)).isTrue();
            assertThat(StandardWebhooksVerifier.verify(oldSecret, after.id(), after.timestamp(), after.signature(), after.body(), now))
                    .as("the old secret stopped signing after the overlap").isFalse();
        }
    }

    @EngineTest
    void nodesRunningTheJobAtOnceSendEachMessageOnce(TestEngine e) throws Exception {
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        Item pack = Purchases.publish(seller.client(), seller.id(), TestUsers.signIn(e, "admin").client(), "download", "Race Pack", Map.of(),
                "q.zip", new byte[] {4});
        try (Receiver r = new Receiver()) {
            Hooks.register(seller.client(), r.url(), "order.paid");
            Hooks.register(seller.client(), r.url(), "order.paid"); // two endpoints: two messages per order
            String customer = TestUsers.signIn(e, "customer").id();
            for (int i = 0; i < 5; i++) {
                Purchases.paidOrder(e, customer, pack);
            }
            for (int i = 0; i < 3; i++) {
                e.engine().component().outboxDispatcher().deliverDue();
            }
            int threads = 8;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Integer>> runs = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    runs.add(pool.submit(() -> {
                        start.await();
                        return e.engine().component().webhookDeliveries().runDue();
                    }));
                }
                start.countDown();
                int delivered = 0;
                for (Future<Integer> f : runs) {
                    delivered += f.get();
                }
                Hooks.pump(e); // whatever the background job claimed meanwhile
                assertThat(r.hits()).hasSize(10);
                Set<String> ids = ConcurrentHashMap.newKeySet();
                r.hits().forEach(h -> ids.add(h.id()));
                assertThat(ids).as("each message sent once").hasSize(10);
                assertThat(delivered).isLessThanOrEqualTo(10);
                long attempts = e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM webhook_attempts a JOIN webhook_messages m "
                        + "ON m.id = a.message_id JOIN webhook_endpoints w ON w.id = m.endpoint_id WHERE w.seller_id = :s").bind("s", seller.id())
                        .mapTo(Long.class).one());
                assertThat(attempts).isEqualTo(10);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @EngineTest
    void theLogForgetsFinishedMessagesAfterTheRetentionButKeepsPendingOnes(TestEngine e) throws Exception {
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        String id = Hooks.register(seller.client(), "http://127.0.0.1:9/purge", "order.paid").get("id").asText();
        long old = e.clock().millis() - Duration.ofDays(31).toMillis();
        long recent = e.clock().millis() - Duration.ofDays(1).toMillis();
        e.jdbi().useHandle(h -> {
            for (String[] m : new String[][] {{"msg_purge_old", "delivered", "o"}, {"msg_purge_failed", "failed", "o"}, {"msg_purge_pending", "pending", "o"},
                    {"msg_purge_new", "delivered", "r"}}) {
                h.createUpdate("""
                        INSERT INTO webhook_messages (id, endpoint_id, event_id, type, payload, status, attempts, next_at, created_at)
                        VALUES (:m, :id, :m, 'order.paid', '{}', :status, 1, :far, :at)""")
                        .bind("m", m[0]).bind("id", id).bind("status", m[1]).bind("far", Long.MAX_VALUE / 2).bind("at", m[2].equals("o") ? old : recent)
                        .execute();
                h.createUpdate("INSERT INTO webhook_attempts (id, message_id, attempted_at, status_code, duration_ms) VALUES (:a, :m, :at, 200, 3)")
                        .bind("a", "wha_" + m[0]).bind("m", m[0]).bind("at", old).execute();
            }
        });
        e.engine().component().jobs().stream().filter(j -> j.name().equals("seller-webhooks-log-purge")).findFirst().orElseThrow().run();
        List<String> left = e.jdbi().withHandle(h -> h.createQuery("SELECT id FROM webhook_messages WHERE endpoint_id = :id ORDER BY id")
                .bind("id", id).mapTo(String.class).list());
        assertThat(left).containsExactly("msg_purge_new", "msg_purge_pending");
        long attempts = e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM webhook_attempts WHERE message_id LIKE 'msg_purge%'")
                .mapTo(Long.class).one());
        assertThat(attempts).isEqualTo(2);
    }

    private static String status(TestEngine e, String id) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT status FROM webhook_endpoints WHERE id = :id").bind("id", id).mapTo(String.class).one());
    }

    private static List<String> mailsTo(TestEngine e, String to) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT payload FROM outbox WHERE topic = 'mail' ORDER BY id").mapTo(String.class).list())
                .stream().filter(p -> p.contains(to)).toList();
    }
}
