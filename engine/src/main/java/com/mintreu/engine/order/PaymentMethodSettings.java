package com.mintreu.engine.order;

import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.web.Principal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

/**
 * How the admin arranged the payment methods (V34): the saved position of each gateway and the
 * chosen default. The tables are the truth for every node; each node reads them at most once per
 * {@link #TTL_NANOS}, so a change made on any node is what every cart shows within about two
 * seconds, and the node that made it sees it at once. Rules (what may be saved) live in {@link Gateways}.
 */
@Singleton
final class PaymentMethodSettings {

    /** How stale a node's view may be (the same as kill switches). */
    static final long TTL_NANOS = 2_000_000_000L;

    /** A saved position: 1 is offered first. */
    record Position(String gateway, int position, String displayName) {}

    /**
     * What was saved. {@code defaultGateway} null: the admin never chose one.
     * {@code positions} in saved order.
     */
    record Saved(List<Position> positions, String defaultGateway, String changedBy, long changedAt) {

        Map<String, Integer> rank() {
            Map<String, Integer> out = new LinkedHashMap<>();
            positions.forEach(p -> out.put(p.gateway(), p.position()));
            return out;
        }
    }

    private record Snapshot(Saved saved, long readAt) {}

    private final Jdbi jdbi;
    private final AuditLog audit;
    private final Clock clock;
    private volatile Snapshot snapshot;

    @Inject
    PaymentMethodSettings(Jdbi jdbi, AuditLog audit, Clock clock) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.clock = clock;
    }

    Saved current() {
        Snapshot s = snapshot;
        if (s == null || System.nanoTime() - s.readAt() > TTL_NANOS) {
            s = new Snapshot(read(), System.nanoTime());
            snapshot = s;
        }
        return s.saved();
    }

    /**
     * Replaces the saved order with {@code positions} (every gateway the admin arranged, in order)
     * and the default, in one transaction with the audit row ({@code payment_methods.save}, before
     * and after). The settings row is updated first: concurrent saves wait for each other's commit
     * and the last one wins whole, never a mix of two.
     */
    void save(List<Position> positions, String defaultGateway, Principal admin) {
        jdbi.useTransaction(h -> {
            long now = clock.millis();
            // the row lock first; then "before" is read after any save that committed meanwhile
            h.createUpdate("UPDATE payment_method_settings SET changed_by = :by, changed_at = :now WHERE id = 1")
                    .bind("by", admin.userId()).bind("now", now).execute();
            Saved before = read(h);
            h.createUpdate("UPDATE payment_method_settings SET default_gateway = :d WHERE id = 1").bind("d", defaultGateway).execute();
            h.createUpdate("DELETE FROM payment_method_positions").execute();
            for (Position p : positions) {
                h.createUpdate("INSERT INTO payment_method_positions (gateway, position, display_name) VALUES (:g, :p, :n)")
                        .bind("g", p.gateway()).bind("p", p.position()).bind("n", p.displayName()).execute();
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("beforeOrder", before.positions().stream().map(Position::gateway).toList());
            detail.put("afterOrder", positions.stream().map(Position::gateway).toList());
            detail.put("beforeDefault", before.defaultGateway() == null ? "" : before.defaultGateway());
            detail.put("afterDefault", defaultGateway == null ? "" : defaultGateway);
            audit.record(h, AuditLog.Actor.of(admin, "admin"), "payment_methods.save", "payment_methods", "checkout", detail);
        });
        snapshot = null; // this node sees its own change at once
    }

    private Saved read() {
        return jdbi.withHandle(this::read);
    }

    private Saved read(org.jdbi.v3.core.Handle h) {
        List<Position> positions = h.createQuery("SELECT gateway, position, display_name FROM payment_method_positions ORDER BY position, gateway")
                .map((rs, ctx) -> new Position(rs.getString(1), rs.getInt(2), rs.getString(3))).list();
        return h.createQuery("SELECT default_gateway, changed_by, changed_at FROM payment_method_settings WHERE id = 1")
                .map((rs, ctx) -> new Saved(positions, rs.getString(1), rs.getString(2), rs.getLong(3))).findOne()
                .orElse(new Saved(positions, null, null, 0));
    }
}
