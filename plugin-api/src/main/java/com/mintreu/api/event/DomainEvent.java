package com.mintreu.api.event;

import java.time.Instant;

/**
 * Something that happened in the engine, as a typed record: an order was paid, an entitlement
 * revoked, a license suspended. The engine writes each event to its outbox in the same
 * transaction as the change, and after commit delivers it to every {@link EventSubscriber} of its
 * type, each separately (own attempts, backoff and dead state).
 *
 * <p><b>At least once.</b> A subscriber can receive the same event again: after a crash, a lease
 * that ran out, or an admin retrying a delivery. {@link #eventId()} is the same every time, so a
 * subscriber that must not act twice records the ids it has handled (a unique key in its own
 * table, inserted in the transaction of its effect) or makes its effect naturally idempotent
 * (e.g. "insert unless a row for this order line exists").
 *
 * <p>Events carry ids, not whole objects: a subscriber that needs more reads the current state.
 * New components may be added to a record in later versions; none is removed or renamed.
 */
public sealed interface DomainEvent permits OrderPaid, OrderCanceled, EntitlementGranted, EntitlementRevoked, LicenseStatusChanged,
        RefundRequested, OrderRefunded, DisputeOpened, DisputeClosed, SubscriptionStarted, SubscriptionPeriodPaid,
        SubscriptionStatusChanged, SubscriptionCancelScheduled, SubscriptionPlanChanged,
        MessagePosted {

    /** The event's id ({@code evt_...}): unique, and the same on every redelivery. */
    String eventId();

    /** When the change happened (the engine clock, millisecond precision). */
    Instant occurredAt();

    /** The stable name of the event's type, e.g. {@code "order.paid"}; each record's {@code TYPE}. */
    String type();
}
