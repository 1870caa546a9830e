package com.mintreu.engine.web;

import com.mintreu.engine.db.Database;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.util.Headers;
import com.mintreu.engine.config.ServerConfig;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import javax.inject.Inject;

/**
 * {@code /healthz} (the process answers), {@code /readyz} (started, seeded when demo, and the database answers), {@code /metrics}
 * (Prometheus). Metrics tell request rates, errors and internals, so {@code server.metrics} keeps
 * them to this machine by default (a loopback client that did not come through an untrusted proxy),
 * or to a scraper with the {@code server.metricsToken} Bearer token, or opens them to everyone.
 */
final class OpsRoutes implements Routes {

    private final Database database;
    private final PrometheusMeterRegistry metrics;
    private final Readiness readiness;
    private final ServerConfig server;

    @Inject
    OpsRoutes(Database database, PrometheusMeterRegistry metrics, Readiness readiness, ServerConfig server) {
        this.database = database;
        this.metrics = metrics;
        this.readiness = readiness;
        this.server = server;
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
            mayReadMetrics(x);
            x.raw().getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            x.raw().getResponseSender().send(metrics.scrape());
        });
    }

    private void mayReadMetrics(Exchange x) {
        switch (server.metrics()) {
            case PUBLIC -> { }
            case LOOPBACK -> {
                InetSocketAddress client = x.raw().getSourceAddress();
                boolean local = client != null && client.getAddress() != null && client.getAddress().isLoopbackAddress()
                        && x.raw().getAttachment(ClientAddress.UNTRUSTED_FORWARD) == null;
                if (!local) {
                    throw new ApiException(CommonError.FORBIDDEN, "metrics are served to this machine only (server.metrics: loopback)");
                }
            }
            case TOKEN -> {
                String given = x.header("Authorization").filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7)).map(h -> h.substring(7).trim()).orElse("");
                if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), server.metricsToken().getBytes(StandardCharsets.UTF_8))) {
                    throw new ApiException(CommonError.FORBIDDEN, "metrics need the Bearer token of server.metricsToken");
                }
            }
        }
    }
}
