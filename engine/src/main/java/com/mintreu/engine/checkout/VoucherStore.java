package com.mintreu.engine.checkout;

import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.web.Cursor;
import com.mintreu.api.money.Money;
import com.mintreu.engine.db.Ids;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** SQL for vouchers and their redemptions. */
@Singleton
final class VoucherStore {

    private final Jdbi jdbi;

    @Inject
    VoucherStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    void insert(Voucher v, long now) {
        jdbi.useTransaction(h -> {
            h.createUpdate("""
                    INSERT INTO vouchers (id, code, kind, percent_bp, amount_minor, currency, expires_at, max_uses, uses, per_customer_limit, created_at, seller_id)
                    VALUES (:id, :code, :kind, :bp, :amount, :currency, :expires, :max, 0, :perCustomer, :now, :seller)""")
                    .bind("seller", v.sellerId())
                    .bind("id", v.id()).bind("code", v.code()).bind("kind", v.percentBasisPoints() != null ? "percent" : "fixed")
                    .bind("bp", v.percentBasisPoints()).bind("amount", v.amount() == null ? null : v.amount().minor())
                    .bind("currency", v.amount() == null ? null : v.amount().currency()).bind("expires", v.expiresAt())
                    .bind("max", v.maxUses()).bind("perCustomer", v.perCustomerLimit()).bind("now", now).execute();
            for (String product : v.productIds()) {
                h.createUpdate("INSERT INTO voucher_products (voucher_id, product_id) VALUES (:v, :p)").bind("v", v.id()).bind("p", product).execute();
            }
        });
    }

    Optional<Voucher> byCode(String code) {
        return one("code", code);
    }

    Optional<Voucher> byId(String id) {
        return one("id", id);
    }

    private Optional<Voucher> one(String column, String value) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM vouchers WHERE " + column + " = :value").bind("value", value)
                .map((rs, ctx) -> {
                    String id = rs.getString("id");
                    long amount = rs.getLong("amount_minor");
                    Money money = rs.wasNull() ? null : new Money(amount, rs.getString("currency"));
                    int bp = rs.getInt("percent_bp");
                    Integer percent = rs.wasNull() ? null : bp;
                    long expires = rs.getLong("expires_at");
                    Long expiresAt = rs.wasNull() ? null : expires;
                    int max = rs.getInt("max_uses");
                    Integer maxUses = rs.wasNull() ? null : max;
                    int per = rs.getInt("per_customer_limit");
                    Integer perCustomer = rs.wasNull() ? null : per;
                    long disabled = rs.getLong("disabled_at");
                    Long disabledAt = rs.wasNull() ? null : disabled;
                    return new Voucher(id, rs.getString("code"), percent, money, expiresAt, maxUses, rs.getInt("uses"), perCustomer,
                            new HashSet<>(h.createQuery("SELECT product_id FROM voucher_products WHERE voucher_id = :v").bind("v", id)
                                    .mapTo(String.class).list()), rs.getString("seller_id"), disabledAt);
                }).findOne());
    }

    /** One seller's vouchers, newest first, paged as {@link #all(PageRequest)}. */
    Page<Voucher> bySeller(String sellerId, PageRequest page) {
        record Key(String code, long createdAt) {}
        List<Key> keys = jdbi.withHandle(h -> page.bind(h.createQuery("SELECT code, created_at FROM vouchers WHERE seller_id = :seller AND "
                        + page.after("created_at", "code", true) + " ORDER BY created_at DESC, code DESC LIMIT :limit"))
                .bind("seller", sellerId).map((rs, ctx) -> new Key(rs.getString(1), rs.getLong(2))).list());
        Page<Key> found = Page.of(keys, page, k -> Cursor.of(k.createdAt(), k.code()));
        return new Page<>(found.data().stream().map(k -> byCode(k.code())).flatMap(Optional::stream).toList(), found.nextCursor());
    }

    /** Disables the seller's own enabled voucher; false when it is not theirs or already disabled. */
    boolean disable(Handle h, String voucherId, String sellerId, long now) {
        return h.createUpdate("UPDATE vouchers SET disabled_at = :now WHERE id = :id AND seller_id = :seller AND disabled_at IS NULL")
                .bind("now", now).bind("id", voucherId).bind("seller", sellerId).execute() == 1;
    }

    /** Vouchers, newest first; the cursor is the last one's creation time and code. */
    Page<Voucher> all(PageRequest page) {
        record Key(String code, long createdAt) {}
        List<Key> keys = jdbi.withHandle(h -> page.bind(h.createQuery("SELECT code, created_at FROM vouchers WHERE "
                        + page.after("created_at", "code", true) + " ORDER BY created_at DESC, code DESC LIMIT :limit"))
                .map((rs, ctx) -> new Key(rs.getString(1), rs.getLong(2))).list());
        Page<Key> found = Page.of(keys, page, k -> Cursor.of(k.createdAt(), k.code()));
        return new Page<>(found.data().stream().map(k -> byCode(k.code())).flatMap(Optional::stream).toList(), found.nextCursor());
    }

    /**
     * Takes one use if any is left and the voucher has not expired. The conditional UPDATE is the
     * whole race protection: of N concurrent redemptions of the last use, one changes the row.
     * It also locks the voucher row until commit (PostgreSQL), which serializes the per-customer count.
     */
    boolean takeUse(Handle h, String voucherId, long now) {
        return h.createUpdate("""
                UPDATE vouchers SET uses = uses + 1
                WHERE id = :id AND disabled_at IS NULL AND (max_uses IS NULL OR uses < max_uses) AND (expires_at IS NULL OR expires_at > :now)""")
                .bind("id", voucherId).bind("now", now).execute() == 1;
    }

    int redemptionsBy(Handle h, String voucherId, String customerId) {
        return h.createQuery("SELECT COUNT(*) FROM voucher_redemptions WHERE voucher_id = :v AND customer_id = :c AND returned_at IS NULL")
                .bind("v", voucherId).bind("c", customerId).mapTo(Integer.class).one();
    }

    void recordRedemption(Handle h, String voucherId, String customerId, String orderId, long now) {
        h.createUpdate("INSERT INTO voucher_redemptions (id, voucher_id, customer_id, order_id, created_at) VALUES (:id, :v, :c, :o, :now)")
                .bind("id", Ids.next("vrd")).bind("v", voucherId).bind("c", customerId).bind("o", orderId).bind("now", now).execute();
    }

    /**
     * Gives back the use the order took, once: of any number of callers only the one whose UPDATE
     * marks the redemption returned (row count 1) gives the use back. False when the order took
     * no use or it was already given back.
     */
    boolean giveBack(Handle h, String orderId, long now) {
        if (h.createUpdate("UPDATE voucher_redemptions SET returned_at = :now WHERE order_id = :o AND returned_at IS NULL")
                .bind("now", now).bind("o", orderId).execute() != 1) {
            return false;
        }
        h.createUpdate("UPDATE vouchers SET uses = uses - 1 WHERE uses > 0 AND id = (SELECT voucher_id FROM voucher_redemptions WHERE order_id = :o)")
                .bind("o", orderId).execute();
        return true;
    }

    /**
     * Takes a given-back use again, once, for an order that was paid after all (held, then released).
     * The customer paid the discounted price, so the use counts even past {@code max_uses}.
     */
    boolean takeBack(Handle h, String orderId) {
        if (h.createUpdate("UPDATE voucher_redemptions SET returned_at = NULL WHERE order_id = :o AND returned_at IS NOT NULL")
                .bind("o", orderId).execute() != 1) {
            return false;
        }
        h.createUpdate("UPDATE vouchers SET uses = uses + 1 WHERE id = (SELECT voucher_id FROM voucher_redemptions WHERE order_id = :o)")
                .bind("o", orderId).execute();
        return true;
    }
}
