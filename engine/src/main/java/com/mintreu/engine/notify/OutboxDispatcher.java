package com.mintreu.engine.notify;

import com.mintreu.api.event.DomainEvent;
import com.mintreu.api.event.EventSubscriber;
import com.mintreu.engine.config.OutboxConfig;
import com.mintreu.engine.plugin.PluginHost;
import com.mintreu.engine.web.Json;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers committed outbox rows to EVERY subscriber of their topic, each separately and at least
 * once, surviving restarts (the rows are the queue). A pass first fans new outbox rows out into one
 * delivery row per current subscriber, then delivers the due ones. A failure retries that one
 * delivery with exponential backoff; after {@code outbox.maxAttempts} it is dead until an admin
 * retries it. One subscriber failing never holds back another. Safe with several engine nodes on
 * one database: each delivery is claimed with a conditional UPDATE.
 *
 * <p>Subscribers: engine {@link OutboxConsumer}s (mail) and {@link EventSubscriber}s contributed
 * with Dagger, and every running plugin {@link EventSubscriber}, called through the plugin
 * dispatcher. A topic nobody subscribes to is fanned out to nobody.
 */
@Singleton
public final class OutboxDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final int BATCH = 50;

    private final OutboxStore store;
    private final Clock clock;
    private final OutboxConfig config;
    private final List<Subscriber> engineSubscribers;
    private final PluginHost plugins;
    private ScheduledExecutorService scheduler;

    @Inject
    OutboxDispatcher(OutboxStore store, Clock clock, OutboxConfig config, Set<OutboxConsumer> consumers, Set<EventSubscriber> subscribers,
            PluginHost plugins) {
        this.store = store;
        this.clock = clock;
        this.config = config;
        this.plugins = plugins;
        List<Subscriber> engine = new ArrayList<>();
        for (OutboxConsumer c : consumers) {
            engine.add(new Subscriber(c.id(), Set.of(c.topic()),
                    due -> c.deliver(new OutboxMessage(due.eventId(), due.topic(), Json.MAPPER.readTree(due.payload()), due.attempts() + 1))));
        }
        for (EventSubscriber s : subscribers) {
            engine.add(new Subscriber(s.id(), topics(s), due -> s.on(decode(due))));
        }
        Set<String> names = new HashSet<>();
        for (Subscriber s : engine) {
            if (s.name().contains(":") || !names.add(s.name())) {
                throw new IllegalStateException("outbox subscriber id '" + s.name() + "' is used twice or contains ':'; each needs its own");
            }
        }
        this.engineSubscribers = List.copyOf(engine);
    }

    private static Set<String> topics(EventSubscriber s) {
        return s.events().stream().map(EventCodec::typeName).collect(Collectors.toUnmodifiableSet());
    }

    private static DomainEvent decode(OutboxStore.Due due) throws IOException {
        return EventCodec.decode(due.eventId(), due.topic(), due.payload(), due.createdAt())
                .orElseThrow(() -> new IllegalStateException("topic " + due.topic() + " is no domain event"));
    }

    /** The engine's subscribers and the running plugins', by name; a plugin's is {@code <plugin-id>:<extension-id>}. */
    private Map<String, Subscriber> subscribers() {
        Map<String, Subscriber> all = new LinkedHashMap<>();
        engineSubscribers.forEach(s -> all.put(s.name(), s));
        for (EventSubscriber s : plugins.extensions(EventSubscriber.class)) {
            String pluginId = plugins.pluginIdOf(s).orElse(null);
            if (pluginId == null) {
                continue; // stopped meanwhile
            }
            Set<String> topics;
            try {
                topics = plugins.call(s, "events", x -> topics(x));
            } catch (RuntimeException e) {
                LOG.warn("plugin subscriber {}:{} could not say which events it wants: {}", pluginId, s.id(), e.getMessage());
                continue;
            }
            all.put(pluginId + ":" + s.id(), new Subscriber(pluginId + ":" + s.id(), topics, due -> {
                DomainEvent event = decode(due);
                plugins.call(s, "on " + event.type(), x -> {
                    x.on(event);
                    return null;
                });
            }));
        }
        return all;
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

    /** One pass: fans out new rows, then delivers every due delivery this node can claim. Returns how many were delivered. */
    public int deliverDue() {
        Map<String, Subscriber> subscribers = subscribers();
        fanOut(subscribers);
        int delivered = 0;
        for (OutboxStore.Due due : store.due(clock.millis(), subscribers.keySet(), BATCH)) {
            Subscriber subscriber = subscribers.get(due.subscriber());
            if (!store.claim(due, clock.millis() + config.lease().toMillis())) {
                continue;
            }
            int attempt = due.attempts() + 1;
            try {
                subscriber.delivery().deliver(due);
                store.delivered(due, clock.millis());
                delivered++;
            } catch (Exception e) {
                boolean dead = attempt >= config.maxAttempts();
                long wait = Math.min(config.retryMax().toMillis(), config.retryBase().toMillis() << Math.min(attempt - 1, 20));
                String error = e.getClass().getSimpleName() + ": " + e.getMessage();
                store.failed(due, clock.millis() + wait, error.length() > 500 ? error.substring(0, 500) : error, dead);
                if (dead) {
                    LOG.error("outbox {} ({}) to {}: attempt {} failed, the delivery is dead until an admin retries it: {}", due.eventId(),
                            due.topic(), due.subscriber(), attempt, error);
                } else {
                    LOG.warn("outbox {} ({}) to {}: attempt {} failed, retrying in {} s: {}", due.eventId(), due.topic(), due.subscriber(),
                            attempt, wait / 1000, error);
                }
            }
        }
        return delivered;
    }

    private void fanOut(Map<String, Subscriber> subscribers) {
        long now = clock.millis();
        for (OutboxStore.Message m : store.notFannedOut(BATCH * 4)) {
            List<String> to = subscribers.values().stream().filter(s -> s.topics().contains(m.topic())).map(Subscriber::name).toList();
            store.fanOut(m, to, now);
        }
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
