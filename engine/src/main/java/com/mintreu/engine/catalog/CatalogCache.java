package com.mintreu.engine.catalog;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Catalog reads kept in this node's memory, kept correct across nodes by one number: every
 * catalog write increments {@code catalog_generation} in its own transaction ({@link #changed}).
 * An entry remembers the generation it was loaded under and is used only while that is still the
 * generation this node knows. The node learns a new generation at once after its own writes
 * (after commit) and otherwise by reading the row at most every {@link #CHECK_EVERY_MS} ms, so a
 * warm page reads no more than that one row a few times a second; other nodes see an edit within
 * that interval. Entries also expire after {@link #MAX_AGE_MS} ms, the safety net for data the
 * catalog shows but does not own (a seller's display name, the started product types).
 *
 * <p>An entry is tagged with the generation read <em>before</em> loading it, so a write that
 * commits while it loads makes it a miss rather than a stale hit.
 */
@Singleton
final class CatalogCache {

    static final long CHECK_EVERY_MS = 200;
    static final long MAX_AGE_MS = 30_000;
    /**
     * Beyond this many entries the cache starts over: search texts are unbounded, memory is not. A
     * listing page of 24 cards holds about 12 KB, so a full map stays near 12 MB of the launcher's
     * 96 MB heap (bench/README.md); the pages people actually visit are far fewer.
     */
    static final int MAX_ENTRIES = 1_024;

    private record Entry(long generation, long loadedAt, Object value) {}

    private final Jdbi jdbi;
    private final ConcurrentHashMap<Object, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong(-1);
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile long checkedAt;

    @Inject
    CatalogCache(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The cached value for {@code key}, loaded with {@code load} when missing, stale or too old. */
    @SuppressWarnings("unchecked")
    <T> T get(Object key, Supplier<T> load) {
        long g = current();
        long now = System.nanoTime();
        Entry e = entries.get(key);
        if (e != null && e.generation == g && now - e.loadedAt < TimeUnit.MILLISECONDS.toNanos(MAX_AGE_MS)) {
            return (T) e.value;
        }
        T value = load.get();
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key, new Entry(g, now, value));
        return value;
    }

    /** Marks the catalog changed in {@code h}'s transaction; this node sees it as soon as that commits. */
    void changed(Handle h) {
        h.createUpdate("UPDATE catalog_generation SET value = value + 1 WHERE id = 1").execute();
        h.afterCommit(() -> learn(read(h)));
    }

    private long current() {
        long now = System.nanoTime();
        if ((generation.get() < 0 || now - checkedAt >= TimeUnit.MILLISECONDS.toNanos(CHECK_EVERY_MS))
                && checking.compareAndSet(false, true)) {
            try {
                learn(jdbi.withHandle(CatalogCache::read));
                checkedAt = now;
            } finally {
                checking.set(false);
            }
        }
        return generation.get();
    }

    /** Generations only grow: a slow check that read an older number must not take a newer one back. */
    private void learn(long seen) {
        long before = generation.getAndAccumulate(seen, Math::max);
        if (seen > before && before >= 0) {
            entries.clear();
        }
    }

    private static long read(Handle h) {
        return h.createQuery("SELECT value FROM catalog_generation WHERE id = 1").mapTo(Long.class).one();
    }
}
