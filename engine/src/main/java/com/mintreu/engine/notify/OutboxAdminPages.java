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

/** The admin's page of dead deliveries, {@code /admin/outbox}, with a retry button per delivery. */
final class OutboxAdminPages implements Routes {

    private static final int PAGE = 100;

    private final DeadDeliveries dead;

    @Inject
    OutboxAdminPages(DeadDeliveries dead) {
        this.dead = dead;
    }

    @Override
    public void register(Router router) {
        router.get("/admin/outbox", x -> {
            x.requireRole("admin");
            x.render("admin/outbox", Map.of("dead", dead.list(null, null, PAGE), "notice", x.query("notice").orElse("")));
        });
        router.post("/admin/outbox/retry", x -> {
            var admin = x.requireRole("admin");
            var form = x.form();
            dead.retry(admin, form.text("eventId"), form.text("subscriber"));
            x.redirect("/admin/outbox?notice=retried");
        });
    }
}
