package com.mintreu.engine.subscription;

import com.mintreu.api.money.Money;
import com.mintreu.engine.catalog.Recurrence;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.web.Cursor;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.web.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** SQL for subscriptions, their periods, charge attempts and status history. Row counts, no rules. */
@Singleton
final class SubscriptionStore {

    private static final String COLUMNS = """
            id, customer_id, product_id, plan_id, seller_id, origin_order_id, origin_line_id, title, plan_name, status, billing_interval,
            interval_days, quantity, unit_minor, currency, gateway, payment_method, payment_method_summary, anchor_at, paid_from_seq,
            current_seq, current_period_start, current_period_end, cancel_at_period_end, past_due_since, next_retry_at, canceled_at, created_at, provider_managed, provider_reference""";

    /** A stored period. */
    record Period(String id, String subscriptionId, int seq, String kind, long startsAt, long endsAt, String orderId, String status) {}

    /** A stored charge attempt. */
    record Charge(String idempotencyKey, String subscriptionId, int seq, int attempt, String orderId, String status) {}

    /** What {@link #transition} did, as for orders. */
    enum Moved { APPLIED, STALE, CONFLICT }

    private final Jdbi jdbi;

    @Inject
    SubscriptionStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /** Inserts a new subscription; false when its order line already has one (a redelivered order.paid). */
    boolean insert(Handle h, Subscription s, long now) {
        Recurrence r = s.recurrence();
        return h.createUpdate("INSERT INTO subscriptions (" + COLUMNS + ", updated_at) VALUES (:id, :customer, :product, :plan, :seller, "
                        + ":order, :line, :title, :planName, :status, :interval, :days, :qty, :unit, :currency, :gateway, :method, :summary, "
                        + ":anchor, :paidFrom, :seq, :start, :end, 0, NULL, NULL, NULL, :now, :managed, :ref, :now) ON CONFLICT (origin_line_id) DO NOTHING")
                .bind("id", s.id()).bind("customer", s.customerId()).bind("product", s.productId()).bind("plan", s.planId())
                .bind("seller", s.sellerId()).bind("order", s.originOrderId()).bind("line", s.originLineId()).bind("title", s.title())
                .bind("planName", s.planName()).bind("status", s.status().id()).bind("interval", r.interval()).bind("days", r.intervalDays())
                .bind("qty", s.quantity()).bind("unit", s.unitPrice().minor()).bind("currency", s.unitPrice().currency())
                .bind("gateway", s.gateway()).bind("method", s.paymentMethod()).bind("summary", s.paymentMethodSummary())
                .bind("anchor", s.anchorAt()).bind("paidFrom", s.paidFromSeq()).bind("seq", s.currentSeq())
                .bind("start", s.currentPeriodStart()).bind("end", s.currentPeriodEnd()).bind("now", now)
                .bind("managed", s.providerManaged() ? 1 : 0).bind("ref", s.providerReference()).execute() == 1;
    }

    Optional<Subscription> find(Handle h, String id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM subscriptions WHERE id = :id").bind("id", id).map((rs, ctx) -> row(rs)).findOne();
    }

    Optional<Subscription> find(String id) {
        return jdbi.withHandle(h -> find(h, id));
    }

    Optional<Subscription> byOriginLine(String lineId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM subscriptions WHERE origin_line_id = :l").bind("l", lineId)
                .map((rs, ctx) -> row(rs)).findOne());
    }

    Page<Subscription> forCustomer(String customerId, PageRequest page) {
        List<Subscription> rows = jdbi.withHandle(h -> page.bind(h.createQuery("SELECT " + COLUMNS + " FROM subscriptions WHERE customer_id = :c AND "
                        + page.after("created_at", "id", true) + " ORDER BY created_at DESC, id DESC LIMIT :limit"))
                .bind("c", customerId).map((rs, ctx) -> row(rs)).list());
        return Page.of(rows, page, s -> Cursor.of(s.createdAt(), s.id()));
    }

    /**
     * Moves the subscription from {@code from} to {@code to} only if the table allows it and it is
     * still in {@code from}: the conditional UPDATE is the lock. An illegal move changes nothing.
     */
    Moved transition(Handle h, String id, SubscriptionStatus from, SubscriptionStatus to, String reason, long now) {
        if (!from.canMoveTo(to)) {
            return Moved.CONFLICT;
        }
        int changed = h.createUpdate("""
                UPDATE subscriptions SET status = :to, updated_at = :now,
                    canceled_at = CASE WHEN :canceled THEN :now ELSE canceled_at END,
                    past_due_since = CASE WHEN :pastDue THEN :now WHEN :active THEN NULL ELSE past_due_since END,
                    next_retry_at = CASE WHEN :pastDue OR :canceled THEN next_retry_at ELSE NULL END
                WHERE id = :id AND status = :from""")
                .bind("to", to.id()).bind("now", now).bind("canceled", to == SubscriptionStatus.CANCELED)
                .bind("pastDue", to == SubscriptionStatus.PAST_DUE).bind("active", to == SubscriptionStatus.ACTIVE)
                .bind("id", id).bind("from", from.id()).execute();
        if (changed == 1) {
            h.createUpdate("INSERT INTO subscription_events (id, subscription_id, from_status, to_status, reason, created_at) "
                            + "VALUES (:id, :sub, :from, :to, :reason, :now)")
                    .bind("id", Ids.next("sev")).bind("sub", id).bind("from", from.id()).bind("to", to.id()).bind("reason", reason)
                    .bind("now", now).execute();
        }
        return changed == 1 ? Moved.APPLIED : Moved.STALE;
    }

    /** Sets or clears "cancel at period end" while the subscription can still renew; false when it could not. */
    boolean cancelAtPeriodEnd(Handle h, String id, boolean cancel, long now) {
        return h.createUpdate("""
                UPDATE subscriptions SET cancel_at_period_end = :c, updated_at = :now
                WHERE id = :id AND cancel_at_period_end = :was AND status IN ('trialing', 'active')""")
                .bind("c", cancel ? 1 : 0).bind("was", cancel ? 0 : 1).bind("now", now).bind("id", id).execute() == 1;
    }

    void nextRetry(Handle h, String id, Long at, long now) {
        h.createUpdate("UPDATE subscriptions SET next_retry_at = :at, updated_at = :now WHERE id = :id")
                .bind("at", at).bind("now", now).bind("id", id).execute();
    }

    void paymentMethod(Handle h, String id, String gateway, String method, String summary, long now) {
        h.createUpdate("UPDATE subscriptions SET gateway = :g, payment_method = :m, payment_method_summary = :s, updated_at = :now WHERE id = :id")
                .bind("g", gateway).bind("m", method).bind("s", summary).bind("now", now).bind("id", id).execute();
    }

    /** Makes {@code seq} the current period; only from the one before it, so a period advances once. */
    boolean advance(Handle h, String id, int seq, long start, long end, long now) {
        return h.createUpdate("""
                UPDATE subscriptions SET current_seq = :seq, current_period_start = :start, current_period_end = :end, updated_at = :now
                WHERE id = :id AND current_seq = :prev""")
                .bind("seq", seq).bind("start", start).bind("end", end).bind("now", now).bind("id", id).bind("prev", seq - 1).execute() == 1;
    }

    // ---- periods and charges ---------------------------------------------------------------

    /** Opens a period; false when it exists already (another node or run opened it). */
    boolean insertPeriod(Handle h, String subscriptionId, int seq, String kind, long start, long end, String orderId, String status, long now) {
        return h.createUpdate("""
                INSERT INTO subscription_periods (id, subscription_id, seq, kind, starts_at, ends_at, order_id, status, created_at, paid_at)
                VALUES (:id, :sub, :seq, :kind, :start, :end, :order, :status, :now, CASE WHEN :status = 'paid' THEN :now END)
                ON CONFLICT (subscription_id, seq) DO NOTHING""")
                .bind("id", Ids.next("spd")).bind("sub", subscriptionId).bind("seq", seq).bind("kind", kind).bind("start", start)
                .bind("end", end).bind("order", orderId).bind("status", status).bind("now", now).execute() == 1;
    }

    Optional<Period> period(Handle h, String subscriptionId, int seq) {
        return h.createQuery("SELECT id, subscription_id, seq, kind, starts_at, ends_at, order_id, status FROM subscription_periods "
                        + "WHERE subscription_id = :s AND seq = :seq").bind("s", subscriptionId).bind("seq", seq)
                .map((rs, ctx) -> period(rs)).findOne();
    }

    Optional<Period> periodByOrder(Handle h, String orderId) {
        return h.createQuery("SELECT id, subscription_id, seq, kind, starts_at, ends_at, order_id, status FROM subscription_periods "
                        + "WHERE order_id = :o AND kind = 'paid'").bind("o", orderId).map((rs, ctx) -> period(rs)).findOne();
    }

    List<Period> periods(String subscriptionId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, subscription_id, seq, kind, starts_at, ends_at, order_id, status "
                        + "FROM subscription_periods WHERE subscription_id = :s ORDER BY seq").bind("s", subscriptionId)
                .map((rs, ctx) -> period(rs)).list());
    }

    /** Marks an open period paid; false when it was not open (paid already). */
    boolean periodPaid(Handle h, String periodId, long now) {
        return h.createUpdate("UPDATE subscription_periods SET status = 'paid', paid_at = :now WHERE id = :id AND status = 'open'")
                .bind("now", now).bind("id", periodId).execute() == 1;
    }

    void periodUnpaid(Handle h, String subscriptionId, int seq) {
        h.createUpdate("UPDATE subscription_periods SET status = 'unpaid' WHERE subscription_id = :s AND seq = :seq AND status = 'open'")
                .bind("s", subscriptionId).bind("seq", seq).execute();
    }

    /** Records a charge attempt before the gateway hears of it; false when that attempt exists already. */
    boolean insertCharge(Handle h, String key, String subscriptionId, int seq, int attempt, String orderId, long now) {
        return h.createUpdate("""
                INSERT INTO subscription_charges (idempotency_key, subscription_id, seq, attempt, order_id, status, created_at, updated_at)
                VALUES (:key, :sub, :seq, :attempt, :order, 'charging', :now, :now) ON CONFLICT (subscription_id, seq, attempt) DO NOTHING""")
                .bind("key", key).bind("sub", subscriptionId).bind("seq", seq).bind("attempt", attempt).bind("order", orderId)
                .bind("now", now).execute() == 1;
    }

    /** The latest attempt at a period. */
    Optional<Charge> lastCharge(String subscriptionId, int seq) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT idempotency_key, subscription_id, seq, attempt, order_id, status FROM subscription_charges
                        WHERE subscription_id = :s AND seq = :seq ORDER BY attempt DESC LIMIT 1""")
                .bind("s", subscriptionId).bind("seq", seq)
                .map((rs, ctx) -> new Charge(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getString(5), rs.getString(6)))
                .findOne());
    }

    /** Settles a charge attempt once: only a {@code charging} one changes. */
    boolean chargeSettled(Handle h, String key, String status, String providerRef, long now) {
        return h.createUpdate("""
                UPDATE subscription_charges SET status = :status, provider_ref = :ref, updated_at = :now
                WHERE idempotency_key = :key AND status = 'charging'""")
                .bind("status", status).bind("ref", providerRef).bind("now", now).bind("key", key).execute() == 1;
    }

    // ---- what the renewal job looks at -----------------------------------------------------

    /** Subscriptions whose period ended and that renew, oldest end first. */
    List<String> dueForRenewal(long now, int limit) {
        return ids("SELECT id FROM subscriptions WHERE status IN ('trialing', 'active') AND cancel_at_period_end = 0 "
                + "AND provider_managed = 0 AND current_period_end <= :now ORDER BY current_period_end, id LIMIT :limit", now, limit);
    }

    /** Subscriptions set to end with their period, whose period ended. */
    List<String> dueToEnd(long now, int limit) {
        return ids("SELECT id FROM subscriptions WHERE status IN ('trialing', 'active') AND cancel_at_period_end = 1 "
                + "AND provider_managed = 0 AND current_period_end <= :now ORDER BY current_period_end, id LIMIT :limit", now, limit);
    }

    /** Past-due subscriptions whose next try is due, or with no try left that went past due before {@code graceStart}. */
    List<String> pastDue(long now, long graceStart, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM subscriptions WHERE status = 'past_due' AND provider_managed = 0 AND (next_retry_at <= :now "
                        + "OR (next_retry_at IS NULL AND past_due_since <= :graceStart)) ORDER BY past_due_since, id LIMIT :limit")
                .bind("now", now).bind("graceStart", graceStart).bind("limit", limit).mapTo(String.class).list());
    }

    /** Renewing subscriptions in {@code status} (and {@code interval}, when not null) whose period ends by {@code until}, not yet sent {@code kind} for it. */
    List<String> endingUnnoticed(String status, String interval, String kind, long now, long until, int limit) {
        String byInterval = interval == null ? "" : "AND billing_interval = :interval ";
        return jdbi.withHandle(h -> {
            var q = h.createQuery("SELECT id FROM subscriptions s WHERE status = :status AND cancel_at_period_end = 0 " + byInterval
                    + "AND current_period_end > :now AND current_period_end <= :until AND NOT EXISTS (SELECT 1 FROM subscription_notices n "
                    + "WHERE n.subscription_id = s.id AND n.kind = :kind AND n.seq = s.current_seq) ORDER BY current_period_end, id LIMIT :limit");
            if (interval != null) {
                q.bind("interval", interval);
            }
            return q.bind("status", status).bind("kind", kind).bind("now", now).bind("until", until).bind("limit", limit).mapTo(String.class).list();
        });
    }

    private List<String> ids(String sql, long now, int limit) {
        return jdbi.withHandle(h -> h.createQuery(sql).bind("now", now).bind("limit", limit).mapTo(String.class).list());
    }

    private static Period period(ResultSet rs) throws SQLException {
        return new Period(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getLong(5), rs.getLong(6), rs.getString(7),
                rs.getString(8));
    }

    private static Subscription row(ResultSet rs) throws SQLException {
        int days = rs.getInt("interval_days");
        Recurrence r = new Recurrence(rs.getString("billing_interval"), rs.wasNull() ? null : days, 0, false, false);
        return new Subscription(rs.getString("id"), rs.getString("customer_id"), rs.getString("product_id"), rs.getString("plan_id"),
                rs.getString("seller_id"), rs.getString("origin_order_id"), rs.getString("origin_line_id"), rs.getString("title"),
                rs.getString("plan_name"), SubscriptionStatus.of(rs.getString("status")), r, rs.getInt("quantity"),
                new Money(rs.getLong("unit_minor"), rs.getString("currency")), rs.getString("gateway"), rs.getString("payment_method"),
                rs.getString("payment_method_summary"), rs.getLong("anchor_at"), rs.getInt("paid_from_seq"), rs.getInt("current_seq"),
                rs.getLong("current_period_start"), rs.getLong("current_period_end"), rs.getInt("cancel_at_period_end") == 1,
                nullable(rs, "past_due_since"), nullable(rs, "next_retry_at"), nullable(rs, "canceled_at"), rs.getLong("created_at"),
                rs.getInt("provider_managed") == 1, rs.getString("provider_reference"));
    }

    private static Long nullable(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
