package com.mintreu.engine.subscription;

import com.mintreu.api.money.Money;
import com.mintreu.engine.db.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** SQL for plan and seat changes ({@code subscription_changes}) and for moving a subscription to its new plan. */
@Singleton
final class PlanChangeStore {

    private static final String COLUMNS = """
            id, subscription_id, kind, from_plan_id, to_plan_id, to_plan_name, from_quantity, to_quantity, from_unit_minor, to_unit_minor,
            currency, amount_minor, at_seq, order_id, status, reason, created_at""";

    private final Jdbi jdbi;

    @Inject
    PlanChangeStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /** Stores a change; false when the subscription has an open one (charging or scheduled): the unique index decides racing requests. */
    boolean insert(Handle h, PlanChange c, long now) {
        return h.createUpdate("INSERT INTO subscription_changes (" + COLUMNS + ", updated_at) VALUES (:id, :sub, :kind, :fromPlan, :toPlan, "
                        + ":toName, :fromQty, :toQty, :fromUnit, :toUnit, :currency, :amount, :seq, :order, :status, NULL, :now, :now) "
                        + "ON CONFLICT DO NOTHING")
                .bind("id", c.id()).bind("sub", c.subscriptionId()).bind("kind", c.kind()).bind("fromPlan", c.fromPlanId())
                .bind("toPlan", c.toPlanId()).bind("toName", c.toPlanName()).bind("fromQty", c.fromQuantity()).bind("toQty", c.toQuantity())
                .bind("fromUnit", c.fromUnit().minor()).bind("toUnit", c.toUnit().minor()).bind("currency", c.toUnit().currency())
                .bind("amount", c.amount().minor()).bind("seq", c.atSeq()).bind("order", c.orderId()).bind("status", c.status())
                .bind("now", now).execute() == 1;
    }

    /** Moves a change from {@code from} to {@code to}; false when it was no longer in {@code from}. */
    boolean settle(Handle h, String id, String from, String to, String reason, long now) {
        return h.createUpdate("UPDATE subscription_changes SET status = :to, reason = :reason, updated_at = :now WHERE id = :id AND status = :from")
                .bind("to", to).bind("reason", reason).bind("now", now).bind("id", id).bind("from", from).execute() == 1;
    }

    /** The subscription's open change (charging or scheduled), if any. */
    Optional<PlanChange> open(Handle h, String subscriptionId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM subscription_changes WHERE subscription_id = :s AND status IN ('charging', 'scheduled')")
                .bind("s", subscriptionId).map((rs, ctx) -> row(rs)).findOne();
    }

    Optional<PlanChange> open(String subscriptionId) {
        return jdbi.withHandle(h -> open(h, subscriptionId));
    }

    /** Every change of a subscription, newest first. */
    List<PlanChange> forSubscription(String subscriptionId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM subscription_changes WHERE subscription_id = :s "
                + "ORDER BY created_at DESC, id DESC").bind("s", subscriptionId).map((rs, ctx) -> row(rs)).list());
    }

    /** Upgrades still charging since before {@code before}: their outcome was unknown; the job asks again with the same key. */
    List<PlanChange> chargingSince(long before, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM subscription_changes WHERE status = 'charging' "
                + "AND updated_at <= :before ORDER BY updated_at, id LIMIT :limit").bind("before", before).bind("limit", limit)
                .map((rs, ctx) -> row(rs)).list());
    }

    /**
     * Moves the subscription to the change's plan and quantity, only if it is still on the plan,
     * price and quantity the change was computed from, active or trialing, in period {@code seq}:
     * the conditional UPDATE is the lock.
     */
    boolean moveTo(Handle h, PlanChange c, int seq, long now) {
        return h.createUpdate("""
                UPDATE subscriptions SET plan_id = :toPlan, plan_name = :toName, unit_minor = :toUnit, quantity = :toQty, updated_at = :now
                WHERE id = :id AND plan_id = :fromPlan AND unit_minor = :fromUnit AND quantity = :fromQty AND current_seq = :seq
                  AND status IN ('active', 'trialing')""")
                .bind("toPlan", c.toPlanId()).bind("toName", c.toPlanName()).bind("toUnit", c.toUnit().minor()).bind("toQty", c.toQuantity())
                .bind("now", now).bind("id", c.subscriptionId()).bind("fromPlan", c.fromPlanId()).bind("fromUnit", c.fromUnit().minor())
                .bind("fromQty", c.fromQuantity()).bind("seq", seq).execute() == 1;
    }

    /** A row in the subscription's history: the status does not move, the reason says what changed. */
    void history(Handle h, String subscriptionId, String status, String reason, long now) {
        h.createUpdate("INSERT INTO subscription_events (id, subscription_id, from_status, to_status, reason, created_at) "
                        + "VALUES (:id, :sub, :status, :status, :reason, :now)")
                .bind("id", Ids.next("sev")).bind("sub", subscriptionId).bind("status", status).bind("reason", reason).bind("now", now).execute();
    }

    private static PlanChange row(ResultSet rs) throws SQLException {
        String currency = rs.getString("currency");
        return new PlanChange(rs.getString("id"), rs.getString("subscription_id"), rs.getString("kind"), rs.getString("from_plan_id"),
                rs.getString("to_plan_id"), rs.getString("to_plan_name"), rs.getInt("from_quantity"), rs.getInt("to_quantity"),
                new Money(rs.getLong("from_unit_minor"), currency), new Money(rs.getLong("to_unit_minor"), currency),
                new Money(rs.getLong("amount_minor"), currency), rs.getInt("at_seq"), rs.getString("order_id"), rs.getString("status"),
                rs.getString("reason"), rs.getLong("created_at"));
    }
}
