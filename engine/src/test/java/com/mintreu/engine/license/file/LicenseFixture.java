package com.mintreu.engine.license.file;

import com.mintreu.engine.db.Ids;
import com.mintreu.engine.license.License;
import com.mintreu.engine.testing.TestEngine;

/**
 * A license issued through a real scheme plugin for a paid order line, without the catalog: the
 * order, line and entitlement rows are written as fulfilment leaves them, then the engine's
 * LicenseService issues the key.
 */
final class LicenseFixture {

    private LicenseFixture() {}

    static License issue(TestEngine e, String customerId, String scheme, Long expiresAt) {
        String orderId = Ids.next("ord");
        String lineId = Ids.next("oln");
        String entitlementId = Ids.next("ent");
        String productId = Ids.next("prd");
        long now = e.clock().millis();
        e.jdbi().useTransaction(h -> {
            h.createUpdate("""
                    INSERT INTO orders (id, customer_id, status, currency, subtotal_minor, discount_minor, total_minor, gateway,
                                        created_at, updated_at, paid_at)
                    VALUES (:id, :customer, 'paid', 'EUR', 1500, 0, 1500, 'payment-sandbox', :now, :now, :now)""")
                    .bind("id", orderId).bind("customer", customerId).bind("now", now).execute();
            h.createUpdate("""
                    INSERT INTO order_lines (id, order_id, position, product_id, plan_id, seller_id, product_type, title, plan_name,
                                             quantity, unit_minor, discount_minor, total_minor, platform_fee_minor, seller_minor)
                    VALUES (:id, :order, 0, :product, 'pln_x', :seller, 'software', 'Pixel Editor', 'Personal', 1, 1500, 0, 1500, 150, 1350)""")
                    .bind("id", lineId).bind("order", orderId).bind("product", productId).bind("seller", customerId).execute();
            h.createUpdate("""
                    INSERT INTO entitlements (id, customer_id, order_id, line_id, product_id, title, kind, data, status, created_at, expires_at)
                    VALUES (:id, :customer, :order, :line, :product, 'Pixel Editor', 'license', :data, 'active', :now, :expires)""")
                    .bind("id", entitlementId).bind("customer", customerId).bind("order", orderId).bind("line", lineId)
                    .bind("product", productId).bind("data", "{\"scheme\":\"" + scheme + "\"}").bind("now", now).bind("expires", expiresAt)
                    .execute();
        });
        return e.engine().component().licenses().ensureIssued(entitlementId, productId, "pln_x", customerId, scheme, expiresAt);
    }
}
