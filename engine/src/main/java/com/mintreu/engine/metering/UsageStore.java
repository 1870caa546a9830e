package com.mintreu.engine.metering;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

/**
 * SQL for usage events and their rollups. Events go in with {@code ON CONFLICT DO NOTHING} on
 * (seller, event id), so a replay or a racing copy inserts nothing and is told apart by the ids the
 * insert returns; only inserted events are added to the rollups, in the same transaction.
 */
@Singleton
final class UsageStore {

    /** One accepted event, its key resolved. */
    record Row(String eventId, String keyId, String entitlementId, long units, long occurredAt) {}

    /** A rollup cell: a key's units in one minute or one billing period. */
    record Bucket(String keyId, String grain, long start) implements Comparable<Bucket> {

        @Override
        public int compareTo(Bucket o) {
            int c = keyId.compareTo(o.keyId);
            c = c != 0 ? c : grain.compareTo(o.grain);
            return c != 0 ? c : Long.compare(start, o.start);
        }
    }

    /** What to add to one bucket. */
    record Sum(String entitlementId, long units, long events) {

        Sum plus(long moreUnits) {
            return new Sum(entitlementId, units + moreUnits, events + 1);
        }
    }

    /** A total of one grain's bucket. */
    record Total(String keyId, String grain, long start, long units, long events) {}

    private final Jdbi jdbi;

    @Inject
    UsageStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Rows per statement: 7 values each stays far below SQLite's 32,766 and PostgreSQL's 65,535 bound values. */
    private static final int ROWS_PER_STATEMENT = 500;

    /** The {@code VALUES} list of a multi-row statement: {@code (:p0_0, :p0_1, ...), (:p1_0, ...)}, names only; values are bound. */
    private static String placeholders(int rows, int columns) {
        StringBuilder sql = new StringBuilder();
        for (int r = 0; r < rows; r++) {
            sql.append(r == 0 ? "(" : ", (");
            for (int c = 0; c < columns; c++) {
                sql.append(c == 0 ? ":p" : ", :p").append(r).append('_').append(c);
            }
            sql.append(')');
        }
        return sql.toString();
    }

    /**
     * Inserts {@code rows} (callers sort them by event id, so racing batches lock in one order); for
     * each, whether it was new. One multi-row statement per {@value #ROWS_PER_STATEMENT} rows whose
     * {@code RETURNING} names the rows it inserted: a round trip per chunk instead of per event. A
     * repeated id within the batch counts once, at its first row (the later rows conflict with it).
     */
    boolean[] insertEvents(Handle h, String sellerId, List<Row> rows, long receivedAt) {
        boolean[] inserted = new boolean[rows.size()];
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
            Query insert = h.createQuery("INSERT INTO usage_events (seller_id, event_id, key_id, entitlement_id, units, occurred_at, received_at) "
                    + "VALUES <rows> ON CONFLICT (seller_id, event_id) DO NOTHING RETURNING event_id").define("rows", placeholders(chunk.size(), 7));
            for (int i = 0; i < chunk.size(); i++) {
                Row r = chunk.get(i);
                String p = "p" + i + "_";
                insert.bind(p + 0, sellerId).bind(p + 1, r.eventId()).bind(p + 2, r.keyId()).bind(p + 3, r.entitlementId())
                        .bind(p + 4, r.units()).bind(p + 5, r.occurredAt()).bind(p + 6, receivedAt);
            }
            Set<String> fresh = new HashSet<>(insert.mapTo(String.class).list());
            for (int i = 0; i < chunk.size(); i++) {
                inserted[from + i] = fresh.remove(chunk.get(i).eventId());
            }
        }
        return inserted;
    }

    /** Adds {@code sums} to their buckets, in the buckets' order (so racing writers lock rows in one order); one statement per chunk. */
    void addToRollups(Handle h, SortedMap<Bucket, Sum> sums) {
        List<Map.Entry<Bucket, Sum>> all = List.copyOf(sums.entrySet());
        for (int from = 0; from < all.size(); from += ROWS_PER_STATEMENT) {
            List<Map.Entry<Bucket, Sum>> chunk = all.subList(from, Math.min(all.size(), from + ROWS_PER_STATEMENT));
            Update upsert = h.createUpdate("INSERT INTO usage_rollups (key_id, grain, bucket_start, entitlement_id, units, events) VALUES <rows> "
                            + "ON CONFLICT (key_id, grain, bucket_start) "
                            + "DO UPDATE SET units = usage_rollups.units + excluded.units, events = usage_rollups.events + excluded.events")
                    .define("rows", placeholders(chunk.size(), 6));
            for (int i = 0; i < chunk.size(); i++) {
                Bucket b = chunk.get(i).getKey();
                Sum sum = chunk.get(i).getValue();
                String p = "p" + i + "_";
                upsert.bind(p + 0, b.keyId()).bind(p + 1, b.grain()).bind(p + 2, b.start()).bind(p + 3, sum.entitlementId())
                        .bind(p + 4, sum.units()).bind(p + 5, sum.events());
            }
            upsert.execute();
        }
    }

    /** The {@code grain} totals of the keys of one purchase from {@code from} (inclusive), oldest first. */
    List<Total> totals(String entitlementId, String grain, long from) {
        return jdbi.withHandle(h -> h.createQuery("SELECT key_id, grain, bucket_start, units, events FROM usage_rollups "
                        + "WHERE entitlement_id = :e AND grain = :grain AND bucket_start >= :from ORDER BY bucket_start, key_id")
                .bind("e", entitlementId).bind("grain", grain).bind("from", from)
                .map((rs, ctx) -> new Total(rs.getString("key_id"), rs.getString("grain"), rs.getLong("bucket_start"), rs.getLong("units"),
                        rs.getLong("events"))).list());
    }
}
