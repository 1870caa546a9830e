package com.mintreu.engine.subscription;

import com.mintreu.api.money.Money;

/**
 * A subscription as the API shows it to its owner. {@code ...At} longs are written as ISO times;
 * {@code nextChargeAt} is null when nothing will be charged (canceled, paused, ending at period end).
 * {@code scheduledChange}: the downgrade or seat decrease the next renewal applies (null: none).
 */
record SubscriptionView(String id, String status, String productId, String planId, String title, String planName, String interval,
        Integer intervalDays, int quantity, Money amount, long currentPeriodStartAt, long currentPeriodEndAt, boolean cancelAtPeriodEnd,
        Long nextChargeAt, String paymentMethod, Long canceledAt, long createdAt, ScheduledChange scheduledChange) {

    /** A change waiting for the renewal at {@code appliesAt}. */
    record ScheduledChange(String id, String planId, String planName, int quantity, Money amount, long appliesAt) {}

    static SubscriptionView of(Subscription s) {
        return of(s, null);
    }

    static SubscriptionView of(Subscription s, PlanChange open) {
        ScheduledChange next = open == null || !"scheduled".equals(open.status()) ? null
                : new ScheduledChange(open.id(), open.toPlanId(), open.toPlanName(), open.toQuantity(), open.newAmount(), s.currentPeriodEnd());
        return new SubscriptionView(s.id(), s.status().id(), s.productId(), s.planId(), s.title(), s.planName(), s.recurrence().interval(),
                s.recurrence().intervalDays(), s.quantity(), s.amount(), s.currentPeriodStart(), s.currentPeriodEnd(), s.cancelAtPeriodEnd(),
                s.nextChargeAt(), s.paymentMethodSummary(), s.canceledAt(), s.createdAt(), next);
    }
}
