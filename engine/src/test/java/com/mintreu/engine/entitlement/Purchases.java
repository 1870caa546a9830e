package com.mintreu.engine.entitlement;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.api.event.EventSubscriber;
import com.mintreu.api.event.OrderPaid;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.notify.Outbox;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test fixtures for purchases: published products of the real product-download types, and paid
 * orders written as the payment webhook would leave them (order and lines 'paid' plus the
 * {@code order.paid} outbox row, in one transaction).
 */
public final class Purchases {

    /** A product a test can put on an order line. */
    public record Item(String productId, String planId, String sellerId, String type, String title, long minor) {}

    private Purchases() {}

    /** Creates, uploads {@code file}, submits and approves a product; returns it as an order item. */
    public static Item publish(TestClient seller, String sellerId, TestClient admin, String type, String title, Map<String, String> attributes,
            String fileName, byte[] file) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("description", "A fine " + type);
        body.put("type", type);
        body.put("attributes", attributes);
        body.put("categories", List.of());
        body.put("tags", List.of());
        Response created = seller.postJson("/api/v1/seller/products", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        Response plan = seller.postJson("/api/v1/seller/products/" + id + "/plans",
                Map.of("name", "Personal", "priceMinor", 1500, "currency", "EUR", "grants", "one user"));
        assertThat(plan.status()).as(plan.body()).isEqualTo(201);
        Response release = seller.postBytes("/api/v1/seller/products/" + id + "/releases?version=1.0.0&fileName=" + java.net.URLEncoder.encode(fileName, java.nio.charset.StandardCharsets.UTF_8),
                "application/octet-stream", file);
        assertThat(release.status()).as(release.body()).isEqualTo(201);
        Response submitted = seller.post("/api/v1/seller/products/" + id + "/submit", null, "");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        assertThat(admin.post("/api/v1/admin/products/" + id + "/approve", null, "").status()).isEqualTo(200);
        return new Item(id, plan.json().get("id").asText(), sellerId, type, title, 1500);
    }

    /** A paid order of one of each item for {@code customerId}, with its order.paid outbox row; returns the order id. */
    public static String paidOrder(TestEngine e, String customerId, Item... items) {
        String orderId = Ids.next("ord");
        long now = e.clock().millis();
        long total = 0;
        for (Item i : items) {
            total += i.minor();
        }
        long sum = total;
        e.jdbi().useTransaction(h -> {
            h.createUpdate("""
                    INSERT INTO orders (id, customer_id, status, currency, subtotal_minor, discount_minor, total_minor, gateway,
                                        created_at, updated_at, paid_at)
                    VALUES (:id, :customer, 'paid', 'EUR', :total, 0, :total, 'payment-sandbox', :now, :now, :now)""")
                    .bind("id", orderId).bind("customer", customerId).bind("total", sum).bind("now", now).execute();
            int position = 0;
            for (Item i : items) {
                long fee = i.minor() / 10;
                h.createUpdate("""
                        INSERT INTO order_lines (id, order_id, position, product_id, plan_id, seller_id, product_type, title, plan_name,
                                                 quantity, unit_minor, discount_minor, total_minor, platform_fee_minor, seller_minor)
                        VALUES (:id, :order, :position, :product, :plan, :seller, :type, :title, 'Personal', 1, :minor, 0, :minor, :fee, :share)""")
                        .bind("id", Ids.next("oln")).bind("order", orderId).bind("position", position++).bind("product", i.productId())
                        .bind("plan", i.planId()).bind("seller", i.sellerId()).bind("type", i.type()).bind("title", i.title())
                        .bind("minor", i.minor()).bind("fee", fee).bind("share", i.minor() - fee).execute();
            }
            Outbox outbox = e.engine().component().outbox();
            Outbox.Stamp stamp = outbox.stamp();
            outbox.publish(h, new OrderPaid(stamp.eventId(), stamp.at(), orderId, customerId));
        });
        return orderId;
    }

    /** The engine's subscriber of {@link OrderPaid}, called as the dispatcher would. */
    public static EventSubscriber fulfilment(TestEngine e) {
        return e.engine().component().eventSubscribers().stream().filter(s -> s.id().equals("fulfilment")).findFirst().orElseThrow();
    }

    public static void deliverPaid(TestEngine e, String orderId) throws Exception {
        fulfilment(e).on(new OrderPaid("evt_test_" + orderId, Instant.now(), orderId, null));
    }

    public static long count(TestEngine e, String sql, Object value) {
        return e.jdbi().withHandle(h -> h.createQuery(sql).bind(0, value).mapTo(Long.class).one());
    }

    public static long receipts(TestEngine e, String orderId) {
        return count(e, "SELECT COUNT(*) FROM outbox WHERE topic = 'mail' AND payload LIKE ?", "%Your receipt for order " + orderId + "%");
    }

    public static String status(TestEngine e, String orderId) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT status FROM orders WHERE id = :id").bind("id", orderId).mapTo(String.class).one());
    }
}
