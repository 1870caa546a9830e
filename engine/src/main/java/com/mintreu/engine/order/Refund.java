package com.mintreu.engine.order;

import com.mintreu.api.event.RefundLine;
import com.mintreu.api.money.Money;
import java.util.List;

/**
 * Money going back for some lines of a paid order. {@code idempotencyKey} is stored with the row,
 * before the gateway is first called, and sent on every retry.
 */
public record Refund(String id, String orderId, String customerId, RefundStatus status, String source, String reason, String requestedBy,
        Money amount, String gateway, String idempotencyKey, String providerRefundId, String decidedBy, String decisionNote, String failure,
        int attempts, long createdAt, long updatedAt, List<Line> lines) {

    /** Who started a refund. */
    public static final String CUSTOMER = "customer";
    public static final String ADMIN = "admin";
    public static final String PROVIDER = "provider";
    public static final String DISPUTE = "dispute";

    /** One order line's part of the refund. */
    public record Line(String lineId, String sellerId, Money amount) {}

    public List<RefundLine> refundLines() {
        return lines.stream().map(l -> new RefundLine(l.lineId(), l.amount())).toList();
    }

    public boolean concernsOnlySeller(String sellerId) {
        return !lines.isEmpty() && lines.stream().allMatch(l -> l.sellerId().equals(sellerId));
    }

    public boolean concernsSeller(String sellerId) {
        return lines.stream().anyMatch(l -> l.sellerId().equals(sellerId));
    }
}
