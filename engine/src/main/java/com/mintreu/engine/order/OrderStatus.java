package com.mintreu.engine.order;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The order state machine. The engine owns it; gateways only report outcomes.
 * <pre>
 * pending ─┬─▶ paid ──▶ fulfilled
 *          ├─▶ held ──▶ paid (an admin released it) | canceled
 *          ├─▶ failed | expired | canceled
 * failed | expired ──▶ held (a payment arrived after all: money must never be ignored)
 * </pre>
 * {@code held}: the payment did not match the order (amount or currency), nothing is granted
 * until an admin looks at it. {@link #next()} is the one table: {@code OrderStore.transition}
 * applies no other move (it records it as a conflict), and the order README writes it down.
 */
public enum OrderStatus {
    PENDING, PAID, FULFILLED, HELD, FAILED, EXPIRED, CANCELED;

    /** The statuses this one may move to; empty for a final status. */
    public Set<OrderStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(PAID, HELD, FAILED, EXPIRED, CANCELED);
            case HELD -> EnumSet.of(PAID, CANCELED);
            case PAID -> EnumSet.of(FULFILLED);
            case FAILED, EXPIRED -> EnumSet.of(HELD);
            case FULFILLED, CANCELED -> EnumSet.noneOf(OrderStatus.class);
        };
    }

    public boolean canMoveTo(OrderStatus target) {
        return next().contains(target);
    }

    /** Paid or later: the customer's money is in. */
    public boolean isPaid() {
        return this == PAID || this == FULFILLED;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OrderStatus of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
