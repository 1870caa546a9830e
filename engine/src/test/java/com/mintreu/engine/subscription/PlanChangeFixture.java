package com.mintreu.engine.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.Race;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A product with several plans, bought and paid on the sandbox; and a racing helper. */
final class PlanChangeFixture {

    private PlanChangeFixture() {}

    /** A published software product with these plans, in order; returns their ids. */
    @SafeVarargs
    static List<String> product(TestEngine e, Map<String, Object>... plans) {
        TestClient seller = TestUsers.signIn(e, "seller").client();
        TestClient admin = TestUsers.signIn(e, "admin").client();
        Response created = seller.postJson("/api/v1/seller/products", Map.of("title", "Plans Tool " + System.nanoTime(), "description",
                "A tool with several plans.", "type", "software", "attributes", Map.of(), "categories", List.of(), "tags", List.of("saas")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        List<String> ids = new ArrayList<>();
        for (Map<String, Object> plan : plans) {
            Response p = seller.postJson("/api/v1/seller/products/" + id + "/plans", plan);
            assertThat(p.status()).as(p.body()).isEqualTo(201);
            ids.add(p.json().get("id").asText());
        }
        assertThat(seller.postBytes("/api/v1/seller/products/" + id + "/releases?version=1.0.0&fileName=tool.zip", "application/octet-stream",
                "PK-tool".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(201);
        assertThat(seller.post("/api/v1/seller/products/" + id + "/submit", null, "").status()).isEqualTo(200);
        assertThat(admin.post("/api/v1/admin/products/" + id + "/approve", null, "").status()).isEqualTo(200);
        return ids;
    }

    /** Buys {@code quantity} of the plan, pays on the sandbox (saving {@code card} when not null); returns the subscription's id. */
    static String subscribe(TestEngine e, TestClient customer, String planId, int quantity, String card) {
        Response added = customer.postJson("/api/v1/cart/items", Map.of("planId", planId, "quantity", quantity));
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        Response placed = customer.postJson("/api/v1/checkout", Map.of("gateway", "payment-sandbox"));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        SubscriptionFixture.payOnSandbox(customer, placed.json().get("paymentUrl").asText(), card);
        SubscriptionFixture.drain(e);
        return SubscriptionFixture.subscription(customer).get("id").asText();
    }

    /** The key of the customer's only license. */
    static String licenseKey(TestEngine e, String customerId) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT l.license_key FROM licenses l JOIN entitlements t ON t.id = l.entitlement_id "
                + "WHERE t.customer_id = :c").bind("c", customerId).mapTo(String.class).one());
    }

    /** Runs {@code call} for each input at once (one start latch); returns the answers in input order. */
    static <T, R> List<R> race(List<T> inputs, Function<T, R> call) throws Exception {
        return Race.of(inputs.size(), i -> call.apply(inputs.get(i)));
    }

}
