package com.mintreu.engine.hotpath;

import com.mintreu.engine.db.Database;
import com.mintreu.engine.db.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleListener;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells this node's hot-path snapshots ({@link HotCache}) what changed anywhere. Database triggers
 * (V58) append a row to {@code hot_changes} for every change of a license, machine, seat, policy,
 * release, entitlement, API key, API token or user, in the changing transaction; this class reads
 * the rows after the last one it saw every {@link #POLL_EVERY_MS} ms on a background thread, and at
 * once when a thread of this node that wrote one of those tables closes its last handle (so the
 * writing node reads its own writes). Request threads never poll: a warm answer touches no database.
 *
 * <p>Bounds: another node's change is seen within one poll interval plus the poll's own time. When
 * polls fail or stall, {@link #fresh()} turns false after {@link #STALE_AFTER_MS} ms and caches stop
 * serving, so a database outage cannot stretch the bound. PostgreSQL may commit a lower sequence
 * after a higher one; the last {@link #PG_LOOKBACK} sequences are read again to catch those.
 */
@Singleton
public final class HotChanges implements AutoCloseable {

    public static final long POLL_EVERY_MS = 200;
    public static final long STALE_AFTER_MS = 2_000;
    static final int PG_LOOKBACK = 1_000;
    static final long KEEP_MS = 600_000;
    private static final long PRUNE_EVERY_MS = 60_000;
    private static final int MAX_ROWS = 10_000;
    private static final Pattern HOT_WRITE = Pattern.compile(
            "(?is)^\\s*(insert|update|delete)\\b.*\\b(licenses|license_machines|license_users|license_policies|releases|entitlements"
                    + "|api_keys|api_tokens|users|user_roles)\\b.*");
    private static final Logger LOG = LoggerFactory.getLogger(HotChanges.class);
    /** Bench only (bench/hotpath.sh's "snapshots off" rows): {@code -Dmintreu.bench.off=hotpath} serves every read from the database. */
    private static final boolean BENCH_OFF = java.util.Arrays.stream(System.getProperty("mintreu.bench.off", "").split(","))
            .anyMatch(p -> p.strip().equals("hotpath"));

    /** One changed subject: {@code kind} is license, plan, product, entitlement, api_key, token or user. */
    public record Change(String kind, String ref) {}

    private final Jdbi jdbi;
    private final Dialect dialect;
    private final List<Consumer<List<Change>>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong epoch = new AtomicLong();
    /**
     * Per thread: handles open, and whether one of them wrote a watched table. When the last one
     * closes (its transaction is over), the thread polls, so this node reads its own writes.
     */
    private final ThreadLocal<int[]> local = ThreadLocal.withInitial(() -> new int[2]);
    private final Map<String, Boolean> hotSql = new ConcurrentHashMap<>();
    private final TreeSet<Long> seen = new TreeSet<>();
    private long maxSeen = -1;
    private long prunedAt;
    private volatile long polledAt;
    private volatile boolean polledOnce;
    private ScheduledExecutorService poller;

    @Inject
    public HotChanges(Database database) {
        this.jdbi = database.jdbi();
        this.dialect = database.dialect();
    }

    /** Called with every batch of changes this node learns, after {@link #epoch()} moved. */
    public void listen(Consumer<List<Change>> listener) {
        listeners.add(listener);
    }

    /** Moves whenever changes are applied; a cache stores a load only if the epoch did not move during it. */
    public long epoch() {
        return epoch.get();
    }

    /** True while the last successful poll began less than {@link #STALE_AFTER_MS} ms ago. */
    public boolean fresh() {
        return !BENCH_OFF && polledOnce && System.nanoTime() - polledAt < TimeUnit.MILLISECONDS.toNanos(STALE_AFTER_MS);
    }

    /** Hooks into Jdbi (own-write detection) and starts the poller; caches serve nothing before this. */
    public synchronized void start() {
        if (poller != null) {
            return;
        }
        jdbi.getConfig(SqlStatements.class).setSqlLogger(new WriteSpotter());
        jdbi.getConfig(org.jdbi.v3.core.Handles.class).addListener(new HandleListener() {
            @Override
            public void handleCreated(Handle h) {
                local.get()[0]++;
            }

            @Override
            public void handleClosed(Handle h) {
                int[] state = local.get();
                state[0] = Math.max(0, state[0] - 1);
                if (state[0] == 0 && state[1] == 1) {
                    state[1] = 0;
                    pollQuietly();
                }
            }
        });
        pollQuietly();
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mintreu-hot-changes");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::pollQuietly, POLL_EVERY_MS, POLL_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.warn("could not read hot_changes (snapshots stop serving after {} ms): {}", STALE_AFTER_MS, e.toString());
        }
    }

    /** Reads new change rows and applies them; synchronized so batches apply in order. */
    synchronized void poll() {
        long started = System.nanoTime();
        List<Change> batch = new ArrayList<>();
        // open(), not useHandle(): called while a handle closes, whose thread may still have it bound
        try (Handle h = jdbi.open()) {
            read(h, started, batch);
        }
        if (!batch.isEmpty()) {
            epoch.incrementAndGet();
            List<Change> changes = List.copyOf(batch);
            listeners.forEach(l -> l.accept(changes));
        }
        polledAt = started;
        polledOnce = true;
    }

    private void read(Handle h, long started, List<Change> batch) {
        if (maxSeen < 0) {
            maxSeen = h.createQuery("SELECT COALESCE(MAX(seq), 0) FROM hot_changes").mapTo(Long.class).one();
            return;
        }
        long floor = dialect == Dialect.POSTGRESQL ? Math.max(0, maxSeen - PG_LOOKBACK) : maxSeen;
        h.createQuery("SELECT seq, kind, ref FROM hot_changes WHERE seq > :floor ORDER BY seq LIMIT " + MAX_ROWS)
                .bind("floor", floor)
                .map((rs, ctx) -> {
                    long seq = rs.getLong(1);
                    if (seq > maxSeen || !seen.contains(seq)) {
                        batch.add(new Change(rs.getString(2), rs.getString(3)));
                        seen.add(seq);
                        maxSeen = Math.max(maxSeen, seq);
                    }
                    return seq;
                }).list();
        seen.headSet(Math.max(0, maxSeen - PG_LOOKBACK), true).clear();
        if (started - prunedAt > TimeUnit.MILLISECONDS.toNanos(PRUNE_EVERY_MS)) {
            prunedAt = started;
            // database rows carry database time; wall time here, not the engine's (maybe simulated) clock
            h.createUpdate("DELETE FROM hot_changes WHERE at_ms < :cutoff").bind("cutoff", System.currentTimeMillis() - KEEP_MS).execute();
        }
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
            try {
                poller.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            poller = null;
        }
        polledOnce = false;
    }

    /** Marks the thread of any statement that wrote a watched table, so closing its handles polls at once. */
    private final class WriteSpotter implements SqlLogger {
        @Override
        public void logAfterExecution(StatementContext ctx) {
            String sql = ctx.getRawSql();
            if (sql == null || sql.contains("hot_changes")) {
                return;
            }
            Boolean hot = hotSql.get(sql);
            if (hot == null) {
                hot = HOT_WRITE.matcher(sql).matches();
                if (hotSql.size() < 10_000) {
                    hotSql.put(sql, hot);
                }
            }
            if (hot) {
                local.get()[1] = 1;
            }
        }
    }
}
