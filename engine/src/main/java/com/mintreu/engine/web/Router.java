package com.mintreu.engine.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.PathTemplateMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.xnio.IoUtils;

/**
 * The one router: method + path template ({@code /api/v1/tokens/{id}}) to a {@link Handler}.
 * Every request is moved off the IO thread before its handler runs, because handlers do JDBC
 * (STACK.md: the worker pool beat virtual threads 3-6x for JDBC on this machine), except a route's
 * warm answer ({@link FromMemory}): its small body is read without blocking and it may answer on the
 * IO thread, the worker taking over when it cannot.
 */
@Singleton
public final class Router implements HttpHandler {

    /** A registered route and the {@link Routes} class that added it (the OpenAPI document is assembled per feature from these). */
    public record Route(String method, String path, Class<?> owner) {}

    /** Bodies up to this size are read on the IO thread for a {@link FromMemory} answer; larger ones go to a worker. */
    static final long FROM_MEMORY_MAX_BODY = 16 * 1024;

    /** What a route runs: its handler, and its warm answer or null. */
    private record Target(Handler handler, FromMemory fromMemory) {}

    private final Map<String, PathTemplateMatcher<Target>> byMethod = new LinkedHashMap<>();
    private final List<Route> registered = new ArrayList<>();
    private Class<?> registering;
    private final WebContext web;
    private final ErrorMapper errors;

    private final MeterRegistry metrics;
    private final ConcurrentHashMap<String, Counter> fromMemoryCounters = new ConcurrentHashMap<>();

    @Inject
    Router(WebContext web, ErrorMapper errors, Set<Routes> routes, MeterRegistry metrics) {
        this.web = web;
        this.errors = errors;
        this.metrics = metrics;
        for (Routes r : routes) {
            registering = r.getClass();
            r.register(this);
        }
        registering = null;
    }

    /** Every route added so far, in the order added; a plugin's routes have a null owner. */
    public synchronized List<Route> routes() {
        return List.copyOf(registered);
    }

    public Router get(String path, Handler handler) {
        return add("GET", path, handler);
    }

    public Router post(String path, Handler handler) {
        return add("POST", path, handler);
    }

    /** A POST route that answers from memory on the IO thread when it can, else runs {@code handler} on a worker. */
    public Router post(String path, Handler handler, FromMemory fromMemory) {
        return add("POST", path, handler, fromMemory);
    }

    public Router delete(String path, Handler handler) {
        return add("DELETE", path, handler);
    }

    public Router put(String path, Handler handler) {
        return add("PUT", path, handler);
    }

    /** Adds a route; a second handler for the same method and template is a programming error. */
    public Router add(String method, String path, Handler handler) {
        return add(method, path, handler, null);
    }

    private synchronized Router add(String method, String path, Handler handler, FromMemory fromMemory) {
        PathTemplateMatcher<Target> matcher = byMethod.computeIfAbsent(method.toUpperCase(Locale.ROOT), m -> new PathTemplateMatcher<>());
        if (matcher.get(path) != null) {
            throw new IllegalStateException("route " + method + " " + path + " is registered twice");
        }
        matcher.add(path, new Target(handler, fromMemory));
        registered.add(new Route(method.toUpperCase(Locale.ROOT), path, registering));
        return this;
    }

    /** The path templates registered for {@code method}, in registration order (tests walk them). */
    public synchronized List<String> templates(String method) {
        String m = method.toUpperCase(Locale.ROOT);
        return registered.stream().filter(r -> r.method().equals(m)).map(Route::path).toList();
    }


    /** The path and every query parameter are text a handler may store (see {@link StoredText}). */
    private static void requireStorableText(HttpServerExchange raw) {
        StoredText.require("the path", raw.getRequestPath());
        raw.getQueryParameters().forEach((name, values) -> {
            StoredText.require("query parameter", name);
            values.forEach(v -> StoredText.require("query parameter '" + name + "'", v));
        });
    }

    @Override
    public void handleRequest(HttpServerExchange raw) {
        if (raw.isInIoThread()) {
            fromMemoryOrDispatch(raw);
            return;
        }
        run(raw, null);
    }

    /** On the IO thread: a route with a warm answer and a small body gets to try it; everything else goes to a worker. */
    private void fromMemoryOrDispatch(HttpServerExchange raw) {
        PathTemplateMatcher<Target> matcher = byMethod.get(raw.getRequestMethod().toString());
        PathTemplateMatcher.PathMatchResult<Target> match = matcher == null ? null : matcher.match(raw.getRequestPath());
        long length = raw.getRequestContentLength();
        if (match == null || match.getValue().fromMemory() == null || length < 0 || length > FROM_MEMORY_MAX_BODY) {
            raw.dispatch(this);
            return;
        }
        // without blocking: called at once when the body is already in the read buffer (the usual case), else when it arrives
        raw.getRequestReceiver().receiveFullBytes((ex, body) -> {
            boolean answered = answeredFromMemory(ex, match, body);
            fromMemoryCounter(match.getMatchedTemplate(), answered).increment();
            if (!answered) {
                ex.dispatch(() -> run(ex, body));
            }
        }, (ex, e) -> IoUtils.safeClose(ex.getConnection())); // the client went away mid-body: nobody to answer
    }

    /** {@code http.server.from.memory} by route and outcome: how often a warm answer was given, and how often a worker took over. */
    private Counter fromMemoryCounter(String template, boolean answered) {
        String outcome = answered ? "answered" : "worker";
        return fromMemoryCounters.computeIfAbsent(template + ' ' + outcome, k -> Counter.builder("http.server.from.memory")
                .description("requests of routes that can answer from memory, by who answered").tag("route", template).tag("outcome", outcome)
                .register(metrics));
    }

    private boolean answeredFromMemory(HttpServerExchange raw, PathTemplateMatcher.PathMatchResult<Target> match, byte[] body) {
        try {
            // signed in by cookie: the CSRF check may read the session, which is a worker's job
            if (raw.getRequestCookie(web.sessions().cookieName()) != null && !raw.getRequestHeaders().contains(Headers.AUTHORIZATION)) {
                return false;
            }
            requireStorableText(raw);
            Exchange exchange = new Exchange(raw, match.getParameters(), web, body);
            CrossSiteGuard.check(exchange, web);
            return match.getValue().fromMemory().answer(exchange);
        } catch (Throwable t) {
            // nothing was changed or written (FromMemory's contract): the worker answers, with the error page if it fails again
            return false;
        }
    }

    /** On a worker: the route's handler; {@code body} is the body already read on the IO thread, or null. */
    private void run(HttpServerExchange raw, byte[] body) {
        Exchange exchange = null;
        try {
            String method = raw.getRequestMethod().toString();
            String path = raw.getRequestPath();
            requireStorableText(raw);
            PathTemplateMatcher<Target> matcher = byMethod.get("HEAD".equals(method) ? "GET" : method);
            PathTemplateMatcher.PathMatchResult<Target> match = matcher == null ? null : matcher.match(path);
            if (match == null) {
                exchange = new Exchange(raw, Map.of(), web, body);
                boolean otherMethod = byMethod.entrySet().stream().anyMatch(e -> !e.getKey().equals(method) && e.getValue().match(path) != null);
                throw otherMethod
                        ? new ApiException(CommonError.METHOD_NOT_ALLOWED, method + " is not allowed on " + path)
                        : new ApiException(CommonError.NOT_FOUND, "no page at " + path);
            }
            exchange = new Exchange(raw, match.getParameters(), web, body);
            CrossSiteGuard.check(exchange, web);
            match.getValue().handler().handle(exchange);
        } catch (Throwable t) {
            errors.handle(exchange == null ? new Exchange(raw, Map.of(), web, body) : exchange, t);
        }
    }
}
