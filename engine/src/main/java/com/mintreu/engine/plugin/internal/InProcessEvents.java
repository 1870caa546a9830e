package com.mintreu.engine.plugin.internal;

import com.mintreu.api.event.Events;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine-wide in-process bus. Synchronous: a publish returns after every subscriber ran, and a
 * throwing subscriber is logged and skipped. Will be replaced by outbox delivery for domain events.
 */
public final class InProcessEvents implements Events {

    private static final Logger LOG = LoggerFactory.getLogger(InProcessEvents.class);

    private final Map<String, List<Consumer<Map<String, Object>>>> subscribers = new ConcurrentHashMap<>();

    @Override
    public void publish(String topic, Map<String, Object> payload) {
        Map<String, Object> copy = Map.copyOf(payload);
        for (Consumer<Map<String, Object>> consumer : subscribers.getOrDefault(topic, List.of())) {
            try {
                consumer.accept(copy);
            } catch (RuntimeException e) {
                LOG.warn("event subscriber of '{}' failed: {}", topic, e.getMessage(), e);
            }
        }
    }

    @Override
    public Subscription subscribe(String topic, Consumer<Map<String, Object>> consumer) {
        List<Consumer<Map<String, Object>>> list = subscribers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>());
        // a wrapper per subscription, so subscribing the same consumer twice gives two independent handles
        Consumer<Map<String, Object>> entry = consumer::accept;
        list.add(entry);
        return () -> list.remove(entry);
    }
}
