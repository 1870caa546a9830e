package com.mintreu.engine.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mintreu.engine.entitlement.Purchases;
import com.mintreu.engine.plugin.ApiTestPlugins;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestDatabase;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The demo's "Quotes API" end to end on both databases, as the root README tells a newcomer: it is
 * seeded with its upstream on the engine's loopback address, bought, given a key on
 * {@code /account/api-keys}, and answers {@code GET /gw/quotes-api/quote} with the key; the
 * upstream itself refuses calls that did not come through the gateway.
 */
class DemoQuotesApiTest {

    @Test
    void aBuyerCallsTheSeededQuotesApiThroughTheGateway() throws Exception {
        for (String kind : TestDatabase.kinds()) {
            // mintreu demo turns gatewayAllowPrivateUpstreams on (DemoCommand): the upstream is on loopback
            try (TestEngine e = TestEngine.boot(kind, "outbox: {pollInterval: 1h}\napiKeys: {gatewayAllowPrivateUpstreams: true}\n", true,
                    ApiTestPlugins::writeProductApiTo)) {
                assertThat(e.engine().component().demoShop().seed()).as(kind).contains("quotes-api");
                assertThat(e.engine().component().demoShop().seed()).as("a second run adds nothing").isEmpty();

                JsonNode product = e.client().get("/api/v1/products/quotes-api").json();
                JsonNode plan = product.findValue("plans").get(0);
                String productId = product.findValue("id").asText();
                String sellerId = e.jdbi().withHandle(h -> h.createQuery("SELECT seller_id FROM products WHERE id = :id").bind("id", productId)
                        .mapTo(String.class).one());
                TestUsers.User customer = TestUsers.signIn(e, "customer");
                String order = Purchases.paidOrder(e, customer.id(), new Purchases.Item(productId, plan.get("id").asText(), sellerId, "api",
                        DemoShop.API_TITLE, plan.path("price").path("minor").asLong()));
                Purchases.deliverPaid(e, order);
                JsonNode grants = customer.client().get("/api/v1/orders/" + order + "/entitlements").json().get("data");
                String entitlement = StreamSupport.stream(grants.spliterator(), false).filter(n -> n.get("kind").asText().equals("api_key"))
                        .findFirst().orElseThrow().get("id").asText();
                Response made = customer.client().submitForm("/account/api-keys", "section:has(#purchase-" + entitlement + ") form.new-key",
                        Map.of("name", "curl"));
                assertThat(made.status()).as(made.body()).isEqualTo(201);
                String key = made.html().selectFirst("#new-key").attr("value");

                TestClient curl = e.client().bearer(key);
                Response quote = curl.get("/gw/quotes-api/quote");
                assertThat(quote.status()).as(kind + ": " + quote.body()).isEqualTo(200);
                assertThat(quote.json().get("quote").asText()).isNotBlank();
                assertThat(quote.json().get("day").asText()).isEqualTo(e.clock().instant().toString().substring(0, 10));
                assertThat(quote.header("X-RateLimit-Limit")).as("the tighter of 5/s and 1000/month").isEqualTo("5");
                Response echo = curl.post("/gw/quotes-api/echo?hello=world", "text/plain", "ping");
                assertThat(echo.status()).as(echo.body()).isEqualTo(200);
                assertThat(echo.json().get("body").asText()).isEqualTo("ping");
                assertThat(echo.json().get("query").get("hello").asText()).isEqualTo("world");

                // every call passed on is a unit of usage, on the buyer's page and the seller's CSV; refused calls are not
                int passed = 2;
                for (int i = 0; i < 8; i++) {
                    int status = curl.get("/gw/quotes-api/quote").status();
                    assertThat(status).isIn(200, 429);
                    passed += status == 200 ? 1 : 0;
                }
                e.engine().component().gatewayUsage().flush();
                Response keys = customer.client().get("/account/api-keys");
                assertThat(keys.html().select("section:has(#purchase-" + entitlement + ") p.usage-total").text())
                        .as(kind).contains("Used this month (UTC): " + passed + " units");
                assertThat(keys.html().select("section:has(#purchase-" + entitlement + ") td.usage").text()).isEqualTo(passed + " units");
                String today = e.clock().instant().toString().substring(0, 10);
                assertThat(customer.client().get("/account/api-keys/" + entitlement + "/usage.csv").body()).contains(today + "," + passed);
                TestClient seller = e.client();
                assertThat(seller.postJson("/api/v1/auth/login", Map.of("email", "seller@demo.mintreu.test", "password", "demo-seller-pass-2026"))
                        .status()).isEqualTo(200);
                assertThat(seller.get("/seller/api-usage.csv").body().lines().filter(l -> l.contains(DemoShop.API_TITLE))
                        .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(',') + 1))).sum()).as("the seller's CSV").isEqualTo(passed);

                assertThat(e.client().get("/plugins/product-api/demo/quote").status()).as("the upstream without the gateway's secret").isEqualTo(401);
                assertThat(e.client().bearer(key).get("/plugins/product-api/demo/quote").status()).as("a key is not the secret").isIn(401);
            }
        }
    }
}
