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
 * The admin's dead deliveries as JSON: {@code GET /api/v1/admin/outbox/dead} and
 * {@code POST /api/v1/admin/outbox/dead/retry {"eventId", "subscriber"}} (the page is OutboxAdminPages).
 */
final class OutboxAdminRoutes implements Routes {

    /** The retry request body. */
    record RetryBody(String eventId, String subscriber) {}

    private final DeadDeliveries dead;

    @Inject
    OutboxAdminRoutes(DeadDeliveries dead) {
        this.dead = dead;
    }

    @Override
    public void register(Router router) {
        router.get("/api/v1/admin/outbox/dead", x -> {
            x.requireRole("admin");
            PageRequest req = PageRequest.of(x);
            List<Map<String, Object>> rows = req.cursor() == null ? dead.list(null, null, req.limit() + 1)
                    : dead.list(req.cursor().key(), req.cursor().id(), req.limit() + 1);
            x.json(200, Page.of(rows, req, d -> new Cursor((String) d.get("eventId"), (String) d.get("subscriber"))));
        });
        router.post("/api/v1/admin/outbox/dead/retry", x -> {
            var admin = x.requireRole("admin");
            RetryBody body = x.bodyJson(RetryBody.class);
            dead.retry(admin, body.eventId(), body.subscriber());
            x.json(200, Map.of("eventId", body.eventId(), "subscriber", body.subscriber(), "status", OutboxStore.PENDING));
        });
    }
}
