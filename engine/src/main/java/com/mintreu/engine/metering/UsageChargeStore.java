package com.mintreu.engine.metering;

import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * SQL for {@code usage_charges} (one row per API purchase and billing period the billing job
 * closed), the units reported in a period, and the pruning of old usage events.
 */
@Singleton
final class UsageChargeStore {

    /** A closed period of a purchase: what was used, what it costs, and how the money is being taken. */
    record Charge(String id, String entitlementId, long periodStart, long periodEnd, long units, long quota, long overageUnits, long unitMinor,
            long amountMinor, String currency, String orderId, String status, String idempotencyKey, long createdAt) {}

    private static final String COLUMNS = "id, entitlement_id, period_start, period_end, units, quota, overage_units, unit_minor, amount_minor, "
            + "currency, order_id, status, idempotency_key, created_at";

    private final Jdbi jdbi;

    @Inject
    UsageChargeStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /** Inserts the period's row; false when (entitlement, period start) is there already (another run or node closed it). */
    boolean insert(Handle h, Charge c, long now) {
        return h.createUpdate("INSERT INTO usage_charges (" + COLUMNS + ", updated_at) VALUES (:id, :entitlementId, :periodStart, :periodEnd, "
                        + ":units, :quota, :overageUnits, :unitMinor, :amountMinor, :currency, :orderId, :status, :idempotencyKey, :createdAt, :now) "
                        + "ON CONFLICT (entitlement_id, period_start) DO NOTHING")
                .bind("id", c.id()).bind("entitlementId", c.entitlementId()).bind("periodStart", c.periodStart()).bind("periodEnd", c.periodEnd())
                .bind("units", c.units()).bind("quota", c.quota()).bind("overageUnits", c.overageUnits()).bind("unitMinor", c.unitMinor())
                .bind("amountMinor", c.amountMinor()).bind("currency", c.currency()).bind("orderId", c.orderId()).bind("status", c.status())
                .bind("idempotencyKey", c.idempotencyKey()).bind("createdAt", c.createdAt()).bind("now", now).execute() == 1;
    }

    Optional<Charge> find(String entitlementId, long periodStart) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM usage_charges WHERE entitlement_id = :e AND period_start = :s")
                .bind("e", entitlementId).bind("s", periodStart).map((rs, ctx) -> row(rs)).findOne());
    }

    /** The latest period closed for a purchase: the job goes on from its end. */
    Optional<Long> lastPeriodEnd(String entitlementId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT MAX(period_end) FROM usage_charges WHERE entitlement_id = :e")
                .bind("e", entitlementId).mapTo(Long.class).findOne());
    }

    /** A purchase's closed periods, newest first. */
    List<Charge> forPurchase(String entitlementId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM usage_charges WHERE entitlement_id = :e ORDER BY period_start DESC")
                .bind("e", entitlementId).map((rs, ctx) -> row(rs)).list());
    }

    /** Rows whose off-session charge has no known outcome yet (a timeout, a crash): asked again with the same key. */
    List<Charge> charging(int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM usage_charges WHERE status = 'charging' ORDER BY created_at LIMIT :n")
                .bind("n", limit).map((rs, ctx) -> row(rs)).list());
    }

    /** Moves a charging row to its outcome; false when another node settled it first. */
    boolean settle(String id, String status, long now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE usage_charges SET status = :status, updated_at = :now WHERE id = :id AND status = 'charging'")
                .bind("status", status).bind("now", now).bind("id", id).execute() == 1);
    }

    /**
     * Units reported for the keys of a purchase in [from, until), from the per-minute rollups. A
     * minute belongs to the period its first instant falls in once both ends are taken to their
     * minute, so back-to-back periods split the minutes between them and none is counted twice.
     */
    long unitsBetween(String entitlementId, long from, long until) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(SUM(units), 0) FROM usage_rollups "
                        + "WHERE entitlement_id = :e AND grain = 'minute' AND bucket_start >= :from AND bucket_start < :until")
                .bind("e", entitlementId).bind("from", UsageIngest.minuteOf(from)).bind("until", UsageIngest.minuteOf(until))
                .mapTo(Long.class).one());
    }

    /** Deletes up to {@code limit} usage events received before {@code cutoff}; how many went. */
    int pruneEvents(long cutoff, int limit) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM usage_events WHERE (seller_id, event_id) IN "
                        + "(SELECT seller_id, event_id FROM usage_events WHERE received_at < :cutoff ORDER BY received_at LIMIT :limit)")
                .bind("cutoff", cutoff).bind("limit", limit).execute());
    }

    private static Charge row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Charge(rs.getString("id"), rs.getString("entitlement_id"), rs.getLong("period_start"), rs.getLong("period_end"), rs.getLong("units"),
                rs.getLong("quota"), rs.getLong("overage_units"), rs.getLong("unit_minor"), rs.getLong("amount_minor"), rs.getString("currency"),
                rs.getString("order_id"), rs.getString("status"), rs.getString("idempotency_key"), rs.getLong("created_at"));
    }
}
