package com.mintreu.engine.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's clock: the real one, moved by {@link DemoHistory} while it books the shop's past
 * (sales weeks ago, a payout run after their hold) and put back to the real now before the demo
 * serves. Only {@code mintreu demo} uses it; {@code serve} runs on the system clock.
 */
public final class DemoClock extends Clock {

    private final Clock real;
    private final AtomicLong offsetMillis = new AtomicLong();

    public DemoClock(Clock real) {
        this.real = real;
    }

    /** Moves this clock by {@code by} (negative: into the past). */
    public void advance(Duration by) {
        offsetMillis.addAndGet(by.toMillis());
    }

    @Override
    public ZoneId getZone() {
        return real.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return real.getZone().equals(zone) ? this : Clock.offset(real.withZone(zone), Duration.ofMillis(offsetMillis.get()));
    }

    @Override
    public long millis() {
        return real.millis() + offsetMillis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }
}
