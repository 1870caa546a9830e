package com.mintreu.engine.metering;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes an upstream's answer stream when a read of it waited {@code idleMillis} for a byte: the JDK client's
 * request timeout ends once the headers arrived, so without this an upstream that stalls midway
 * through its body would hold the call's worker thread forever. One check every half idle period
 * per call on one shared daemon thread; a read made after the close fails, ending the copy.
 */
final class IdleWatch implements AutoCloseable {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gateway-idle-watch");
        t.setDaemon(true);
        return t;
    });

    private final Closeable stream;
    private final long idleNanos;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean tripped;
    private volatile boolean reading;
    private final ScheduledFuture<?> check;

    IdleWatch(Closeable stream, long idleMillis) {
        this.stream = stream;
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleMillis);
        long period = Math.max(10, idleMillis / 2);
        this.check = TIMER.scheduleAtFixedRate(this::checkIdle, period, period, TimeUnit.MILLISECONDS);
    }

    /** A read of the upstream starts: the idle clock runs until {@link #readDone()} (time spent writing to a slow client does not count). */
    void reading() {
        lastProgress = System.nanoTime();
        reading = true;
    }

    void readDone() {
        reading = false;
    }

    /** Whether the stream was closed for idling. */
    boolean tripped() {
        return tripped;
    }

    private void checkIdle() {
        if (reading && System.nanoTime() - lastProgress > idleNanos) {
            tripped = true;
            check.cancel(false);
            try {
                stream.close();
            } catch (IOException | RuntimeException ignored) {
                // closing is the point; a failure to close leaves the read to fail on its own
            }
        }
    }

    @Override
    public void close() {
        check.cancel(false);
    }
}
