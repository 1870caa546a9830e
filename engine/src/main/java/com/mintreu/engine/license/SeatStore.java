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

/** SQL for license seats ({@code license_users}). User keys are lower-cased by the caller ({@link Seat#keyOf}). */
@Singleton
final class SeatStore {

    private static final String COLUMNS = "id, license_id, user_name, created_at";

    private final Jdbi jdbi;

    @Inject
    SeatStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    List<Seat> forLicense(String licenseId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM license_users WHERE license_id = :l ORDER BY created_at, id")
                .bind("l", licenseId).map(SeatStore::map).list());
    }

    /** The case-insensitive identities of a license's seats, for the validation snapshot ({@link LicenseSnapshots}). */
    java.util.Set<String> userKeys(String licenseId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT user_key FROM license_users WHERE license_id = :l")
                .bind("l", licenseId).mapTo(String.class).set());
    }

    /** The seat count and whether {@code userKey} (null: nobody) holds one, in one query. */
    Seat.Tally tally(String licenseId, String userKey) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT COUNT(*), COALESCE(SUM(CASE WHEN user_key = :k THEN 1 ELSE 0 END), 0) FROM license_users WHERE license_id = :l""")
                .bind("l", licenseId).bind("k", userKey).map((rs, ctx) -> new Seat.Tally(rs.getInt(1), rs.getInt(2) > 0)).one());
    }

    int count(String licenseId) {
        return jdbi.withHandle(h -> count(h, licenseId));
    }

    int count(Handle h, String licenseId) {
        return h.createQuery("SELECT COUNT(*) FROM license_users WHERE license_id = :l").bind("l", licenseId).mapTo(Integer.class).one();
    }

    Optional<Seat> byKey(Handle h, String licenseId, String userKey) {
        return h.createQuery("SELECT " + COLUMNS + " FROM license_users WHERE license_id = :l AND user_key = :k")
                .bind("l", licenseId).bind("k", userKey).map(SeatStore::map).findOne();
    }

    void insert(Handle h, Seat s) {
        h.createUpdate("INSERT INTO license_users (id, license_id, user_name, user_key, created_at) VALUES (:id, :l, :name, :key, :now)")
                .bind("id", s.id()).bind("l", s.licenseId()).bind("name", s.user()).bind("key", Seat.keyOf(s.user()))
                .bind("now", s.createdAt()).execute();
    }

    boolean deleteByKey(String licenseId, String userKey) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM license_users WHERE license_id = :l AND user_key = :k")
                .bind("l", licenseId).bind("k", userKey).execute()) == 1;
    }

    boolean deleteById(String licenseId, String seatId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM license_users WHERE license_id = :l AND id = :id")
                .bind("l", licenseId).bind("id", seatId).execute()) == 1;
    }

    private static Seat map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Seat(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4));
    }
}
