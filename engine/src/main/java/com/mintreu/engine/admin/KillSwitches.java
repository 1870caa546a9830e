package com.mintreu.engine.admin;

import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Principal;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

/**
 * The kill switches as the seams see them. The table is the truth for every node; each node reads
 * all rows at most once per {@link #TTL_NANOS} (one small query), so a change made on any node is in
 * force everywhere within about two seconds, and the hot paths pay a volatile read.
 */
@Singleton
public final class KillSwitches {

    /** How stale a node's view may be. */
    static final long TTL_NANOS = 2_000_000_000L;

    /** One switch as admins see it. */
    public record State(KillSwitch kill, boolean engaged, String reason, String changedBy, Long changedAt) {}

    private record Snapshot(Map<String, State> byId, long readAt) {}

    private final Jdbi jdbi;
    private final AuditLog audit;
    private final Clock clock;
    private volatile Snapshot snapshot;

    @Inject
    KillSwitches(Jdbi jdbi, AuditLog audit, Clock clock) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.clock = clock;
    }

    /** Throws the switch's own 503 when an admin has turned {@code feature} off. The one call a seam makes. */
    public void require(KillSwitch feature) {
        if (isEngaged(feature)) {
            throw new ApiException(feature, feature.message());
        }
    }

    public boolean isEngaged(KillSwitch feature) {
        return current().byId().get(feature.id()).engaged();
    }

    /** Every registered switch, in registry order. */
    public List<State> all() {
        Map<String, State> now = current().byId();
        return List.of(KillSwitch.values()).stream().map(k -> now.get(k.id())).toList();
    }

    /** Engages or releases {@code feature} for every node; audited with before and after. Idempotent. */
    public State set(KillSwitch feature, boolean engaged, String reason, Principal admin) {
        long now = clock.millis();
        jdbi.useTransaction(h -> {
            Boolean before = h.createQuery("SELECT engaged FROM kill_switches WHERE id = :id").bind("id", feature.id())
                    .mapTo(Integer.class).findOne().map(v -> v == 1).orElse(false);
            h.createUpdate("""
                    INSERT INTO kill_switches (id, engaged, reason, changed_by, changed_at) VALUES (:id, :engaged, :reason, :by, :now)
                    ON CONFLICT (id) DO UPDATE SET engaged = :engaged, reason = :reason, changed_by = :by, changed_at = :now""")
                    .bind("id", feature.id()).bind("engaged", engaged ? 1 : 0).bind("reason", reason).bind("by", admin.userId())
                    .bind("now", now).execute();
            audit.record(h, AuditLog.Actor.of(admin, "admin"), engaged ? "switch.engage" : "switch.release", "switch", feature.id(),
                    Map.of("before", before ? "off" : "on", "after", engaged ? "off" : "on", "reason", reason));
        });
        snapshot = null; // this node sees its own change at once
        return current().byId().get(feature.id());
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s == null || System.nanoTime() - s.readAt() > TTL_NANOS) {
            s = read();
            snapshot = s;
        }
        return s;
    }

    private Snapshot read() {
        Map<String, State> byId = new HashMap<>();
        for (KillSwitch k : KillSwitch.values()) {
            byId.put(k.id(), new State(k, false, "", null, null));
        }
        // rows of switches no longer registered are ignored
        jdbi.withHandle(h -> h.createQuery("SELECT id, engaged, reason, changed_by, changed_at FROM kill_switches")
                .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getInt(2) == 1, rs.getString(3), rs.getString(4), rs.getLong(5)}).list())
                .forEach(r -> KillSwitch.byId((String) r[0]).ifPresent(k ->
                        byId.put(k.id(), new State(k, (Boolean) r[1], (String) r[2], (String) r[3], (Long) r[4]))));
        return new Snapshot(Map.copyOf(byId), System.nanoTime());
    }
}
