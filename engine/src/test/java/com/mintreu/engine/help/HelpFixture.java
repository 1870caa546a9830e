package com.mintreu.engine.help;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.entitlement.Purchases;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import com.mintreu.engine.testing.TestUsers.User;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A shop with an admin, two sellers with a published product each and a customer, for the help tests. */
record HelpFixture(TestEngine e, User admin, User seller, User otherSeller, User customer, Purchases.Item product, Purchases.Item otherProduct) {

    private static final AtomicInteger SHOPS = new AtomicInteger();

    /**
     * A fresh shop on the class's shared engine: the help tables emptied (each test asserts on exactly
     * its own articles) and products with titles of their own (slugs are unique).
     */
    static HelpFixture of(TestEngine e) {
        e.jdbi().useHandle(h -> {
            h.execute("DELETE FROM helpdesk_builtin_articles");
            h.execute("DELETE FROM helpdesk_builtin_categories");
            if (e.kind().equals("sqlite")) {
                h.execute("DELETE FROM helpdesk_builtin_article_fts");
            }
        });
        int n = SHOPS.incrementAndGet();
        User admin = TestUsers.signIn(e, "admin");
        User seller = TestUsers.signIn(e, "seller");
        User other = TestUsers.signIn(e, "seller");
        User customer = TestUsers.signIn(e, "customer");
        Purchases.Item product = Purchases.publish(seller.client(), seller.id(), admin.client(), "download", "Sound Pack " + n,
                Map.of("maxDownloads", "2"), "sound.zip", new byte[] {1, 2, 3});
        Purchases.Item otherProduct = Purchases.publish(other.client(), other.id(), admin.client(), "download", "Noise Pack " + n,
                Map.of("maxDownloads", "2"), "noise.zip", new byte[] {4, 5});
        return new HelpFixture(e, admin, seller, other, customer, product, otherProduct);
    }

    /** Writes an article through the JSON API; returns its id. */
    static String article(TestClient writer, String productId, String title, String body) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("productId", productId);
        b.put("title", title);
        b.put("body", body);
        b.put("published", true);
        Response r = writer.postJson("/api/v1/help/articles", b);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    /** The product page of {@code item}. */
    String page(Purchases.Item item) {
        Response r = admin.client().get("/api/v1/seller/products/" + item.productId());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return "/products/" + r.json().get("product").get("slug").asText();
    }
}
