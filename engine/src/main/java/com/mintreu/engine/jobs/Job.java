package com.mintreu.engine.jobs;

import java.time.Duration;

/**
 * Work that runs on a schedule, once per interval across every engine node sharing the database.
 * Contributed with Dagger {@code @IntoSet}. A run that throws is logged and retried next interval.
 */
public interface Job {

    /** Stable name, also the lease row's key. */
    String name();

    Duration interval();

    void run() throws Exception;
}
