package com.mintreu.engine.metering;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * SQL for usage events and their rollups. Events go in with {@code ON CONFLICT DO NOTHING} on
 * (seller, event id), so a replay or a racing copy inserts nothing and is told apart by its update
 * count; only inserted events are added to the rollups, in the same transaction.
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

    /** Inserts {@code rows} (callers sort them by event id, so racing batches lock in one order); for each, whether it was new. */
    boolean[] insertEvents(Handle h, String sellerId, List<Row> rows, long receivedAt) {
        PreparedBatch batch = h.prepareBatch("INSERT INTO usage_events (seller_id, event_id, key_id, entitlement_id, units, occurred_at, received_at) "
                + "VALUES (:seller, :eventId, :keyId, :entitlementId, :units, :occurredAt, :receivedAt) ON CONFLICT (seller_id, event_id) DO NOTHING");
        for (Row r : rows) {
            batch.bind("seller", sellerId).bind("eventId", r.eventId()).bind("keyId", r.keyId()).bind("entitlementId", r.entitlementId())
                    .bind("units", r.units()).bind("occurredAt", r.occurredAt()).bind("receivedAt", receivedAt).add();
        }
        int[] counts = batch.execute();
        boolean[] inserted = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) {
                // a driver that batches without counts would make duplicates undetectable: refuse to guess
                throw new IllegalStateException("the JDBC driver did not report an update count for a usage event");
            }
            inserted[i] = counts[i] == 1;
        }
        return inserted;
    }

    /** Adds {@code sums} to their buckets, in the buckets' order (so racing writers lock rows in one order). */
    void addToRollups(Handle h, SortedMap<Bucket, Sum> sums) {
        if (sums.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("INSERT INTO usage_rollups (key_id, grain, bucket_start, entitlement_id, units, events) "
                + "VALUES (:keyId, :grain, :start, :entitlementId, :units, :events) ON CONFLICT (key_id, grain, bucket_start) "
                + "DO UPDATE SET units = usage_rollups.units + excluded.units, events = usage_rollups.events + excluded.events");
        for (Map.Entry<Bucket, Sum> e : sums.entrySet()) {
            batch.bind("keyId", e.getKey().keyId()).bind("grain", e.getKey().grain()).bind("start", e.getKey().start())
                    .bind("entitlementId", e.getValue().entitlementId()).bind("units", e.getValue().units()).bind("events", e.getValue().events()).add();
        }
        batch.execute();
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
