package com.mintreu.engine.metering;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.entitlement.Purchases;
import com.mintreu.engine.plugin.ApiTestPlugins;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/** Fixtures for API products: an engine with product-api, a published API product, a paid purchase, keys made on the page. */
final class ApiProducts {

    static final String CONFIG = "outbox: {pollInterval: 1h}\napiKeys: {maxKeysPerPurchase: 3, rollOverlap: 2h}\n";

    /** A customer's paid purchase of an API product. */
    record Bought(TestUsers.User customer, String orderId, String entitlementId) {}

    private ApiProducts() {}

    static TestEngine boot(String kind) {
        return TestEngine.boot(kind, CONFIG, true, ApiTestPlugins::writeProductApiTo);
    }

    /** A published API product of {@code seller} with one plan at 15.00 EUR. */
    static Purchases.Item publish(TestEngine e, TestUsers.User seller, Map<String, String> attributes) {
        TestClient admin = TestUsers.signIn(e, "admin").client();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Quotes API " + System.nanoTime());
        body.put("description", "Quotes of the day.");
        body.put("type", "api");
        body.put("attributes", attributes);
        body.put("categories", List.of());
        body.put("tags", List.of());
        Response created = seller.client().postJson("/api/v1/seller/products", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        Response plan = seller.client().postJson("/api/v1/seller/products/" + id + "/plans",
                Map.of("name", "Standard", "priceMinor", 1500, "currency", "EUR", "grants", "the API"));
        assertThat(plan.status()).as(plan.body()).isEqualTo(201);
        Response submitted = seller.client().post("/api/v1/seller/products/" + id + "/submit", null, "");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        assertThat(admin.post("/api/v1/admin/products/" + id + "/approve", null, "").status()).isEqualTo(200);
        return new Purchases.Item(id, plan.json().get("id").asText(), seller.id(), "api", "Quotes API", 1500);
    }

    /** A new customer's paid and fulfilled order of {@code item}. */
    static Bought buy(TestEngine e, Purchases.Item item) throws Exception {
        TestUsers.User customer = TestUsers.signIn(e, "customer");
        String order = Purchases.paidOrder(e, customer.id(), item);
        Purchases.deliverPaid(e, order);
        return new Bought(customer, order, entitlementOf(customer.client(), order));
    }

    static String entitlementOf(TestClient customer, String orderId) {
        JsonNode data = customer.get("/api/v1/orders/" + orderId + "/entitlements").json().get("data");
        return StreamSupport.stream(data.spliterator(), false).filter(n -> n.get("kind").asText().equals("api_key")).findFirst()
                .orElseThrow(() -> new AssertionError("no api_key entitlement in " + data)).get("id").asText();
    }

    /** Makes a key on the account page's form for the purchase; returns the page's answer. */
    static Response createOnPage(TestClient customer, String entitlementId, String name) {
        return customer.submitForm("/account/api-keys", "section:has(#purchase-" + entitlementId + ") form.new-key", Map.of("name", name));
    }

    /** The key a page answer shows once. */
    static String shownKey(Response page) {
        assertThat(page.status()).as(page.body()).isEqualTo(201);
        return page.html().selectFirst("#new-key").attr("value");
    }

    static String newKey(TestClient customer, String entitlementId, String name) {
        return shownKey(createOnPage(customer, entitlementId, name));
    }

    /** A client authenticated by a new API token of {@code user}, as a seller's server calls the API. */
    static TestClient withToken(TestEngine e, TestUsers.User user) {
        Response token = user.client().postJson("/api/v1/tokens", Map.of("name", "server"));
        assertThat(token.status()).as(token.body()).isEqualTo(201);
        return e.client().bearer(token.json().get("token").asText());
    }

    static Response verify(TestClient server, Object key, Object cost, Object eventId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", key);
        if (cost != null) {
            body.put("cost", cost);
        }
        if (eventId != null) {
            body.put("eventId", eventId);
        }
        return server.postJson("/api/v1/keys/verify", body);
    }

    /** The answer's code, asserting a 200. */
    static String code(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("code").asText();
    }

    /** Posts a form with the session's CSRF token, as a page of the shop would (taken from the token form on /account/tokens). */
    static Response postForm(TestClient c, String path, Map<String, String> fields) {
        org.jsoup.nodes.Element csrf = c.get("/account/tokens").html().selectFirst("#token-form input[type=hidden]");
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put(csrf.attr("name"), csrf.attr("value"));
        return c.postForm(path, all);
    }

    /** The key's id as the account page lists it, found by the prefix it shows. */
    static String keyId(TestClient customer, String key) {
        String prefix = key.substring(0, 14);
        return customer.get("/account/api-keys").html().select("tr[id^=key-]").stream().filter(tr -> tr.text().contains(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + prefix)).id().substring(4);
    }
}
