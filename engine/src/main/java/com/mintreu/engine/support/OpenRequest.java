package com.mintreu.engine.support;

/**
 * What a customer asks when opening a ticket. At most one of {@code orderId}, {@code licenseId},
 * {@code productId} names what it is about, except that {@code productId} may pick a product of
 * the order; none: a question to the shop's admins.
 */
public record OpenRequest(String subject, String body, String orderId, String licenseId, String productId) {}
