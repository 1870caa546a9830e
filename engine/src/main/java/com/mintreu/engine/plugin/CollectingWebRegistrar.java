package com.mintreu.engine.plugin;

import com.mintreu.api.web.WebHandler;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps registered routes in a list: for tests and for listing a plugin's routes without a server. */
public final class CollectingWebRegistrar implements PluginWebRegistrar {

    /** One registered route. */
    public record Route(String pluginId, String method, String path, WebHandler handler) {}

    private final List<Route> routes = new CopyOnWriteArrayList<>();

    @Override
    public void register(String pluginId, String method, String path, WebHandler handler) {
        routes.add(new Route(pluginId, method, path, handler));
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** The route of {@code pluginId} with exactly this method and relative path. */
    public Optional<Route> find(String pluginId, String method, String path) {
        return routes.stream()
                .filter(r -> r.pluginId().equals(pluginId) && r.method().equals(method) && r.path().equals(path))
                .findFirst();
    }
}
