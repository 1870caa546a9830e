package com.mintreu.engine.subscription;

import com.mintreu.api.money.Money;

/**
 * A subscription as the API shows it to its owner. {@code ...At} longs are written as ISO times;
 * {@code nextChargeAt} is null when nothing will be charged (canceled, paused, ending at period end).
 */
record SubscriptionView(String id, String status, String productId, String planId, String title, String planName, String interval,
        Integer intervalDays, int quantity, Money amount, long currentPeriodStartAt, long currentPeriodEndAt, boolean cancelAtPeriodEnd,
        Long nextChargeAt, String paymentMethod, Long canceledAt, long createdAt) {

    static SubscriptionView of(Subscription s) {
        return new SubscriptionView(s.id(), s.status().id(), s.productId(), s.planId(), s.title(), s.planName(), s.recurrence().interval(),
                s.recurrence().intervalDays(), s.quantity(), s.amount(), s.currentPeriodStart(), s.currentPeriodEnd(), s.cancelAtPeriodEnd(),
                s.nextChargeAt(), s.paymentMethodSummary(), s.canceledAt(), s.createdAt());
    }
}
