package com.mintreu.engine.order;

/**
 * A state change the order state machine refused (for instance a late payment for a fulfilled
 * order): it was never applied, and is kept for an admin to settle by hand (a refund, a note to
 * the customer). Statuses are ids ({@code fulfilled}, {@code held}); times are epoch ms.
 */
public record OrderConflict(String id, String orderId, String fromStatus, String toStatus, String reason, long createdAt) {}
