package com.mintreu.engine.checkout;

import com.mintreu.engine.db.Ids;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** SQL for carts. A cart belongs to an owner string: {@code user:<id>} or {@code session:<hash>}. */
@Singleton
final class CartStore {

    record Item(String planId, int quantity) {}

    private final Jdbi jdbi;

    @Inject
    CartStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    Optional<String> cartOf(Handle h, String owner) {
        return h.createQuery("SELECT id FROM carts WHERE owner = :o").bind("o", owner).mapTo(String.class).findOne();
    }

    String ensureCart(Handle h, String owner, long now) {
        h.createUpdate("INSERT INTO carts (id, owner, created_at, updated_at) VALUES (:id, :o, :now, :now) ON CONFLICT (owner) DO NOTHING")
                .bind("id", Ids.next("crt")).bind("o", owner).bind("now", now).execute();
        return cartOf(h, owner).orElseThrow();
    }

    List<Item> items(Handle h, String owner) {
        return h.createQuery("""
                SELECT i.plan_id, i.quantity FROM cart_items i JOIN carts c ON c.id = i.cart_id
                WHERE c.owner = :o ORDER BY i.added_at, i.plan_id""")
                .bind("o", owner).map((rs, ctx) -> new Item(rs.getString(1), rs.getInt(2))).list();
    }

    int distinctItems(Handle h, String cartId) {
        return h.createQuery("SELECT COUNT(*) FROM cart_items WHERE cart_id = :c").bind("c", cartId).mapTo(Integer.class).one();
    }

    void put(Handle h, String cartId, String planId, int quantity, long now) {
        h.createUpdate("""
                INSERT INTO cart_items (cart_id, plan_id, quantity, added_at) VALUES (:c, :p, :q, :now)
                ON CONFLICT (cart_id, plan_id) DO UPDATE SET quantity = excluded.quantity""")
                .bind("c", cartId).bind("p", planId).bind("q", quantity).bind("now", now).execute();
        h.createUpdate("UPDATE carts SET updated_at = :now WHERE id = :c").bind("now", now).bind("c", cartId).execute();
    }

    boolean remove(Handle h, String owner, String planId) {
        return h.createUpdate("DELETE FROM cart_items WHERE plan_id = :p AND cart_id IN (SELECT id FROM carts WHERE owner = :o)")
                .bind("p", planId).bind("o", owner).execute() > 0;
    }

    void clear(Handle h, String owner) {
        h.createUpdate("DELETE FROM cart_items WHERE cart_id IN (SELECT id FROM carts WHERE owner = :o)").bind("o", owner).execute();
    }

    void deleteCart(Handle h, String owner) {
        h.createUpdate("DELETE FROM carts WHERE owner = :o").bind("o", owner).execute();
    }
}
