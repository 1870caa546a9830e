package com.mintreu.engine.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.PathTemplateMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The one router: method + path template ({@code /api/v1/tokens/{id}}) to a {@link Handler}.
 * Every request is moved off the IO thread before its handler runs, because handlers do JDBC
 * (STACK.md: the worker pool beat virtual threads 3-6x for JDBC on this machine).
 */
@Singleton
public final class Router implements HttpHandler {

    /** A registered route and the {@link Routes} class that added it (the OpenAPI document is assembled per feature from these). */
    public record Route(String method, String path, Class<?> owner) {}

    private final Map<String, PathTemplateMatcher<Handler>> byMethod = new LinkedHashMap<>();
    private final List<Route> registered = new ArrayList<>();
    private Class<?> registering;
    private final WebContext web;
    private final ErrorMapper errors;

    @Inject
    Router(WebContext web, ErrorMapper errors, Set<Routes> routes) {
        this.web = web;
        this.errors = errors;
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

    public Router delete(String path, Handler handler) {
        return add("DELETE", path, handler);
    }

    public Router put(String path, Handler handler) {
        return add("PUT", path, handler);
    }

    /** Adds a route; a second handler for the same method and template is a programming error. */
    public synchronized Router add(String method, String path, Handler handler) {
        PathTemplateMatcher<Handler> matcher = byMethod.computeIfAbsent(method.toUpperCase(Locale.ROOT), m -> new PathTemplateMatcher<>());
        if (matcher.get(path) != null) {
            throw new IllegalStateException("route " + method + " " + path + " is registered twice");
        }
        matcher.add(path, handler);
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
            raw.dispatch(this);
            return;
        }
        Exchange exchange = null;
        try {
            String method = raw.getRequestMethod().toString();
            String path = raw.getRequestPath();
            requireStorableText(raw);
            PathTemplateMatcher<Handler> matcher = byMethod.get("HEAD".equals(method) ? "GET" : method);
            PathTemplateMatcher.PathMatchResult<Handler> match = matcher == null ? null : matcher.match(path);
            if (match == null) {
                exchange = new Exchange(raw, Map.of(), web);
                boolean otherMethod = byMethod.entrySet().stream().anyMatch(e -> !e.getKey().equals(method) && e.getValue().match(path) != null);
                throw otherMethod
                        ? new ApiException(CommonError.METHOD_NOT_ALLOWED, method + " is not allowed on " + path)
                        : new ApiException(CommonError.NOT_FOUND, "no page at " + path);
            }
            exchange = new Exchange(raw, match.getParameters(), web);
            CrossSiteGuard.check(exchange, web);
            match.getValue().handle(exchange);
        } catch (Throwable t) {
            errors.handle(exchange == null ? new Exchange(raw, Map.of(), web) : exchange, t);
        }
    }
}
