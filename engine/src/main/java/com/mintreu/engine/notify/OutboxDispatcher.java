package com.mintreu.engine.notify;

import com.mintreu.engine.config.OutboxConfig;
import com.mintreu.engine.web.Json;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers committed outbox rows to their consumers, at least once, surviving restarts (the rows
 * are the queue). Failures retry with exponential backoff; nothing is dropped. Safe with several
 * engine nodes on one database: each row is claimed with a conditional UPDATE.
 */
@Singleton
public final class OutboxDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final int BATCH = 50;

    private final OutboxStore store;
    private final Clock clock;
    private final OutboxConfig config;
    private final Map<String, OutboxConsumer> consumers;
    private ScheduledExecutorService scheduler;

    @Inject
    OutboxDispatcher(OutboxStore store, Clock clock, OutboxConfig config, Set<OutboxConsumer> consumers) {
        this.store = store;
        this.clock = clock;
        this.config = config;
        this.consumers = consumers.stream().collect(Collectors.toMap(OutboxConsumer::topic, Function.identity()));
    }

    public synchronized void start() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "mintreu-outbox"));
            long every = config.pollInterval().toMillis();
            scheduler.scheduleWithFixedDelay(this::runSafely, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private void runSafely() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            LOG.warn("outbox pass failed; retrying next pass: {}", e.toString());
        }
    }

    /** One pass: delivers every due message this node can claim. Returns how many were delivered. */
    public int deliverDue() {
        int delivered = 0;
        for (OutboxStore.Due due : store.due(clock.millis(), BATCH)) {
            OutboxConsumer consumer = consumers.get(due.topic());
            if (consumer == null) {
                continue; // a topic nobody consumes (yet): left for a node or version that does
            }
            if (!store.claim(due, clock.millis() + config.lease().toMillis())) {
                continue;
            }
            int attempt = due.attempts() + 1;
            try {
                consumer.deliver(new OutboxMessage(due.id(), due.topic(), Json.MAPPER.readTree(due.payload()), attempt));
                store.delivered(due.id(), clock.millis());
                delivered++;
            } catch (Exception e) {
                long wait = Math.min(config.retryMax().toMillis(), config.retryBase().toMillis() << Math.min(attempt - 1, 20));
                String error = e.getClass().getSimpleName() + ": " + e.getMessage();
                store.failed(due.id(), clock.millis() + wait, error.length() > 500 ? error.substring(0, 500) : error);
                LOG.warn("outbox {} ({}) attempt {} failed, retrying in {} s: {}", due.id(), due.topic(), attempt, wait / 1000, error);
            }
        }
        return delivered;
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                scheduler.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
    }
}
