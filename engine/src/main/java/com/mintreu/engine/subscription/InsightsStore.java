package com.mintreu.engine.subscription;

import com.mintreu.api.money.Money;
import com.mintreu.engine.web.Cursor;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.web.PageRequest;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * SQL of the seller's and admin's views of subscriptions: subscribers (one seller's, or everyone's
 * when the seller is null) filtered by product and status, and the facts {@link SubscriptionMetrics}
 * computes its figures from. Every value is bound.
 */
@Singleton
final class InsightsStore {

    /** One subscriber as the seller sees it. */
    record Subscriber(String id, String customerEmail, String productId, String title, String planName, String status, String interval,
            Integer intervalDays, int quantity, Money amount, long currentPeriodEndAt, boolean cancelAtPeriodEnd, Long canceledAt,
            String sellerId, long createdAt) {}

    /** A product with subscribers, for the filter. */
    record Product(String id, String title) {}

    private final Jdbi jdbi;

    @Inject
    InsightsStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Subscribers newest first; {@code sellerId}, {@code productId}, {@code status} narrow it when not null. */
    Page<Subscriber> subscribers(String sellerId, String productId, String status, PageRequest page) {
        List<Subscriber> rows = jdbi.withHandle(h -> {
            Query q = h.createQuery("""
                    SELECT s.id, u.email, s.product_id, s.title, s.plan_name, s.status, s.billing_interval, s.interval_days, s.quantity,
                           s.unit_minor, s.currency, s.current_period_end, s.cancel_at_period_end, s.canceled_at, s.seller_id, s.created_at
                    FROM subscriptions s JOIN users u ON u.id = s.customer_id
                    WHERE (:seller IS NULL OR s.seller_id = :seller) AND (:product IS NULL OR s.product_id = :product)
                      AND (:status IS NULL OR s.status = :status) AND\s""" + " " + page.after("s.created_at", "s.id", true)
                    + " ORDER BY s.created_at DESC, s.id DESC LIMIT :limit");
            return page.bind(q).bind("seller", sellerId).bind("product", productId).bind("status", status).map((rs, ctx) -> {
                int days = rs.getInt(8);
                Integer intervalDays = rs.wasNull() ? null : days;
                long canceled = rs.getLong(14);
                Long canceledAt = rs.wasNull() ? null : canceled;
                return new Subscriber(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), intervalDays, rs.getInt(9), new Money(rs.getLong(10) * rs.getInt(9), rs.getString(11)),
                        rs.getLong(12), rs.getInt(13) == 1, canceledAt, rs.getString(15), rs.getLong(16));
            }).list();
        });
        return Page.of(rows, page, s -> Cursor.of(s.createdAt(), s.id()));
    }

    /** The products a seller (every seller when null) has subscribers of, by title. */
    List<Product> products(String sellerId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT product_id, MIN(title) FROM subscriptions WHERE (:seller IS NULL OR seller_id = :seller)
                        GROUP BY product_id ORDER BY MIN(title), product_id""")
                .bind("seller", sellerId).map((rs, ctx) -> new Product(rs.getString(1), rs.getString(2))).list());
    }

    /**
     * The facts of every subscription of a seller (every seller when null), with its status at
     * {@code start}: the last status change before it, else its first status if it existed then.
     * A trial's end is the anchor of its first paid period; it converted when that period was paid.
     */
    List<SubscriptionMetrics.Facts> facts(String sellerId, long start) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT s.status, s.billing_interval, s.interval_days, s.unit_minor * s.quantity, s.currency, s.canceled_at,
                               s.paid_from_seq, s.anchor_at, s.created_at,
                               (SELECT e.to_status FROM subscription_events e WHERE e.subscription_id = s.id AND e.created_at < :start
                                ORDER BY e.created_at DESC, e.id DESC LIMIT 1) AS status_at_start,
                               (SELECT COUNT(*) FROM subscription_periods p WHERE p.subscription_id = s.id AND p.seq = 1
                                AND p.kind = 'paid' AND p.status = 'paid') AS first_paid
                        FROM subscriptions s WHERE (:seller IS NULL OR s.seller_id = :seller)""")
                .bind("seller", sellerId).bind("start", start).map((rs, ctx) -> {
                    int days = rs.getInt(3);
                    Integer intervalDays = rs.wasNull() ? null : days;
                    long canceled = rs.getLong(6);
                    Long canceledAt = rs.wasNull() ? null : canceled;
                    boolean trial = rs.getInt(7) == 1;
                    long createdAt = rs.getLong(9);
                    String atStart = rs.getString(10);
                    if (atStart == null && createdAt < start) {
                        atStart = trial ? "trialing" : "active";
                    }
                    return new SubscriptionMetrics.Facts(rs.getString(1), rs.getString(2), intervalDays, new Money(rs.getLong(4), rs.getString(5)),
                            atStart, canceledAt, trial ? rs.getLong(8) : null, trial && rs.getLong(11) > 0);
                }).list());
    }
}
