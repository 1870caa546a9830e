package com.mintreu.engine.subscription;

import com.mintreu.api.money.Money;
import com.mintreu.engine.catalog.Recurrence;
import java.time.Instant;

/**
 * A customer's subscription to a recurring plan, from the order line that bought it. The plan's
 * interval and price are frozen at purchase (a later edit of the plan changes no running
 * subscription). Times are epoch ms. The current period is the last one paid (or the trial).
 * A provider-managed one ({@code providerManaged}) is renewed by its gateway (Stripe, PayPal), known
 * there as {@code providerReference}; the engine's renewal job never charges it.
 */
public record Subscription(String id, String customerId, String productId, String planId, String sellerId, String originOrderId,
        String originLineId, String title, String planName, SubscriptionStatus status, Recurrence recurrence, int quantity, Money unitPrice,
        String gateway, String paymentMethod, String paymentMethodSummary, long anchorAt, int paidFromSeq, int currentSeq,
        long currentPeriodStart, long currentPeriodEnd, boolean cancelAtPeriodEnd, Long pastDueSince, Long nextRetryAt, Long canceledAt,
        long createdAt, boolean providerManaged, String providerReference) {

    /** What each renewal charges. */
    public Money amount() {
        return unitPrice.times(quantity);
    }

    /** The end of period {@code seq} (the start of the one after it). */
    public long periodEnd(int seq) {
        return recurrence.periodEnd(Instant.ofEpochMilli(anchorAt), seq - paidFromSeq + 1).toEpochMilli();
    }

    /** When the next charge is due: the current period's end, unless the subscription ends or pauses then. */
    public Long nextChargeAt() {
        return status == SubscriptionStatus.CANCELED || status == SubscriptionStatus.PAUSED || cancelAtPeriodEnd ? null : currentPeriodEnd;
    }
}
