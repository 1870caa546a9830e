package com.mintreu.engine.notify;

/**
 * Delivers outbox messages of one topic. Delivery is at least once: a consumer may see a message
 * again after a crash or a lease expiry, so it must be idempotent (e.g. keyed by the message id).
 * Throwing means "not delivered, retry later with backoff".
 */
public interface OutboxConsumer {

    String topic();

    void deliver(OutboxMessage message) throws Exception;
}
