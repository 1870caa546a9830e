package com.mintreu.engine.order;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The refund state machine. {@link #next()} is the one table; {@code RefundStore.transition}
 * applies no other move.
 * <pre>
 * requested ─┬─▶ approved ──▶ processing ─┬─▶ succeeded
 *            └─▶ declined                 └─▶ failed
 * </pre>
 * {@code processing} is left only by the provider's answer: a timeout or an unknown outcome stays
 * {@code processing} and is retried with the same idempotency key. A refund the provider reports
 * on its own (its dashboard, a lost dispute) starts as {@code succeeded} (or {@code processing}
 * while the provider settles it).
 */
public enum RefundStatus {
    REQUESTED, APPROVED, PROCESSING, SUCCEEDED, FAILED, DECLINED;

    /** The statuses this one may move to; empty for a final status. */
    public Set<RefundStatus> next() {
        return switch (this) {
            case REQUESTED -> EnumSet.of(APPROVED, DECLINED);
            case APPROVED -> EnumSet.of(PROCESSING);
            case PROCESSING -> EnumSet.of(SUCCEEDED, FAILED);
            case SUCCEEDED, FAILED, DECLINED -> EnumSet.noneOf(RefundStatus.class);
        };
    }

    public boolean canMoveTo(RefundStatus target) {
        return next().contains(target);
    }

    /** Counts against what is left to refund of a line: everything but a refund that will never move money. */
    public boolean holdsAmount() {
        return this != FAILED && this != DECLINED;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RefundStatus of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
