package com.mintreu.engine.assistant;

import com.mintreu.engine.db.Ids;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;

/** Published products with documentation for the assistant to find, written straight into the catalog's table. */
final class HelpDocs {

    static final String DESCRIPTION = "Photo Tool edits RAW pictures on Windows and macOS. "
            + "To activate it, open Settings and paste the license key from your account page. It works offline afterwards.";

    private HelpDocs() {}

    /** A published product titled {@code title} with {@link #DESCRIPTION}; returns its URL on the shop. */
    static String publish(TestEngine e, String title, String description, String status) {
        String seller = TestUsers.signIn(e, "seller").id();
        String slug = title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "-" + Long.toString(System.nanoTime(), 36);
        long now = e.clock().millis();
        e.jdbi().useHandle(h -> h.createUpdate("""
                INSERT INTO products (id, seller_id, slug, title, description_md, description_html, type_id, attributes, status,
                                      created_at, updated_at, submitted_at, published_at)
                VALUES (:id, :seller, :slug, :title, :md, '', 'download', '{}', :status, :now, :now, :now, :now)""")
                .bind("id", Ids.next("prd")).bind("seller", seller).bind("slug", slug).bind("title", title).bind("md", description)
                .bind("status", status).bind("now", now).execute());
        return "/products/" + slug;
    }

    static String publish(TestEngine e, String title) {
        return publish(e, title, DESCRIPTION, "published");
    }

    /** Today's answers of the whole shop, as counted in the table. */
    static int usedToday(TestEngine e) {
        long day = Math.floorDiv(e.clock().millis(), 86_400_000L);
        return e.jdbi().withHandle(h -> h.createQuery("SELECT used FROM assistant_usage WHERE day = :d AND subject = '*'")
                .bind("d", day).mapTo(Integer.class).findOne().orElse(0));
    }
}
