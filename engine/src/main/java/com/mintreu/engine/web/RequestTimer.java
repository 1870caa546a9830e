package com.mintreu.engine.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Times every request into {@code http.server.requests} by method and status. The timers are kept
 * here by that pair: building and registering one per request (a builder, its tags and the
 * registry's lookup) was most of this handler's cost in the profile of the product page.
 */
final class RequestTimer implements HttpHandler {

    private static final Set<String> STANDARD = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final HttpHandler next;
    private final MeterRegistry metrics;
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();

    RequestTimer(HttpHandler next, MeterRegistry metrics) {
        this.next = next;
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        long start = System.nanoTime();
        exchange.addExchangeCompleteListener((ex, nextListener) -> {
            timer(ex.getRequestMethod().toString(), ex.getStatusCode()).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            nextListener.proceed();
        });
        next.handleRequest(exchange);
    }

    // a client may send any method token: those outside the standard ones share one tag, so the map stays small
    private Timer timer(String method, int status) {
        String m = STANDARD.contains(method) ? method : "OTHER";
        return timers.computeIfAbsent(m + ' ' + status, k -> Timer.builder("http.server.requests")
                .tag("method", m).tag("status", Integer.toString(status)).register(metrics));
    }
}
