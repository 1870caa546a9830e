package com.mintreu.api.event;

import com.mintreu.api.Extension;
import java.util.Set;

/**
 * Hears of {@link DomainEvent}s after the change that made them committed. Engine features and
 * plugins subscribe the same way: a plugin annotates its implementation with
 * {@code @org.pf4j.Extension}; the engine calls it through its plugin dispatcher (with the
 * dispatcher's timeout, so {@link #on(DomainEvent)} must return in bounded time).
 *
 * <p><b>Delivery.</b> Each subscriber gets each event of the types it names separately, at least
 * once: its own attempts, with exponential backoff between them, and after
 * {@code outbox.maxAttempts} failed attempts the delivery is <em>dead</em> until an admin retries
 * it ({@code /admin/outbox}). A subscriber that fails or is slow never stops another from getting
 * the event. Events reach a subscriber roughly in the order they were written, but a retried
 * delivery comes after later events: do not rely on order.
 *
 * <p><b>Idempotency.</b> The same event can arrive again (a crash before the delivery was
 * recorded, a lease that ran out, an admin retry). Redelivering an event must change nothing:
 * key your effect by {@link DomainEvent#eventId()} (e.g. a table with the event id as primary key,
 * inserted in the transaction of your effect, and skip when the insert finds it), or make the
 * effect idempotent by its own ids (the engine's fulfilment grants at most one entitlement per
 * order line and kind).
 *
 * <p>Deliveries are recorded under the subscriber's name: {@code <plugin-id>:<extension-id>} for a
 * plugin. Renaming an extension starts a new subscriber that gets only events written afterwards.
 */
public interface EventSubscriber extends Extension {

    /**
     * The event types to receive, e.g. {@code Set.of(OrderPaid.class)}. Read when events are fanned
     * out to subscribers; must be constant and must not do work.
     */
    Set<Class<? extends DomainEvent>> events();

    /**
     * Handles one event of a type named by {@link #events()}. Returning means "done": the delivery
     * is recorded and not repeated (unless the engine crashed before recording it). Throwing means
     * "retry later". Must be idempotent by {@link DomainEvent#eventId()} (see the class comment),
     * must not block without bound, and must not assume it is the only subscriber.
     *
     * @param event the event; switch on its type with a pattern ({@code if (event instanceof OrderPaid paid)})
     * @throws Exception to have the delivery retried with backoff
     */
    void on(DomainEvent event) throws Exception;
}
