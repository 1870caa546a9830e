package com.mintreu.engine.plugin;

import com.mintreu.api.web.WebHandler;

/**
 * Mounts plugin routes into the engine's HTTP server; implemented by the web layer. The plugin
 * host calls it only after a plugin started successfully, with handlers that already go through
 * the {@link PluginDispatcher}.
 */
public interface PluginWebRegistrar {

    /**
     * Mounts {@code handler} at {@code /plugins/<pluginId>/<path>}.
     *
     * @param pluginId the plugin that owns the route
     * @param method   upper-case HTTP method
     * @param path     relative, normalised path without a leading slash; segments are literals or {@code {name}}
     * @param handler  the dispatched handler
     */
    void register(String pluginId, String method, String path, WebHandler handler);

    /** A registrar that drops every route, for tools that load plugins without serving HTTP (e.g. {@code migrate}). */
    static PluginWebRegistrar none() {
        return (pluginId, method, path, handler) -> { };
    }
}
