package com.mintreu.engine.metering;

import com.mintreu.engine.db.Ids;
import com.mintreu.engine.jobs.PeriodicFlush;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls the gateway passed on, recorded as usage: with the marketplace in front, it is the one
 * that counts, so each admitted call is one unit on the purchase's usage (the customer's and the
 * seller's charts, the CSV, and the overage billed at the period's end), as if the seller had
 * reported it. Calls are queued in memory and written in batches ({@link UsageIngest#write}) every
 * {@link #FLUSH_EVERY}: one transaction per seller and flush rather than a commit per call. A hard
 * kill may lose the last second of them; a clean shutdown flushes. Event ids are {@code gw_<ULID>}.
 */
@Singleton
public final class GatewayUsage implements AutoCloseable {

    static final Duration FLUSH_EVERY = Duration.ofSeconds(1);
    /**
     * Calls held while the database does not take them: about 15 MB. A database away for longer than a
     * couple of seconds also stops the gateway admitting calls (the key snapshots stop serving, see
     * hotpath/README.md), so only a flush failing on its own can reach this; beyond it calls are dropped
     * and counted in the log rather than the heap running out.
     */
    static final int MAX_PENDING = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(GatewayUsage.class);

    private record Call(String sellerId, UsageStore.Row row) {}

    private final ConcurrentLinkedQueue<Call> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final UsageIngest ingest;
    private final PeriodicFlush flusher = new PeriodicFlush("mintreu-gateway-usage", FLUSH_EVERY, this::flush);

    @Inject
    GatewayUsage(UsageIngest ingest) {
        this.ingest = ingest;
    }

    /** One admitted gateway call with {@code key} at {@code at}. */
    void record(ApiKey key, long at) {
        enqueue(new Call(key.sellerId(), new UsageStore.Row(Ids.next("gw"), key.id(), key.entitlementId(), 1, at)));
    }

    private void enqueue(Call c) {
        if (queued.incrementAndGet() > MAX_PENDING) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        pending.add(c);
    }

    public void start() {
        flusher.start();
    }

    /** Writes what is queued, one transaction per seller; what fails stays queued for the next flush. */
    public void flush() {
        Map<String, List<UsageStore.Row>> bySeller = new HashMap<>();
        for (Call c; (c = pending.poll()) != null;) {
            queued.decrementAndGet();
            bySeller.computeIfAbsent(c.sellerId(), k -> new ArrayList<>()).add(c.row());
        }
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            LOG.error("{} gateway call(s) were not recorded as usage: more than {} were waiting for the database", lost, MAX_PENDING);
        }
        bySeller.forEach((seller, rows) -> {
            try {
                ingest.write(seller, rows, ingest.now());
            } catch (RuntimeException e) {
                rows.forEach(r -> enqueue(new Call(seller, r)));
                LOG.warn("could not record {} gateway call(s) as usage; retrying at the next flush: {}", rows.size(), e.toString());
            }
        });
    }

    /** Stops the flusher and writes what is left. */
    @Override
    public void close() {
        flusher.close();
    }
}
