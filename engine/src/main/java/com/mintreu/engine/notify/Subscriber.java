package com.mintreu.engine.notify;

import java.util.Set;

/**
 * One receiver of outbox messages as the dispatcher sees it: an engine {@link OutboxConsumer}, an
 * engine event subscriber, or a plugin's (called through the plugin dispatcher). {@code name}
 * keys its delivery rows.
 */
record Subscriber(String name, Set<String> topics, Delivery delivery) {

    @FunctionalInterface
    interface Delivery {
        void deliver(OutboxStore.Due due) throws Exception;
    }
}
