package com.mintreu.engine.notify;

import com.mintreu.engine.web.Timestamps;
import com.mintreu.engine.web.PageRequest;
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
 * The admin's view of deliveries that went dead (every attempt failed) and the button that
 * retries one: it becomes pending and due now, with fresh attempts, and the next outbox pass
 * delivers it. Page {@code /admin/outbox}; API {@code GET /api/v1/admin/outbox/dead} and
 * {@code POST /api/v1/admin/outbox/dead/retry {"eventId", "subscriber"}}.
 */
final class OutboxAdminRoutes implements Routes {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxAdminRoutes.class);
    private static final int PAGE = 100;

    /** The retry request body. */
    record RetryBody(String eventId, String subscriber) {}

    private final OutboxStore store;
    private final Clock clock;

    @Inject
    OutboxAdminRoutes(OutboxStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void register(Router router) {
        router.get("/api/v1/admin/outbox/dead", x -> {
            x.requireRole("admin");
            PageRequest req = PageRequest.of(x);
            List<OutboxStore.Dead> rows = req.cursor() == null ? store.dead(null, null, req.limit() + 1)
                    : store.dead(req.cursor().key(), req.cursor().id(), req.limit() + 1);
            x.json(200, Page.of(rows, req, d -> new Cursor(d.eventId(), d.subscriber())).map(OutboxAdminRoutes::row));
        });
        router.post("/api/v1/admin/outbox/dead/retry", x -> {
            x.requireRole("admin");
            RetryBody body = x.bodyJson(RetryBody.class);
            retry(x, body.eventId(), body.subscriber());
            x.json(200, Map.of("eventId", body.eventId(), "subscriber", body.subscriber(), "status", OutboxStore.PENDING));
        });
        router.get("/admin/outbox", x -> {
            x.requireRole("admin");
            x.render("admin/outbox", Map.of("dead", store.dead(null, null, PAGE).stream().map(OutboxAdminRoutes::row).toList(),
                    "notice", x.query("notice").orElse("")));
        });
        router.post("/admin/outbox/retry", x -> {
            x.requireRole("admin");
            var form = x.form();
            retry(x, form.text("eventId"), form.text("subscriber"));
            x.redirect("/admin/outbox?notice=retried");
        });
    }

    private void retry(Exchange x, String eventId, String subscriber) {
        if (eventId == null || eventId.isBlank() || subscriber == null || subscriber.isBlank()) {
            throw ApiException.invalid(List.of(new ApiException.FieldError(eventId == null || eventId.isBlank() ? "eventId" : "subscriber",
                    "required")));
        }
        if (!store.retry(eventId, subscriber, clock.millis())) {
            throw ApiException.notFound("dead delivery of " + eventId + " to " + subscriber);
        }
        LOG.info("admin {} retried the dead delivery of {} to {}", x.requireUser().userId(), eventId, subscriber);
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
