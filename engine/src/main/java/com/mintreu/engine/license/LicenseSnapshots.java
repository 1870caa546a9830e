package com.mintreu.engine.license;

import com.mintreu.engine.catalog.Release;
import com.mintreu.engine.hotpath.HotCache;
import com.mintreu.engine.hotpath.HotChanges;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * What validating a license key reads, kept in this node's memory per key: the license, its policy,
 * its machines and its seats, so a warm validation touches no database (see hotpath/README.md).
 * A snapshot is dropped when its license, machines, seats, plan's policy or product's releases
 * change on any node ({@link HotChanges}), and after {@link #TTL} at the latest. Only reads are
 * served from it: activation, heartbeats, check-in and seats go to the database, which triggers
 * the drop.
 */
@Singleton
final class LicenseSnapshots {

    static final Duration TTL = Duration.ofSeconds(30);
    /** About 2 KB a snapshot with a few machines: 10,000 stay near 20 MB. */
    static final int MAX_ENTRIES = 10_000;
    /** A license with more seats is validated from the database (its seats are counted there). */
    static final int MAX_SEATS_KEPT = 1_000;
    private static final int MAX_VERSIONS_KEPT = 32;

    /** One license as validation sees it; {@code seatKeys} are the seats' case-insensitive names. */
    record Snapshot(License license, Policy policy, List<Machine> machines, Set<String> seatKeys,
            ConcurrentHashMap<String, Optional<Release>> releases) {

        Snapshot(License license, Policy policy, List<Machine> machines, Set<String> seatKeys) {
            this(license, policy, List.copyOf(machines), Set.copyOf(seatKeys), new ConcurrentHashMap<>());
        }

        Seat.Tally tally(String user) {
            return new Seat.Tally(seatKeys.size(), user != null && seatKeys.contains(Seat.keyOf(user)));
        }

        /** A release of the license's product by version, looked up once per snapshot. */
        Optional<Release> release(String version, Function<String, Optional<Release>> load) {
            Optional<Release> known = releases.get(version);
            if (known != null) {
                return known;
            }
            Optional<Release> loaded = load.apply(version);
            if (releases.size() < MAX_VERSIONS_KEPT) {
                releases.put(version, loaded);
            }
            return loaded;
        }
    }

    private final HotCache<String, Snapshot> cache;

    @Inject
    LicenseSnapshots(HotChanges changes) {
        this.cache = new HotCache<>(changes, MAX_ENTRIES, TTL, (s, changed) -> changed.has("license", s.license().id())
                || changed.has("plan", s.license().planId()) || changed.has("product", s.license().productId()));
    }

    Snapshot get(String key) {
        return cache.get(key);
    }

    long epoch() {
        return cache.epoch();
    }

    /** Keeps what a validation loaded since {@code epoch}, if it may serve the next ones. */
    void keep(String key, Snapshot s, long epoch) {
        // before its first validation is recorded, a validation must write (it may start the expiry)
        if (s.license().firstValidatedAt() != null) {
            cache.put(key, s, epoch);
        }
    }
}
