package com.mintreu.engine.hotpath;

import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

/**
 * A bounded in-memory map of snapshots for one hot path, emptied of whatever {@link HotChanges}
 * reports changed. Reads are lock-free; a load is stored only if no change was applied while it ran
 * (the epoch), and storing and dropping take turns, so a load that read old rows can never outlive
 * the change that made them old. Entries also expire after {@code ttl}, the safety net for changes
 * the triggers do not see, and nothing is served while {@link HotChanges#fresh()} is false.
 *
 * @param <K> what a request names (a key, a key's hash)
 * @param <V> the snapshot
 */
public final class HotCache<K, V> {

    private record Entry<V>(V value, long loadedAt) {}

    private final HotChanges changes;
    private final int maxEntries;
    private final long ttlNanos;
    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();

    /**
     * @param stale whether a snapshot depends on one of a batch's changes, given the batch's refs per kind
     */
    public HotCache(HotChanges changes, int maxEntries, Duration ttl, BiPredicate<V, Changed> stale) {
        this.changes = changes;
        this.maxEntries = maxEntries;
        this.ttlNanos = ttl.toNanos();
        changes.listen(batch -> drop(new Changed(batch), stale));
    }

    /** The refs of one batch of changes, by kind. */
    public static final class Changed {
        private final java.util.Map<String, Set<String>> byKind = new java.util.HashMap<>();

        Changed(Collection<HotChanges.Change> batch) {
            for (HotChanges.Change c : batch) {
                byKind.computeIfAbsent(c.kind(), k -> new java.util.HashSet<>()).add(c.ref());
            }
        }

        public boolean has(String kind, String ref) {
            Set<String> refs = byKind.get(kind);
            return refs != null && ref != null && refs.contains(ref);
        }
    }

    /** The snapshot for {@code key}, or null: missing, too old, or the change feed is not fresh. */
    public V get(K key) {
        if (!changes.fresh()) {
            return null;
        }
        Entry<V> e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (System.nanoTime() - e.loadedAt >= ttlNanos) {
            entries.remove(key, e);
            return null;
        }
        return e.value;
    }

    /** The epoch to read before loading what {@link #put} will store. */
    public long epoch() {
        return changes.epoch();
    }

    /** Stores a snapshot loaded since {@code epoch}; dropped silently when a change was applied meanwhile. */
    public synchronized void put(K key, V value, long epoch) {
        if (changes.epoch() != epoch || !changes.fresh()) {
            return;
        }
        if (entries.size() >= maxEntries) {
            evictSome();
        }
        entries.put(key, new Entry<>(value, System.nanoTime()));
    }

    /** Loads through {@code load} on a miss and stores the result when it is not null. */
    public V get(K key, Supplier<V> load) {
        V v = get(key);
        if (v != null) {
            return v;
        }
        long e = epoch();
        v = load.get();
        if (v != null) {
            put(key, v, e);
        }
        return v;
    }

    public int size() {
        return entries.size();
    }

    private synchronized void drop(Changed changed, BiPredicate<V, Changed> stale) {
        entries.values().removeIf(e -> stale.test(e.value, changed));
    }

    /** Frees a tenth of the map (arbitrary entries: warm ones come back after one load). */
    private void evictSome() {
        int n = Math.max(1, maxEntries / 10);
        for (Iterator<K> it = entries.keySet().iterator(); it.hasNext() && n > 0; n--) {
            it.next();
            it.remove();
        }
    }
}
