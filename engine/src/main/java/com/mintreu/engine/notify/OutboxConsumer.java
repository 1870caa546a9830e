package com.mintreu.engine.notify;

/**
 * Delivers engine-internal outbox messages of one topic (mails); domain events go to an
 * {@link com.mintreu.api.event.EventSubscriber} instead. Delivery is at least once: a consumer may
 * see a message again after a crash or a lease expiry, so it must be idempotent (e.g. keyed by the
 * message id). Throwing means "not delivered, retry later with backoff".
 */
public interface OutboxConsumer {

    String topic();

    /** The name its deliveries are recorded under; unique among all subscribers. */
    default String id() {
        return topic();
    }

    void deliver(OutboxMessage message) throws Exception;
}
