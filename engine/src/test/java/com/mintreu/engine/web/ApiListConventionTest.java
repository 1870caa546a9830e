package com.mintreu.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.entitlement.Purchases;
import com.mintreu.engine.entitlement.Purchases.Item;
import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.WithConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API convention (engine/README.md), walked over every GET route under /api/v1 that the router
 * holds: a list answers {@code {data, nextCursor}} and its cursor pages through every row exactly
 * once; a malformed cursor is a 400 INVALID_CURSOR; every time field is an RFC 3339 UTC string;
 * download links are absolute. A new GET route fails here until it is classified below.
 */
@WithConfig(bundledPlugins = true, value = "outbox: {pollInterval: 1h}\n")
class ApiListConventionTest {

    private static final Pattern ISO = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

    /** Single resources and documents that are not lists (the JWK Set's "keys" is fixed by RFC 7517). */
    private static final Set<String> NOT_LISTS = Set.of("/api/v1/products/{slug}", "/api/v1/seller/products/{id}", "/api/v1/auth/me",
            "/api/v1/orders/{id}", "/api/v1/cart", "/api/v1/licenses/{id}", "/api/v1/entitlements/{id}", "/api/v1/licenses/keys",
            "/api/v1/licenses/keys/{kid}/pem", "/api/v1/openapi.json", "/api/v1/seller/plans/{planId}/license-policy",
            "/api/v1/seller/licenses/{id}", "/api/v1/refunds/{id}", "/api/v1/subscriptions/{id}",
            "/api/v1/seller/webhooks/{id}", "/api/v1/seller/webhooks/{id}/secret",
            "/api/v1/seller/products/{id}/subscription-policy",
            "/api/v1/seller/subscriptions/metrics", "/api/v1/admin/subscriptions/metrics",
            "/api/v1/seller/dashboard", "/api/v1/seller/payouts/{id}", "/api/v1/affiliate",
            "/api/v1/help/articles/{id}",
            "/api/v1/messages/{conversationId}",
            "/api/v1/tickets/{id}");

    /** An endpoint (on a public IP literal: nothing is sent in this test) with three messages in its log. */
    private static String webhookWithMessages(TestEngine e, TestClient c) {
        Response r = c.postJson("/api/v1/seller/webhooks", Map.of("url", "https://8.8.8.8/hooks", "events", List.of("order.paid")));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = r.json().get("id").asText();
        for (int i = 0; i < 3; i++) {
            int n = i;
            e.jdbi().useHandle(h -> h.createUpdate("""
                    INSERT INTO webhook_messages (id, endpoint_id, event_id, type, payload, status, attempts, next_at, created_at)
                    VALUES (:m, :id, :evt, 'order.paid', '{}', 'failed', 0, 0, :at)""")
                    .bind("m", "msg_list" + n).bind("id", id).bind("evt", "evt_list" + n).bind("at", 1_000L * (n % 2)).execute());
        }
        return id;
    }

    @EngineTest
    void everyListPagesWithOneEnvelopeAndIsoTimes(TestEngine e) throws Exception {
        TestUsers.User admin = TestUsers.signIn(e, "admin"); // admins hold every role: customer, seller and admin lists at once
        TestClient c = admin.client();
        Item download = Purchases.publish(c, admin.id(), c, "download", "Sound Pack", Map.of("maxDownloads", "2"), "sound.zip", new byte[] {1, 2, 3});
        Item other = Purchases.publish(c, admin.id(), c, "download", "Noise Pack", Map.of("maxDownloads", "2"), "noise.zip", new byte[] {4, 5});
        Item software = Purchases.publish(c, admin.id(), c, "software", "Pixel Editor", Map.of("licenseDays", "30"), "pixel.tar.gz", new byte[] {6});
        String order = Purchases.paidOrder(e, admin.id(), download, other, software);
        Purchases.deliverPaid(e, order);
        Purchases.deliverPaid(e, Purchases.paidOrder(e, admin.id(), download, software));
        for (int i = 0; i < 3; i++) {
            assertThat(c.postJson("/api/v1/tokens", Map.of("name", "t" + i)).status()).isEqualTo(201);
            assertThat(c.postJson("/api/v1/admin/vouchers", Map.of("code", "SAVE" + i, "percent", 10)).status()).isIn(200, 201);
            c.putJson("/api/v1/admin/switches/downloads", Map.of("engaged", i % 2 == 0, "reason", "test " + i));
        }
        c.putJson("/api/v1/admin/switches/downloads", Map.of("engaged", false, "reason", "back on"));
        String license = c.get("/api/v1/licenses").json().path("data").path(0).path("id").asText();
        for (Item asked : List.of(download, other)) { // the admin sells these: two conversations in their messages
            Response q = TestUsers.signIn(e, "customer").client().postJson("/api/v1/products/" + asked.productId() + "/questions",
                    Map.of("subject", "Question", "body", "About " + asked.title()));
            assertThat(q.status()).as(q.body()).isEqualTo(201);
        }

        Map<String, String> concrete = new LinkedHashMap<>();
        concrete.put("/api/v1/orders/{id}/entitlements", "/api/v1/orders/" + order + "/entitlements");
        concrete.put("/api/v1/orders/{id}/refunds", "/api/v1/orders/" + order + "/refunds");
        concrete.put("/api/v1/licenses/{id}/users", "/api/v1/licenses/" + license + "/users");
        concrete.put("/api/v1/admin/orders", "/api/v1/admin/orders?status=fulfilled");
        concrete.put("/api/v1/admin/products", "/api/v1/admin/products?status=published");
        concrete.put("/api/v1/seller/webhooks/{id}/deliveries", "/api/v1/seller/webhooks/" + webhookWithMessages(e, c) + "/deliveries");

        assertThat(c.postJson("/api/v1/affiliate", Map.of()).status()).as("joins, for the affiliate lists").isEqualTo(201);
        List<String> lists = new ArrayList<>();
        for (String template : e.engine().component().router().templates("GET")) {
            if (!template.startsWith("/api/v1/") || NOT_LISTS.contains(template)) {
                continue;
            }
            assertThat(template.contains("{") && !concrete.containsKey(template))
                    .as("%s: a new GET route; add it to NOT_LISTS or give it a concrete path", template).isFalse();
            String path = concrete.getOrDefault(template, template);
            lists.add(path);
            pagesExactlyOnce(c, path);
            malformedCursorIs400(c, path);
        }
        assertThat(lists).as("the lists walked").hasSizeGreaterThan(15).contains("/api/v1/orders", "/api/v1/admin/audit", "/api/v1/seller/sales");

        // at least these had more than one row, so paging by one really moved a cursor
        for (String path : List.of("/api/v1/orders", "/api/v1/entitlements", "/api/v1/tokens", "/api/v1/admin/vouchers", "/api/v1/admin/audit",
                "/api/v1/seller/sales", "/api/v1/licenses", "/api/v1/seller/licenses", "/api/v1/products", "/api/v1/seller/products", "/api/v1/admin/switches", "/api/v1/orders/" + order + "/entitlements", "/api/v1/messages")) {
            assertThat(c.get(path + (path.contains("?") ? "&" : "?") + "limit=1").json().get("nextCursor").isTextual()).as(path).isTrue();
        }

        // single resources keep the same time format
        for (String path : List.of("/api/v1/orders/" + order, "/api/v1/auth/me", "/api/v1/licenses/" + license)) {
            Response r = c.get(path);
            if (r.status() == 200) {
                assertTimes(r.json(), path);
            }
        }

        // download links are absolute: the configured public URL + path
        String base = e.base().toString().replaceAll("/$", "");
        List<String> links = c.get("/api/v1/entitlements").json().get("data").findValuesAsText("downloadUrl");
        assertThat(links).isNotEmpty().allSatisfy(l -> assertThat(l).startsWith(base + "/downloads/"));
        assertThat(c.get(links.getFirst()).status()).isEqualTo(200);
    }

    @EngineTest
    void limitIsCheckedAndDocumentedBounds(TestEngine e) {
        TestClient c = TestUsers.signIn(e, "customer").client();
        for (String limit : List.of("0", "201", "ten", "-1")) {
            Response r = c.get("/api/v1/orders?limit=" + limit);
            assertThat(r.status()).as(limit).isEqualTo(422);
            assertThat(r.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(c.get("/api/v1/orders?limit=200").status()).isEqualTo(200);
        JsonNode empty = c.get("/api/v1/orders").json();
        assertThat(empty.get("data")).isEmpty();
        assertThat(empty.has("nextCursor")).as("nextCursor is present, null on the last page").isTrue();
        assertThat(empty.get("nextCursor").isNull()).isTrue();
    }

    private static void pagesExactlyOnce(TestClient c, String path) {
        String sep = path.contains("?") ? "&" : "?";
        Response all = c.get(path + sep + "limit=200");
        assertThat(all.status()).as(path + ": " + all.body()).isEqualTo(200);
        JsonNode body = all.json();
        assertThat(iterable(body.fieldNames())).as(path + ": the envelope").containsExactlyInAnyOrder("data", "nextCursor");
        assertThat(body.get("data").isArray()).as(path).isTrue();
        assertThat(body.get("nextCursor").isNull()).as(path + ": everything fits in 200").isTrue();
        assertTimes(body, path);
        List<String> expected = new ArrayList<>();
        body.get("data").forEach(n -> expected.add(identity(n)));

        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response r = c.get(path + sep + "limit=1" + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
            JsonNode page = r.json();
            assertThat(page.get("data").size()).as(path).isLessThanOrEqualTo(1);
            page.get("data").forEach(n -> paged.add(identity(n)));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            assertThat(++pages).as(path + ": pages end").isLessThan(expected.size() + 2);
        } while (cursor != null);
        assertThat(paged).as(path + ": every row exactly once, in order").containsExactlyElementsOf(expected);
        assertThat(new HashSet<>(paged)).hasSameSizeAs(paged);
    }

    private static void malformedCursorIs400(TestClient c, String path) {
        String sep = path.contains("?") ? "&" : "?";
        String noBar = Base64.getUrlEncoder().withoutPadding().encodeToString("garbage".getBytes(StandardCharsets.UTF_8));
        for (String bad : List.of("%25%25", "not*base64", noBar)) {
            Response r = c.get(path + sep + "cursor=" + bad);
            assertThat(r.status()).as(path + " cursor=" + bad).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json().get("code").asText()).as(path).isEqualTo("INVALID_CURSOR");
        }
    }

    /** Every field named {@code ...At} (or {@code at}) anywhere in the answer is null or an RFC 3339 UTC string. */
    private static void assertTimes(JsonNode node, String where) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> {
                if ((f.getKey().endsWith("At") || f.getKey().equals("at")) && !f.getValue().isNull()) {
                    assertThat(f.getValue().isTextual() && ISO.matcher(f.getValue().asText()).matches())
                            .as("%s: %s = %s", where, f.getKey(), f.getValue()).isTrue();
                }
                assertTimes(f.getValue(), where);
            });
        } else if (node.isArray()) {
            node.forEach(n -> assertTimes(n, where));
        }
    }

    private static String identity(JsonNode n) {
        for (String key : List.of("id", "lineId", "slug")) {
            if (n.hasNonNull(key)) {
                return n.get(key).asText();
            }
        }
        return n.toString();
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
