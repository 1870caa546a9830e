package com.mintreu.engine.metering;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * Reported usage over time, read from the rollups: per day (from the minute rollups; the last 30
 * UTC days) or per month (the month rollups; the last 12 UTC months), for one purchase (the
 * customer's view) or for a seller's products by product and customer.
 */
@Singleton
final class UsageReports {

    private static final long DAY_MS = 86_400_000L;

    /** What a chart's bars are. */
    enum Range {
        DAY("day", 30), MONTH("month", 12);

        final String id;
        final int buckets;

        Range(String id, int buckets) {
            this.id = id;
            this.buckets = buckets;
        }

        static Optional<Range> parse(String raw) {
            for (Range r : values()) {
                if (r.id.equals(raw)) {
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        }

        /** The first instant of each bucket, oldest first, ending with the one holding {@code now}. */
        List<Long> starts(long now) {
            List<Long> out = new ArrayList<>(buckets);
            LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(now), ZoneOffset.UTC);
            for (int i = buckets - 1; i >= 0; i--) {
                LocalDate d = this == DAY ? today.minusDays(i) : today.withDayOfMonth(1).minusMonths(i);
                out.add(d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
            }
            return out;
        }

        /** How a bucket is named in tables and CSV: 2026-12-04 or 2026-12. */
        String label(long start) {
            String day = LocalDate.ofInstant(Instant.ofEpochMilli(start), ZoneOffset.UTC).toString();
            return this == DAY ? day : day.substring(0, 7);
        }

        /** The shorter name under a bar: 12-04 (a day) or 2026-12 (a month). */
        String shortLabel(long start) {
            return this == DAY ? label(start).substring(5) : label(start);
        }
    }

    /** Units in one bucket. */
    record Point(long start, long units) {}

    /** A seller's units in one bucket for one product and customer. */
    record SellerRow(long start, String productId, String customerId, long units) {}

    private final Jdbi jdbi;

    @Inject
    UsageReports(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The purchase's units per bucket of {@code range} up to {@code now}, every bucket present (zero when nothing was reported). */
    List<Point> purchase(String entitlementId, Range range, long now) {
        List<Long> starts = range.starts(now);
        Map<Long, Long> units = new HashMap<>();
        jdbi.useHandle(h -> bucketed(h.createQuery("SELECT " + bucket(range) + " AS b, SUM(units) AS u FROM usage_rollups "
                        + "WHERE entitlement_id = :e AND grain = :grain AND bucket_start >= :from GROUP BY b"), range, starts.getFirst())
                .bind("e", entitlementId).map((rs, ctx) -> Map.entry(rs.getLong("b"), rs.getLong("u"))).forEach(e -> units.put(e.getKey(), e.getValue())));
        return starts.stream().map(s -> new Point(s, units.getOrDefault(s, 0L))).toList();
    }

    /** A seller's units per bucket, product and customer, oldest first; only rows with usage. {@code productId} null: all products. */
    List<SellerRow> seller(String sellerId, String productId, Range range, long now) {
        long from = range.starts(now).getFirst();
        return jdbi.withHandle(h -> {
            Query q = bucketed(h.createQuery("SELECT " + bucket(range).replace("bucket_start", "r.bucket_start") + " AS b, k.product_id, k.customer_id, "
                    + "SUM(r.units) AS u FROM usage_rollups r JOIN api_keys k ON k.id = r.key_id "
                    + "WHERE k.seller_id = :s AND r.grain = :grain AND r.bucket_start >= :from" + (productId == null ? "" : " AND k.product_id = :p")
                    + " GROUP BY b, k.product_id, k.customer_id ORDER BY b, k.product_id, k.customer_id"), range, from).bind("s", sellerId);
            if (productId != null) {
                q.bind("p", productId);
            }
            return q.map((rs, ctx) -> new SellerRow(rs.getLong("b"), rs.getString("product_id"), rs.getString("customer_id"), rs.getLong("u"))).list();
        });
    }

    /** Seller rows summed per bucket, every bucket present. */
    static List<Point> totals(List<SellerRow> rows, Range range, long now) {
        Map<Long, Long> sums = new HashMap<>();
        rows.forEach(r -> sums.merge(r.start(), r.units(), Long::sum));
        return range.starts(now).stream().map(s -> new Point(s, sums.getOrDefault(s, 0L))).toList();
    }

    /** Days come from the minute rollups (whole-number division is the same on SQLite and PostgreSQL for BIGINT); months are their own grain. */
    private static String bucket(Range range) {
        return range == Range.DAY ? "(bucket_start / " + DAY_MS + ") * " + DAY_MS : "bucket_start";
    }

    private static Query bucketed(Query q, Range range, long from) {
        return q.bind("grain", range == Range.DAY ? UsageIngest.MINUTE : UsageIngest.MONTH).bind("from", from);
    }
}
