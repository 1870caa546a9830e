package com.mintreu.engine.metering;

import com.mintreu.engine.db.Ids;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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

    private static final Logger LOG = LoggerFactory.getLogger(GatewayUsage.class);

    private record Call(String sellerId, UsageStore.Row row) {}

    private final ConcurrentLinkedQueue<Call> pending = new ConcurrentLinkedQueue<>();
    private final UsageIngest ingest;
    private ScheduledExecutorService flusher;

    @Inject
    GatewayUsage(UsageIngest ingest) {
        this.ingest = ingest;
    }

    /** One admitted gateway call with {@code key} at {@code at}. */
    void record(ApiKey key, long at) {
        pending.add(new Call(key.sellerId(), new UsageStore.Row(Ids.next("gw"), key.id(), key.entitlementId(), 1, at)));
    }

    public synchronized void start() {
        if (flusher == null) {
            flusher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "mintreu-gateway-usage");
                t.setDaemon(true);
                return t;
            });
            long ms = FLUSH_EVERY.toMillis();
            flusher.scheduleWithFixedDelay(this::flush, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    /** Writes what is queued, one transaction per seller; what fails stays queued for the next flush. */
    public void flush() {
        Map<String, List<UsageStore.Row>> bySeller = new HashMap<>();
        for (Call c; (c = pending.poll()) != null;) {
            bySeller.computeIfAbsent(c.sellerId(), k -> new ArrayList<>()).add(c.row());
        }
        bySeller.forEach((seller, rows) -> {
            try {
                ingest.write(seller, rows, ingest.now());
            } catch (RuntimeException e) {
                rows.forEach(r -> pending.add(new Call(seller, r)));
                LOG.warn("could not record {} gateway call(s) as usage; retrying at the next flush: {}", rows.size(), e.toString());
            }
        });
    }

    /** Stops the flusher and writes what is left. */
    @Override
    public synchronized void close() {
        if (flusher != null) {
            flusher.shutdown();
            try {
                flusher.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            flusher = null;
        }
        flush();
    }
}
