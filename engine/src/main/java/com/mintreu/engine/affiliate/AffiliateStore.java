package com.mintreu.engine.affiliate;

import com.mintreu.engine.web.PageRequest;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** SQL of the affiliate program. */
@Singleton
final class AffiliateStore {

    /** A logged click: who referred, and when. */
    record Click(String id, String affiliateId, long createdAt) {}

    /** What an affiliate's links did: clicks, and the paid orders they brought. */
    record Stats(long clicks, long conversions) {}

    private final Jdbi jdbi;

    @Inject
    AffiliateStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Inserts the affiliate unless the user is one already; true when this call inserted it. */
    boolean insert(Affiliate a) {
        return jdbi.withHandle(h -> h.createUpdate("""
                INSERT INTO affiliates (id, user_id, code, status, created_at) VALUES (:id, :user, :code, :status, :at)
                ON CONFLICT (user_id) DO NOTHING""")
                .bind("id", a.id()).bind("user", a.userId()).bind("code", a.code()).bind("status", a.status()).bind("at", a.createdAt())
                .execute()) == 1;
    }

    Optional<Affiliate> byUser(String userId) {
        return one("user_id", userId);
    }

    Optional<Affiliate> byCode(String code) {
        return one("code", code);
    }

    Optional<Affiliate> byId(String id) {
        return one("id", id);
    }

    private Optional<Affiliate> one(String column, String value) {
        // column is one of three constants above, never input
        return jdbi.withHandle(h -> h.createQuery("SELECT id, user_id, code, status, created_at FROM affiliates WHERE " + column + " = :v")
                .bind("v", value)
                .map((rs, ctx) -> new Affiliate(rs.getString("id"), rs.getString("user_id"), rs.getString("code"), rs.getString("status"),
                        rs.getLong("created_at")))
                .findOne());
    }

    void insertClick(String id, String affiliateId, String productSlug, String visitorHash, long at) {
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO affiliate_clicks (id, affiliate_id, product_slug, visitor_hash, created_at)
                VALUES (:id, :affiliate, :slug, :visitor, :at)""")
                .bind("id", id).bind("affiliate", affiliateId).bind("slug", productSlug).bind("visitor", visitorHash).bind("at", at)
                .execute());
    }

    Optional<Click> click(Handle h, String id) {
        return h.createQuery("SELECT id, affiliate_id, created_at FROM affiliate_clicks WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> new Click(rs.getString("id"), rs.getString("affiliate_id"), rs.getLong("created_at")))
                .findOne();
    }

    void attribute(Handle h, String orderId, String affiliateId, String clickId, long at) {
        h.createUpdate("""
                INSERT INTO affiliate_attributions (order_id, affiliate_id, click_id, created_at) VALUES (:order, :affiliate, :click, :at)
                ON CONFLICT (order_id) DO NOTHING""")
                .bind("order", orderId).bind("affiliate", affiliateId).bind("click", clickId).bind("at", at).execute();
    }

    /** The affiliate an order is attributed to, if any. */
    Optional<String> attributedTo(String orderId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT affiliate_id FROM affiliate_attributions WHERE order_id = :o")
                .bind("o", orderId).mapTo(String.class).findOne());
    }

    Stats stats(String affiliateId) {
        return jdbi.withHandle(h -> new Stats(
                h.createQuery("SELECT COUNT(*) FROM affiliate_clicks WHERE affiliate_id = :a").bind("a", affiliateId).mapTo(Long.class).one(),
                h.createQuery("""
                        SELECT COUNT(*) FROM affiliate_attributions t JOIN orders o ON o.id = t.order_id
                        WHERE t.affiliate_id = :a AND o.paid_at IS NOT NULL""").bind("a", affiliateId).mapTo(Long.class).one()));
    }

    /** When each click in [from, to) happened, epoch ms (the dashboard's chart groups them). */
    List<Long> clickTimes(String affiliateId, long from, long to) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT created_at FROM affiliate_clicks WHERE affiliate_id = :a AND created_at >= :from AND created_at < :to""")
                .bind("a", affiliateId).bind("from", from).bind("to", to).mapTo(Long.class).list());
    }

    /** When each attributed order paid in [from, to) was paid, epoch ms. */
    List<Long> conversionTimes(String affiliateId, long from, long to) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT o.paid_at FROM affiliate_attributions t JOIN orders o ON o.id = t.order_id
                WHERE t.affiliate_id = :a AND o.paid_at >= :from AND o.paid_at < :to""")
                .bind("a", affiliateId).bind("from", from).bind("to", to).mapTo(Long.class).list());
    }

    /** An order attributed to an affiliate: when, its status and when it was paid (null while unpaid). Nothing about the buyer. */
    record Conversion(String orderId, String orderStatus, long attributedAt, Long paidAt) {}

    /** The affiliate's attributed orders, newest first, one page (keyset on the attribution's time and order id). */
    List<Conversion> conversions(String affiliateId, PageRequest req) {
        return jdbi.withHandle(h -> req.bind(h.createQuery("""
                SELECT t.order_id, o.status, t.created_at, o.paid_at FROM affiliate_attributions t JOIN orders o ON o.id = t.order_id
                WHERE t.affiliate_id = :a AND\s""" + req.after("t.created_at", "t.order_id", true) + " ORDER BY t.created_at DESC, t.order_id DESC LIMIT :limit")
                .bind("a", affiliateId))
                .map((rs, ctx) -> {
                    long paid = rs.getLong(4);
                    return new Conversion(rs.getString(1), rs.getString(2), rs.getLong(3), rs.wasNull() ? null : paid);
                })
                .list());
    }

    /** Per order of {@code orderIds} and currency, the commission the account earned net of what refunds took back. */
    List<OrderCommission> commissions(String account, List<String> orderIds) {
        if (orderIds.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT p.order_id, e.currency, SUM(e.amount_minor) FROM ledger_entries e JOIN ledger_postings p ON p.id = e.posting_id
                WHERE e.account = :a AND p.order_id IN (<orders>) GROUP BY p.order_id, e.currency""")
                .bind("a", account).bindList("orders", orderIds)
                .map((rs, ctx) -> new OrderCommission(rs.getString(1), com.mintreu.api.money.Money.of(rs.getLong(3), rs.getString(2))))
                .list());
    }

    /** What an affiliate earned on one order in one currency. */
    record OrderCommission(String orderId, com.mintreu.api.money.Money amount) {}

    /** An affiliate as the admin lists them, with the user's name and address. */
    record Listed(String id, String code, String status, String email, String displayName, long createdAt) {}

    /** Affiliates, pending first then newest first, at most {@code limit}. */
    List<Listed> list(int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT a.id, a.code, a.status, u.email, u.display_name, a.created_at FROM affiliates a JOIN users u ON u.id = a.user_id
                ORDER BY CASE WHEN a.status = 'pending' THEN 0 ELSE 1 END, a.created_at DESC, a.id LIMIT :limit""")
                .bind("limit", limit)
                .map((rs, ctx) -> new Listed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6)))
                .list());
    }

    /** Activates a pending affiliate in {@code h}'s transaction; false when there is none pending with that id. */
    boolean approve(Handle h, String id) {
        return h.createUpdate("UPDATE affiliates SET status = 'active' WHERE id = :id AND status = 'pending'").bind("id", id).execute() == 1;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /** A seller's product and the affiliate rate they set for it (null: the global rate). */
    record ProductRate(String productId, String title, Integer basisPoints) {

        /** The rate as people write it ("12.5"), or empty when the seller set none. */
        public String percent() {
            return basisPoints == null ? "" : java.math.BigDecimal.valueOf(basisPoints, 2).stripTrailingZeros().toPlainString();
        }
    }

    /** The seller's products with their rates, by title. */
    List<ProductRate> productRates(String sellerId) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT p.id, p.title, r.basis_points FROM products p LEFT JOIN affiliate_product_rates r ON r.product_id = p.id
                WHERE p.seller_id = :s ORDER BY p.title, p.id""")
                .bind("s", sellerId)
                .map((rs, ctx) -> {
                    int bp = rs.getInt(3);
                    return new ProductRate(rs.getString(1), rs.getString(2), rs.wasNull() ? null : bp);
                })
                .list());
    }

    Optional<Integer> rate(String productId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT basis_points FROM affiliate_product_rates WHERE product_id = :p")
                .bind("p", productId).mapTo(Integer.class).findOne());
    }

    /** Sets (or with null, removes) the rate of {@code productId} if {@code sellerId} sells it; false when they do not. */
    boolean setRate(String sellerId, String productId, Integer basisPoints, long now) {
        return jdbi.inTransaction(h -> {
            boolean theirs = h.createQuery("SELECT COUNT(*) FROM products WHERE id = :p AND seller_id = :s").bind("p", productId)
                    .bind("s", sellerId).mapTo(Long.class).one() == 1;
            if (!theirs) {
                return false;
            }
            if (basisPoints == null) {
                h.createUpdate("DELETE FROM affiliate_product_rates WHERE product_id = :p").bind("p", productId).execute();
            } else {
                h.createUpdate("""
                        INSERT INTO affiliate_product_rates (product_id, basis_points, updated_at) VALUES (:p, :bp, :now)
                        ON CONFLICT (product_id) DO UPDATE SET basis_points = excluded.basis_points, updated_at = excluded.updated_at""")
                        .bind("p", productId).bind("bp", basisPoints).bind("now", now).execute();
            }
            return true;
        });
    }
}
