package com.mintreu.engine.order;

import java.util.List;

/** A refund as the API shows it; amounts in minor units of {@code currency}. */
record RefundView(String id, String orderId, String status, String source, String reason, long amountMinor, String currency,
        String providerRefundId, String decisionNote, String failure, int attempts, long createdAt, long updatedAt, List<Line> lines) {

    record Line(String lineId, long amountMinor) {}

    static RefundView of(Refund r) {
        return new RefundView(r.id(), r.orderId(), r.status().id(), r.source(), r.reason(), r.amount().minor(), r.amount().currency(),
                r.providerRefundId(), r.decisionNote(), r.failure(), r.attempts(), r.createdAt(), r.updatedAt(),
                r.lines().stream().map(l -> new Line(l.lineId(), l.amount().minor())).toList());
    }
}
