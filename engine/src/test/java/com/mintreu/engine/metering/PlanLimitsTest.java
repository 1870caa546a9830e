package com.mintreu.engine.metering;

import static com.mintreu.engine.metering.ApiProducts.code;
import static com.mintreu.engine.metering.ApiProducts.verify;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.entitlement.Purchases;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plans of one API product with their own limits (Basic and Pro): plan attributes validated by the
 * product type (API and the seller's plan form, field errors, nothing saved), frozen into the
 * purchase's grant, and enforced by verify, on both databases.
 */
class PlanLimitsTest {

    static final Map<String, TestEngine> ENGINES = new LinkedHashMap<>();

    static Stream<String> kinds() {
        return TestDatabase.kinds().stream();
    }

    @BeforeAll
    static void boot() {
        for (String kind : TestDatabase.kinds()) {
            ENGINES.put(kind, ApiProducts.boot(kind));
        }
    }

    @AfterAll
    static void close() {
        ENGINES.values().forEach(TestEngine::close);
    }

    static String draft(TestUsers.User seller, Map<String, String> attributes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Tiered API " + System.nanoTime());
        body.put("description", "Basic and Pro.");
        body.put("type", "api");
        body.put("attributes", attributes);
        body.put("categories", List.of());
        body.put("tags", List.of());
        Response created = seller.client().postJson("/api/v1/seller/products", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    static Response plan(TestUsers.User seller, String productId, String name, Map<String, String> attributes) {
        return seller.client().postJson("/api/v1/seller/products/" + productId + "/plans",
                Map.of("name", name, "priceMinor", 1500, "currency", "EUR", "grants", "the API", "attributes", attributes));
    }

    static Map<String, String> fields(Response r) {
        Map<String, String> out = new LinkedHashMap<>();
        r.json().get("errors").forEach(f -> out.put(f.get("field").asText(), f.get("message").asText()));
        return out;
    }

    static JsonNode grant(TestClient customer, String orderId) {
        JsonNode data = customer.get("/api/v1/orders/" + orderId + "/entitlements").json().get("data");
        return StreamSupport.stream(data.spliterator(), false).filter(n -> n.get("kind").asText().equals("api_key")).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void basicAndProCarryTheirOwnLimitsIntoThePurchase(String kind) throws Exception {
        TestEngine e = ENGINES.get(kind);
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        String product = draft(seller, Map.of("monthlyQuota", "500", "ratePerMinute", "1000"));

        Response bad = plan(seller, product, "Broken", Map.of("monthlyQuota", "0", "ratePerSecond", "fast", "upstreamUrl", "https://x.test"));
        assertThat(bad.status()).as(bad.body()).isEqualTo(422);
        assertThat(fields(bad)).containsOnlyKeys("attributes.ratePerSecond", "attributes.upstreamUrl");
        Response overage = plan(seller, product, "Broken", Map.of("monthlyQuota", "0", "overageMinorPerUnit", "3"));
        assertThat(fields(overage)).containsOnlyKeys("attributes.monthlyQuota", "attributes.overageMinorPerUnit");
        Response both = seller.client().postJson("/api/v1/seller/products/" + product + "/plans",
                Map.of("name", "", "priceMinor", 1500, "currency", "EUR", "attributes", Map.of("monthlyQuota", "-1")));
        assertThat(fields(both)).as("the plan's fields and its attributes in one answer").containsKeys("name", "attributes.monthlyQuota");

        Response basic = plan(seller, product, "Basic", Map.of("monthlyQuota", "100", "ratePerMinute", ""));
        assertThat(basic.status()).as(basic.body()).isEqualTo(201);
        assertThat(basic.json().get("attributes").toString()).as("empty values dropped").isEqualTo("{\"monthlyQuota\":\"100\"}");
        Response pro = plan(seller, product, "Pro", Map.of("monthlyQuota", "100000", "overageMinorPerUnit", "3"));
        assertThat(pro.status()).as(pro.body()).isEqualTo(201);
        assertThat(seller.client().get("/api/v1/seller/products/" + product).json().toString()).contains("\"monthlyQuota\":\"100000\"");
        TestClient admin = TestUsers.signIn(e, "admin").client();
        assertThat(seller.client().post("/api/v1/seller/products/" + product + "/submit", null, "").status()).isEqualTo(200);
        assertThat(admin.post("/api/v1/admin/products/" + product + "/approve", null, "").status()).isEqualTo(200);

        TestUsers.User buyer = TestUsers.signIn(e, "customer");
        String basicOrder = Purchases.paidOrder(e, buyer.id(), new Purchases.Item(product, basic.json().get("id").asText(), seller.id(), "api", "Tiered", 1500));
        Purchases.deliverPaid(e, basicOrder);
        String proOrder = Purchases.paidOrder(e, buyer.id(), new Purchases.Item(product, pro.json().get("id").asText(), seller.id(), "api", "Tiered", 1500));
        Purchases.deliverPaid(e, proOrder);

        String basicEnt = grant(buyer.client(), basicOrder).get("id").asText();
        String proEnt = grant(buyer.client(), proOrder).get("id").asText();
        Map<String, String> basicData = data(e, basicEnt);
        Map<String, String> proData = data(e, proEnt);
        assertThat(basicData).containsEntry("monthlyQuota", "100").containsEntry("ratePerMinute", "1000").doesNotContainKey("overageMinorPerUnit");
        assertThat(proData).containsEntry("monthlyQuota", "100000").containsEntry("overageMinorPerUnit", "3").containsEntry("ratePerMinute", "1000");

        // verify enforces each plan's quota: Basic stops at 100, Pro goes on (its overage is billed)
        TestClient server = ApiProducts.withToken(e, seller);
        String basicKey = ApiProducts.newKey(buyer.client(), basicEnt, "basic");
        String proKey = ApiProducts.newKey(buyer.client(), proEnt, "pro");
        Response first = verify(server, basicKey, 100, null);
        assertThat(code(first)).isEqualTo("VALID");
        assertThat(code(verify(server, basicKey, 1, null))).isEqualTo("QUOTA_EXCEEDED");
        Response proAnswer = verify(server, proKey, 100, null);
        assertThat(code(proAnswer)).isEqualTo("VALID");
        assertThat(code(verify(server, proKey, 1, null))).isEqualTo("VALID");
    }

    static Map<String, String> data(TestEngine e, String entitlementId) throws Exception {
        String json = e.jdbi().withHandle(h -> h.createQuery("SELECT data FROM entitlements WHERE id = :e").bind("e", entitlementId).mapTo(String.class).one());
        return new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {});
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void thePlanFormShowsThePlanFieldsAndAFieldErrorBesideTheInput(String kind) {
        TestEngine e = ENGINES.get(kind);
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        String product = draft(seller, Map.of());
        String page = "/seller/products/" + product;
        Document form = seller.client().get(page).html();
        assertThat(form.select("form.add-plan fieldset.plan-attributes input").eachAttr("name"))
                .containsExactly("pattr.monthlyQuota", "pattr.ratePerSecond", "pattr.ratePerMinute", "pattr.overageMinorPerUnit");

        Response wrong = seller.client().submitForm(page, "form.add-plan",
                Map.of("name", "Pro", "price", "29.00", "currency", "EUR", "pattr.monthlyQuota", "lots", "pattr.ratePerSecond", "5"));
        assertThat(wrong.status()).as(wrong.body()).isEqualTo(422);
        Document shown = wrong.html();
        assertThat(shown.select("#plan-pattr\\.monthlyQuota-error").text()).as(shown.select("form.add-plan").outerHtml()).startsWith("must be a");
        assertThat(shown.select("form.add-plan .notice.error").text()).contains("Monthly quota (units)");
        assertThat(shown.selectFirst("#plan-attr-monthlyQuota").attr("value")).as("input kept").isEqualTo("lots");
        assertThat(shown.selectFirst("#plan-attr-monthlyQuota").attr("aria-invalid")).isEqualTo("true");
        assertThat(shown.selectFirst("#plan-attr-ratePerSecond").attr("value")).isEqualTo("5");
        assertThat(seller.client().get("/api/v1/seller/products/" + product).json().get("plans")).as("nothing saved").isEmpty();

        Response ok = seller.client().submitForm(page, "form.add-plan", Map.of("name", "Pro", "price", "29.00", "currency", "EUR", "pattr.monthlyQuota", "5000"));
        assertThat(ok.status()).as(ok.body()).isIn(200, 303);
        Document after = seller.client().get(page).html();
        assertThat(after.select("table.plan-list .plan-attributes").text()).contains("5000");
        assertThat(seller.client().get("/api/v1/seller/products/" + product).json().get("plans").get(0).get("attributes").get("monthlyQuota").asText())
                .isEqualTo("5000");
    }
}
