package com.mintreu.engine.webhook;

/**
 * One event for one endpoint: {@code id} ({@code msg_...}) is the {@code webhook-id} of every
 * attempt, so a receiver drops a repeat; {@code payload} is the exact body, fixed when the event
 * arrived. {@code nextAt} is when it is due while pending (or the lease of the node attempting it).
 */
record WebhookMessage(String id, String endpointId, String eventId, String type, String payload, String status, int attempts, long nextAt,
        long createdAt, Long deliveredAt) {

    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";
}
