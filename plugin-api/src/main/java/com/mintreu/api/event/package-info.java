/**
 * Engine events for plugins. {@link com.mintreu.api.event.DomainEvent} records (an order paid, an
 * entitlement granted or revoked, a license's status changed, refunds and disputes) are written
 * to the engine's outbox with the change that made them and delivered at least once to every
 * {@link com.mintreu.api.event.EventSubscriber}: persistent, retried, idempotent by event id.
 * {@link com.mintreu.api.event.Events} is the older in-process bus for plugins to talk to each
 * other: synchronous, at most once, not persisted.
 */
package com.mintreu.api.event;
