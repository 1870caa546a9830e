package com.mintreu.engine.metering;

import com.mintreu.engine.config.ApiKeysConfig;
import com.mintreu.engine.db.Tx;
import com.mintreu.engine.security.Tokens;
import com.mintreu.engine.web.ApiException.FieldError;
import com.mintreu.engine.web.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Records a seller's batch of usage events: all or nothing. Every key must be one of the seller's
 * (another seller's key is KEY_NOT_FOUND, like an unknown one) before anything is written; then the
 * events and their rollups are written in one transaction, committed before the answer, so an
 * acknowledged event is durable. Replays and racing copies of an event add nothing (the unique
 * (seller, event id)); events are inserted in event-id order and rollups in bucket order, so racing
 * batches on PostgreSQL take row locks in one order and cannot deadlock.
 */
@Singleton
final class UsageIngest {

    static final String MINUTE = "minute";
    static final String MONTH = "month";

    /** The answer: events recorded now, and events already recorded (by an earlier or racing batch, or earlier in this one). */
    record Result(int accepted, int duplicates) {}

    private final ApiKeyStore keys;
    private final UsageStore store;
    private final Tx tx;
    private final Clock clock;
    private final ApiKeysConfig config;

    @Inject
    UsageIngest(ApiKeyStore keys, UsageStore store, Tx tx, Clock clock, ApiKeysConfig config) {
        this.keys = keys;
        this.store = store;
        this.tx = tx;
        this.clock = clock;
        this.config = config;
    }

    long windowMs() {
        return config.usageDedupWindow().toMillis();
    }

    long now() {
        return clock.millis();
    }

    /** Records {@code events} (checked by {@link UsageBatch#parse}), or throws 422 USAGE_EVENTS_INVALID naming keys that are not the seller's. */
    Result ingest(Principal seller, List<UsageBatch.Event> events) {
        long now = clock.millis();
        Map<String, Optional<ApiKey>> byKey = new HashMap<>();
        List<FieldError> errors = new ArrayList<>();
        List<UsageStore.Row> rows = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            UsageBatch.Event e = events.get(i);
            Optional<ApiKey> key = byKey.computeIfAbsent(e.key(),
                    k -> keys.byHash(Tokens.sha256(k)).filter(found -> found.sellerId().equals(seller.userId())));
            if (key.isEmpty()) {
                errors.add(new FieldError("events[" + i + "].key", "no API key of your products", "KEY_NOT_FOUND"));
            } else {
                rows.add(new UsageStore.Row(e.eventId(), key.get().id(), key.get().entitlementId(), e.units(), e.at() == null ? now : e.at()));
            }
        }
        UsageBatch.refuseIf(errors, events.size());
        int accepted = write(seller.userId(), rows, now);
        return new Result(accepted, events.size() - accepted);
    }

    /**
     * Writes one seller's usage rows and their rollups in one transaction; returns how many were new.
     * Events go in event-id order and rollups in bucket order, so racing writers on PostgreSQL take row
     * locks in one order.
     */
    int write(String sellerId, List<UsageStore.Row> rows, long now) {
        List<UsageStore.Row> ordered = rows.stream().sorted(Comparator.comparing(UsageStore.Row::eventId)).toList();
        return tx.inTransaction(h -> {
            boolean[] inserted = store.insertEvents(h, sellerId, ordered, now);
            TreeMap<UsageStore.Bucket, UsageStore.Sum> sums = new TreeMap<>();
            int n = 0;
            for (int i = 0; i < inserted.length; i++) {
                if (inserted[i]) {
                    UsageStore.Row r = ordered.get(i);
                    add(sums, new UsageStore.Bucket(r.keyId(), MINUTE, minuteOf(r.occurredAt())), r);
                    add(sums, new UsageStore.Bucket(r.keyId(), MONTH, monthOf(r.occurredAt())), r);
                    n++;
                }
            }
            store.addToRollups(h, sums);
            return n;
        });
    }

    private static void add(TreeMap<UsageStore.Bucket, UsageStore.Sum> sums, UsageStore.Bucket b, UsageStore.Row r) {
        sums.merge(b, new UsageStore.Sum(r.entitlementId(), r.units(), 1), (a, x) -> a.plus(r.units()));
    }

    static long minuteOf(long millis) {
        return Math.floorDiv(millis, 60_000L) * 60_000L;
    }

    /** The billing period: the UTC calendar month, as the meter's monthly quota counts it. */
    static long monthOf(long millis) {
        return Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).withDayOfMonth(1).toLocalDate().atStartOfDay(ZoneOffset.UTC)
                .toInstant().toEpochMilli();
    }
}
