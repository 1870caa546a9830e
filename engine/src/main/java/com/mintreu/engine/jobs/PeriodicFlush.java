package com.mintreu.engine.jobs;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a flush on its own daemon thread at a fixed delay, and once more when closed: for what is kept
 * in memory and written in batches (validation counts, the gateway's usage). Not a {@link JobScheduler}
 * job: it runs on every node, every second, and writes only what this node holds.
 */
public final class PeriodicFlush implements AutoCloseable {

    private final String threadName;
    private final Duration every;
    private final Runnable flush;
    private ScheduledExecutorService executor;

    public PeriodicFlush(String threadName, Duration every, Runnable flush) {
        this.threadName = threadName;
        this.every = every;
        this.flush = flush;
    }

    public synchronized void start() {
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, threadName);
                t.setDaemon(true);
                return t;
            });
            long ms = every.toMillis();
            executor.scheduleWithFixedDelay(flush, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops the thread (a flush under way may finish, for up to 5 s) and flushes what is left. */
    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
        flush.run();
    }
}
