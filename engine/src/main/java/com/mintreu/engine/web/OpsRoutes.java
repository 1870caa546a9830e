package com.mintreu.engine.web;

import com.mintreu.engine.db.Database;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.util.Headers;
import java.util.Map;
import javax.inject.Inject;

/**
 * {@code /healthz} (the process answers), {@code /readyz} (started, seeded when demo, and the database answers),
 * {@code /metrics} (Prometheus).
 */
final class OpsRoutes implements Routes {

    private final Database database;
    private final PrometheusMeterRegistry metrics;
    private final Readiness readiness;

    @Inject
    OpsRoutes(Database database, PrometheusMeterRegistry metrics, Readiness readiness) {
        this.database = database;
        this.metrics = metrics;
        this.readiness = readiness;
    }

    @Override
    public void register(Router router) {
        router.get("/healthz", x -> x.json(200, Map.of("status", "ok")));
        router.get("/readyz", x -> {
            if (!readiness.isReady()) {
                x.json(503, Map.of("status", "starting"));
                return;
            }
            boolean up = database.isReachable();
            x.json(up ? 200 : 503, Map.of("status", up ? "ready" : "database unreachable"));
        });
        router.get("/metrics", x -> {
            x.raw().getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            x.raw().getResponseSender().send(metrics.scrape());
        });
    }
}
