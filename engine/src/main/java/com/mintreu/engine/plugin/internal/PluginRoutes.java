package com.mintreu.engine.plugin.internal;

import com.mintreu.api.web.WebHandler;
import com.mintreu.api.web.WebRoutes;
import com.mintreu.engine.plugin.PluginDispatcher;
import com.mintreu.engine.plugin.PluginRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Collects a plugin's routes during start and hands them to the host only once the whole plugin
 * started, so a plugin that fails half-way leaves no route behind (the router has no "unregister").
 */
public final class PluginRoutes implements WebRoutes {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~-]+|\\{[A-Za-z][A-Za-z0-9_]*}");

    private record Route(String method, String path, WebHandler handler) {}

    private final String pluginId;
    private final List<Route> pending = new ArrayList<>();
    private boolean mounted;

    public PluginRoutes(String pluginId) {
        this.pluginId = pluginId;
    }

    @Override
    public synchronized void route(String method, String path, WebHandler handler) {
        if (mounted) {
            throw new IllegalStateException("plugin '" + pluginId + "' can register routes only during start");
        }
        String m = method == null ? "" : method.toUpperCase(java.util.Locale.ROOT);
        if (!METHODS.contains(m)) {
            throw new IllegalArgumentException("unsupported HTTP method '" + method + "'; use one of " + METHODS);
        }
        pending.add(new Route(m, normalise(path), java.util.Objects.requireNonNull(handler, "handler")));
    }

    /** Closes registration and hands out every collected route, each call dispatched under the plugin id. */
    public synchronized List<PluginRoute> seal(PluginDispatcher dispatcher) {
        mounted = true;
        List<PluginRoute> sealed = new ArrayList<>();
        for (Route r : pending) {
            String operation = r.method() + " " + r.path();
            sealed.add(new PluginRoute(pluginId, r.method(), r.path(),
                    request -> dispatcher.call(pluginId, operation, () -> r.handler().handle(request))));
        }
        pending.clear();
        return sealed;
    }

    /** Drops collected routes of a plugin that failed. */
    public synchronized void discard() {
        mounted = true;
        pending.clear();
    }

    /** "/a/{id}/" and "a/{id}" are the same route; anything that could climb out of the prefix is refused. */
    static String normalise(String path) {
        if (path == null) {
            throw new IllegalArgumentException("route path must not be null");
        }
        String p = path.strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty()) {
            return "";
        }
        for (String segment : p.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("invalid route path '" + path + "': segment '" + segment + "'");
            }
        }
        return p;
    }
}
