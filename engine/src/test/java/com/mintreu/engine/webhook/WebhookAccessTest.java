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
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;

/**
 * With the default configuration (no private targets): loopback and private targets are refused at
 * registration and again at delivery; another seller's endpoint is a 404 everywhere; the page form
 * shows field errors and writes nothing.
 */
@WithConfig(bundledPlugins = true, value = "outbox: {pollInterval: 1h}\n")
class WebhookAccessTest {

    /** An IP literal on a public address: accepted without DNS; nothing is ever sent to it here. */
    private static final String PUBLIC = "https://8.8.8.8/hooks";

    @EngineTest
    void privateTargetsAreRefusedAtRegistration(TestEngine e) {
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        for (String url : List.of("http://127.0.0.1:8080/x", "http://localhost/x", "http://10.0.0.5/x", "http://192.168.1.10/x",
                "http://169.254.169.254/latest/meta-data", "http://[::1]/x", "http://0.0.0.0/x", "ftp://8.8.8.8/x", "javascript:alert(1)")) {
            TestClient.Response r = seller.client().postJson("/api/v1/seller/webhooks", Receiver.endpoint(url, "order.paid"));
            assertThat(r.status()).as(url).isEqualTo(422);
            assertThat(r.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
            assertThat(r.json().at("/errors/0/field").asText()).isEqualTo("url");
        }
        assertThat(count(e, seller.id())).isZero();
        TestClient.Response bad = seller.client().postJson("/api/v1/seller/webhooks", Map.of("url", PUBLIC, "events", List.of("order.shipped")));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("unknown event type");
        TestClient.Response ok = seller.client().postJson("/api/v1/seller/webhooks", Receiver.endpoint(PUBLIC, "order.paid"));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(ok.json().get("secret").asText()).startsWith("whsec_");
    }

    @EngineTest
    void aTargetThatTurnedPrivateIsRefusedAtDelivery(TestEngine e) throws Exception {
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        Item pack = Purchases.publish(seller.client(), seller.id(), TestUsers.signIn(e, "admin").client(), "download", "Guard Pack", Map.of(),
                "g.zip", new byte[] {1});
        try (Receiver r = new Receiver()) {
            String id = Hooks.register(seller.client(), PUBLIC, "order.paid").get("id").asText();
            // as if the name's DNS record now pointed at a loopback address
            e.jdbi().useHandle(h -> h.createUpdate("UPDATE webhook_endpoints SET url = :u WHERE id = :id").bind("u", r.url()).bind("id", id).execute());
            Purchases.paidOrder(e, TestUsers.signIn(e, "customer").id(), pack);
            Hooks.pump(e);
            assertThat(r.hits()).as("nothing reached the private address").isEmpty();
            JsonNode attempt = seller.client().get("/api/v1/seller/webhooks/" + id + "/deliveries").json().at("/data/0/log/0");
            assertThat(attempt.hasNonNull("statusCode")).as("no answer, no status").isFalse();
            assertThat(attempt.get("error").asText()).contains("not sent").contains("loopback, private or reserved");
        }
    }

    @EngineTest
    void anotherSellersEndpointIsNotFoundEverywhere(TestEngine e) {
        TestUsers.User owner = TestUsers.signIn(e, "seller");
        TestUsers.User other = TestUsers.signIn(e, "seller");
        String id = Hooks.register(owner.client(), PUBLIC, "order.paid").get("id").asText();
        e.jdbi().useHandle(h -> h.createUpdate("""
                INSERT INTO webhook_messages (id, endpoint_id, event_id, type, payload, status, attempts, next_at, created_at)
                VALUES ('msg_access', :id, 'evt_access', 'order.paid', '{}', 'failed', 0, 0, 0)""").bind("id", id).execute());
        String base = "/api/v1/seller/webhooks/" + id;
        TestClient c = other.client();
        assertThat(c.get(base).status()).isEqualTo(404);
        assertThat(c.putJson(base, Receiver.endpoint(PUBLIC, "order.paid")).status()).isEqualTo(404);
        assertThat(c.get(base + "/secret").status()).isEqualTo(404);
        assertThat(c.get(base + "/secret").body()).doesNotContain("whsec_");
        assertThat(c.postJson(base + "/rotate-secret", Map.of()).status()).isEqualTo(404);
        assertThat(c.postJson(base + "/enable", Map.of()).status()).isEqualTo(404);
        assertThat(c.get(base + "/deliveries").status()).isEqualTo(404);
        assertThat(c.postJson(base + "/deliveries/msg_access/resend", Map.of()).status()).isEqualTo(404);
        assertThat(c.delete(base).status()).isEqualTo(404);
        assertThat(c.get("/api/v1/seller/webhooks").json().get("data")).isEmpty();
        assertThat(c.get("/seller/webhooks/" + id).status()).isEqualTo(404);
        assertThat(c.get("/seller/webhooks").body()).doesNotContain(id);
        // the owner's pages carry forms; the other seller posting them with a valid token gets 404 too
        String token = c.get("/seller/webhooks").html().selectFirst("input[name=_csrf], form input[type=hidden]").attr("value");
        String field = c.get("/seller/webhooks").html().selectFirst("form input[type=hidden]").attr("name");
        for (String action : List.of("secret", "rotate", "enable", "delete", "deliveries/msg_access/resend")) {
            assertThat(c.postForm("/seller/webhooks/" + id + "/" + action, Map.of(field, token)).status()).as(action).isEqualTo(404);
        }
        // the owner's message id under the owner's endpoint only
        String mine = Hooks.register(other.client(), PUBLIC, "order.paid").get("id").asText();
        assertThat(c.postJson("/api/v1/seller/webhooks/" + mine + "/deliveries/msg_access/resend", Map.of()).status()).isEqualTo(404);
        // a customer is no seller
        assertThat(TestUsers.signIn(e, "customer").client().get("/api/v1/seller/webhooks").status()).isEqualTo(403);
        // and the owner still has it, secret and all
        assertThat(owner.client().get(base).status()).isEqualTo(200);
        assertThat(owner.client().get(base + "/secret").json().get("secret").asText()).startsWith("whsec_");
    }

    @EngineTest
    void thePageFormShowsFieldErrorsWritesNothingAndShowsTheSecretOnce(TestEngine e) {
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        TestClient.Response bad = seller.client().submitForm("/seller/webhooks", "#endpoint-form", Map.of("url", "http://127.0.0.1/x",
                "description", "<script>alert(1)</script>"));
        assertThat(bad.status()).isEqualTo(422);
        Document page = bad.html();
        assertThat(page.select("#endpoint-url-error").text()).contains("loopback, private or reserved");
        assertThat(page.select("#endpoint-events-error").text()).contains("choose at least one event");
        assertThat(page.select(".notice.error li").eachText()).anyMatch(t -> t.startsWith("URL:")).anyMatch(t -> t.startsWith("Events:"));
        assertThat(page.selectFirst("#url").attr("value")).isEqualTo("http://127.0.0.1/x");
        assertThat(bad.body()).doesNotContain("<script>alert(1)</script>");
        assertThat(count(e, seller.id())).isZero();

        TestClient.Response forged = seller.client().postForm("/seller/webhooks", Map.of("url", PUBLIC, "event.order.paid", "on"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(count(e, seller.id())).isZero();

        TestClient.Response ok = seller.client().submitForm("/seller/webhooks", "#endpoint-form", Map.of("url", PUBLIC, "description", "shop server",
                "event.order.paid", "on", "event.license.status-changed", "on"));
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.header("Cache-Control")).isEqualTo("no-store");
        String secret = ok.html().selectFirst("#new-secret").attr("value");
        assertThat(secret).startsWith("whsec_");
        assertThat(count(e, seller.id())).isEqualTo(1);
        JsonNode created = seller.client().get("/api/v1/seller/webhooks").json().at("/data/0");
        assertThat(created.get("events")).extracting(JsonNode::asText).containsExactly("order.paid", "license.status-changed");
        assertThat(created.get("description").asText()).isEqualTo("shop server");
        String list = seller.client().get("/seller/webhooks").body();
        assertThat(list).contains(PUBLIC).doesNotContain(secret);
        String detail = seller.client().get("/seller/webhooks/" + created.get("id").asText()).body();
        assertThat(detail).doesNotContain(secret);
        TestClient.Response shown = seller.client().submitForm("/seller/webhooks/" + created.get("id").asText(), "form.show-secret", Map.of());
        assertThat(shown.html().selectFirst("#secret").attr("value")).isEqualTo(secret);

        TestClient.Response deleted = seller.client().submitForm("/seller/webhooks/" + created.get("id").asText(), "form.delete", Map.of());
        assertThat(deleted.status()).isEqualTo(303);
        assertThat(count(e, seller.id())).isZero();
    }

    private static long count(TestEngine e, String sellerId) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM webhook_endpoints WHERE seller_id = :s").bind("s", sellerId)
                .mapTo(Long.class).one());
    }
}
