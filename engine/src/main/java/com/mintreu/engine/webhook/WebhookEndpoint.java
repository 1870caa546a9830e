package com.mintreu.engine.webhook;

import java.util.List;

/**
 * A seller's webhook endpoint as stored. {@code events} are {@link WebhookEventType} ids; the
 * secrets are sealed ({@link SecretSeal}); {@code previousUntil} ends a rotation's overlap;
 * {@code failingSince} is the first failed attempt since the last 2xx. Times are epoch ms.
 */
record WebhookEndpoint(String id, String sellerId, String url, String description, List<String> events, String secretSealed,
        String previousSealed, Long previousUntil, String status, String disabledReason, Long failingSince, long createdAt) {

    static final String ACTIVE = "active";
    static final String DISABLED = "disabled";

    WebhookEndpoint {
        events = List.copyOf(events);
    }

    boolean wants(String type) {
        return ACTIVE.equals(status) && events.contains(type);
    }
}
