package com.mintreu.engine.message;

import com.mintreu.engine.entitlement.Purchases;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import java.util.List;
import java.util.Map;

/** A seller with one published product and a customer, fresh for each test, with what the tests read back from the database. */
record Shop(TestEngine e, TestUsers.User seller, TestUsers.User customer, Purchases.Item item, String slug) {

    static Shop open(TestEngine e, String title) {
        TestUsers.User admin = TestUsers.signIn(e, "admin");
        TestUsers.User seller = TestUsers.signIn(e, "seller");
        Purchases.Item item = Purchases.publish(seller.client(), seller.id(), admin.client(), "download", title, Map.of("maxDownloads", "2"),
                "file.zip", new byte[] {1});
        String slug = seller.client().get("/api/v1/seller/products/" + item.productId()).json().findValue("slug").asText();
        return new Shop(e, seller, TestUsers.signIn(e, "customer"), item, slug);
    }

    String productPage() {
        return "/products/" + slug;
    }

    long conversations() {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM message_conversations WHERE product_id = :p")
                .bind("p", item.productId()).mapTo(Long.class).one());
    }

    long messages() {
        return e.jdbi().withHandle(h -> h.createQuery("""
                SELECT COUNT(*) FROM messages m JOIN message_conversations c ON c.id = m.conversation_id WHERE c.product_id = :p""")
                .bind("p", item.productId()).mapTo(Long.class).one());
    }

    /** The texts of the mails queued for {@code user}. */
    List<String> mailsTo(TestUsers.User user) {
        return e.jdbi().withHandle(h -> h.createQuery("SELECT payload FROM outbox WHERE topic = 'mail' AND payload LIKE :to ORDER BY id")
                .bind("to", "%" + user.id() + "@example.test%").mapTo(String.class).list());
    }
}
