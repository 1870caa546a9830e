package com.mintreu.engine.license;

import com.fasterxml.jackson.core.type.TypeReference;
import com.mintreu.engine.web.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

/** SQL for license policies. */
@Singleton
final class PolicyStore {

    private static final String COLUMNS = "id, plan_id, duration_seconds, expiry_basis, expiry_strategy, grace_seconds, floating, max_machines, "
            + "max_users, require_fingerprint, heartbeat_seconds, check_in_seconds, entitlements, activations_per_hour, transfer_allowed, updated_at";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final Jdbi jdbi;

    @Inject
    PolicyStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Optional<Policy> byPlan(String planId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM license_policies WHERE plan_id = :p")
                .bind("p", planId).map((rs, ctx) -> map(rs)).findOne());
    }

    /** Inserts or replaces the policy of {@code p.planId()}; the id of an existing row is kept. */
    void upsert(Policy p) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO license_policies (" + COLUMNS + """
                ) VALUES (:id, :plan, :duration, :basis, :strategy, :grace, :floating, :maxMachines, :maxUsers, :requireFingerprint,
                          :heartbeat, :checkIn, :entitlements, :perHour, :transfer, :now)
                ON CONFLICT (plan_id) DO UPDATE SET duration_seconds = excluded.duration_seconds, expiry_basis = excluded.expiry_basis,
                    expiry_strategy = excluded.expiry_strategy, grace_seconds = excluded.grace_seconds, floating = excluded.floating,
                    max_machines = excluded.max_machines, max_users = excluded.max_users, require_fingerprint = excluded.require_fingerprint,
                    heartbeat_seconds = excluded.heartbeat_seconds, check_in_seconds = excluded.check_in_seconds,
                    entitlements = excluded.entitlements, activations_per_hour = excluded.activations_per_hour,
                    transfer_allowed = excluded.transfer_allowed, updated_at = excluded.updated_at""")
                .bind("id", p.id()).bind("plan", p.planId()).bind("duration", p.durationSeconds()).bind("basis", p.expiryBasis().id())
                .bind("strategy", p.expiryStrategy().id()).bind("grace", p.graceSeconds()).bind("floating", p.floating() ? 1 : 0)
                .bind("maxMachines", p.maxMachines()).bind("maxUsers", p.maxUsers()).bind("requireFingerprint", p.requireFingerprint() ? 1 : 0)
                .bind("heartbeat", p.heartbeatSeconds()).bind("checkIn", p.checkInSeconds()).bind("entitlements", json(p.entitlements()))
                .bind("perHour", p.activationsPerHour()).bind("transfer", p.transferAllowed() ? 1 : 0).bind("now", p.updatedAt())
                .execute());
    }

    private static Policy map(ResultSet rs) throws SQLException {
        try {
            return new Policy(rs.getString(1), rs.getString(2), longOrNull(rs, 3), Policy.ExpiryBasis.of(rs.getString(4)),
                    Policy.ExpiryStrategy.of(rs.getString(5)), rs.getLong(6), rs.getInt(7) == 1, rs.getInt(8), intOrNull(rs, 9),
                    rs.getInt(10) == 1, longOrNull(rs, 11), longOrNull(rs, 12), Json.MAPPER.readValue(rs.getString(13), STRINGS),
                    rs.getInt(14), rs.getInt(15) == 1, rs.getLong(16));
        } catch (IOException e) {
            throw new UncheckedIOException("license_policies.entitlements is not a JSON array of strings", e);
        }
    }

    static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Integer intOrNull(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static String json(List<String> values) {
        try {
            return Json.MAPPER.writeValueAsString(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
