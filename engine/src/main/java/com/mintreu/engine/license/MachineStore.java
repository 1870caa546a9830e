package com.mintreu.engine.license;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for the machines licenses are activated on. */
@Singleton
final class MachineStore {

    private static final String COLUMNS = "id, license_id, fingerprint, name, platform, hostname, cores, created_at, last_heartbeat_at";

    private final Jdbi jdbi;

    @Inject
    MachineStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    List<Machine> forLicense(String licenseId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM license_machines WHERE license_id = :l ORDER BY created_at, id")
                .bind("l", licenseId).map(MachineStore::map).list());
    }

    Optional<Machine> byFingerprint(Handle h, String licenseId, String fingerprint) {
        return h.createQuery("SELECT " + COLUMNS + " FROM license_machines WHERE license_id = :l AND fingerprint = :f")
                .bind("l", licenseId).bind("f", fingerprint).map(MachineStore::map).findOne();
    }

    int count(Handle h, String licenseId) {
        return h.createQuery("SELECT COUNT(*) FROM license_machines WHERE license_id = :l").bind("l", licenseId).mapTo(Integer.class).one();
    }

    void insert(Handle h, Machine m) {
        h.createUpdate("INSERT INTO license_machines (" + COLUMNS + ") VALUES (:id, :license, :fingerprint, :name, :platform, :hostname, :cores, :now, :now)")
                .bind("id", m.id()).bind("license", m.licenseId()).bind("fingerprint", m.fingerprint()).bind("name", m.name())
                .bind("platform", m.platform()).bind("hostname", m.hostname()).bind("cores", m.cores()).bind("now", m.createdAt())
                .execute();
    }

    /** Deletes the license's machines whose last heartbeat is before {@code cutoff}. */
    int deleteSilentSince(Handle h, String licenseId, long cutoff) {
        return h.createUpdate("DELETE FROM license_machines WHERE license_id = :l AND last_heartbeat_at < :cutoff")
                .bind("l", licenseId).bind("cutoff", cutoff).execute();
    }

    boolean deleteByFingerprint(String licenseId, String fingerprint) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM license_machines WHERE license_id = :l AND fingerprint = :f")
                .bind("l", licenseId).bind("f", fingerprint).execute()) == 1;
    }

    boolean deleteById(String licenseId, String machineId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM license_machines WHERE license_id = :l AND id = :id")
                .bind("l", licenseId).bind("id", machineId).execute()) == 1;
    }

    boolean heartbeat(String licenseId, String fingerprint, long now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE license_machines SET last_heartbeat_at = :now WHERE license_id = :l AND fingerprint = :f")
                .bind("l", licenseId).bind("f", fingerprint).bind("now", now).execute()) == 1;
    }

    /**
     * Deletes machines that missed heartbeats for {@code intervals} whole intervals of their
     * license's policy. Licenses without a stored policy use the defaults, which need no heartbeat.
     */
    int cullDead(long now, int intervals) {
        return jdbi.withHandle(h -> h.createUpdate("""
                DELETE FROM license_machines WHERE id IN (
                    SELECT m.id FROM license_machines m
                    JOIN licenses l ON l.id = m.license_id
                    JOIN license_policies p ON p.plan_id = l.plan_id
                    WHERE p.heartbeat_seconds IS NOT NULL AND m.last_heartbeat_at < :now - p.heartbeat_seconds * 1000 * :intervals)""")
                .bind("now", now).bind("intervals", intervals).execute());
    }

    private static Machine map(ResultSet rs, StatementContext ctx) throws SQLException {
        int cores = rs.getInt(7);
        Integer c = rs.wasNull() ? null : cores;
        return new Machine(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), c,
                rs.getLong(8), rs.getLong(9));
    }
}
