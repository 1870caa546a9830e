package com.mintreu.api.event;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Publish and subscribe to named topics inside the engine process, e.g. {@code "order.paid"}.
 *
 * <p>Delivery is synchronous, in subscription order, and at most once: a subscriber that throws
 * is logged and does not affect the publisher or other subscribers. These events are not
 * persisted: subscribers must not rely on seeing every event across restarts. The engine's own
 * events ({@link DomainEvent}) come persistently, at least once, to an {@link EventSubscriber}.
 */
public interface Events {

    /**
     * Delivers {@code payload} to every current subscriber of {@code topic}. Keys and values
     * should be JSON-like (String, Number, Boolean, List, Map) so a later persistent bus can
     * store them. Must not be called with a mutable map that is changed afterwards.
     */
    void publish(String topic, Map<String, Object> payload);

    /**
     * Calls {@code consumer} for each event later published on {@code topic}. Subscribers of a
     * plugin are called through the engine's plugin dispatcher (with its timeout) and removed
     * when the plugin stops.
     *
     * @return a handle to stop receiving events
     */
    Subscription subscribe(String topic, Consumer<Map<String, Object>> consumer);

    /** A live subscription; {@link #cancel()} stops delivery and is idempotent. */
    interface Subscription {

        /** Stops delivery to this subscriber; calling it again does nothing. */
        void cancel();
    }
}
