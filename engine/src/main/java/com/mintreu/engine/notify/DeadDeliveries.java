package com.mintreu.engine.notify;

import com.mintreu.engine.web.Timestamps;
import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.web.Cursor;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deliveries that went dead (every attempt failed), as the admin sees them, and their retry: it
 * becomes pending and due now, with fresh attempts, and the next outbox pass delivers it.
 */
@javax.inject.Singleton
final class DeadDeliveries {

    private static final Logger LOG = LoggerFactory.getLogger(DeadDeliveries.class);

    private final OutboxStore store;
    private final Clock clock;

    @Inject
    DeadDeliveries(OutboxStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A page of dead deliveries, oldest first; {@code afterEventId}/{@code afterSubscriber} null for the first. */
    List<Map<String, Object>> list(String afterEventId, String afterSubscriber, int limit) {
        return store.dead(afterEventId, afterSubscriber, limit).stream().map(DeadDeliveries::row).toList();
    }

    /** Retries one dead delivery; 422 without both ids, 404 when that delivery is not dead. */
    void retry(Principal admin, String eventId, String subscriber) {
        if (eventId == null || eventId.isBlank() || subscriber == null || subscriber.isBlank()) {
            throw ApiException.invalid(List.of(new ApiException.FieldError(eventId == null || eventId.isBlank() ? "eventId" : "subscriber",
                    "required")));
        }
        if (!store.retry(eventId, subscriber, clock.millis())) {
            throw ApiException.notFound("dead delivery of " + eventId + " to " + subscriber);
        }
        LOG.info("admin {} retried the dead delivery of {} to {}", admin.userId(), eventId, subscriber);
    }

    private static Map<String, Object> row(OutboxStore.Dead d) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("eventId", d.eventId());
        row.put("subscriber", d.subscriber());
        row.put("topic", d.topic());
        row.put("attempts", d.attempts());
        row.put("lastError", d.lastError() == null ? "" : d.lastError());
        row.put("createdAt", Timestamps.iso(d.createdAt()));
        return row;
    }
}
