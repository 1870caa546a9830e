package com.mintreu.engine.subscription;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The subscription state machine. The engine owns it; gateways only report charges.
 * <pre>
 * trialing ─┬─▶ active (a period paid) ─┬─▶ past_due (a renewal not paid) ─┬─▶ active (paid after all)
 *           ├─▶ past_due                ├─▶ paused ──▶ active              └─▶ canceled
 *           └─▶ canceled                └─▶ canceled      └─▶ canceled
 * </pre>
 * {@link #next()} is the one table: {@code SubscriptionStore.transition} applies no other move.
 * Cancel at period end is not a status: a flag on an active (or trialing) subscription, undone
 * until the period ends, when the renewal job makes it {@code canceled}.
 */
public enum SubscriptionStatus {
    TRIALING, ACTIVE, PAST_DUE, PAUSED, CANCELED;

    /** The statuses this one may move to; empty for the final status. */
    public Set<SubscriptionStatus> next() {
        return switch (this) {
            case TRIALING -> EnumSet.of(ACTIVE, PAST_DUE, CANCELED);
            case ACTIVE -> EnumSet.of(PAST_DUE, PAUSED, CANCELED);
            case PAST_DUE -> EnumSet.of(ACTIVE, CANCELED);
            case PAUSED -> EnumSet.of(ACTIVE, CANCELED);
            case CANCELED -> EnumSet.noneOf(SubscriptionStatus.class);
        };
    }

    public boolean canMoveTo(SubscriptionStatus target) {
        return next().contains(target);
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SubscriptionStatus of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
