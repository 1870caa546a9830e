package com.mintreu.engine.plugin;

import com.mintreu.api.web.WebHandler;

/**
 * A route a started plugin registered, for the web layer to mount at {@code /plugins/<pluginId>/<path>}
 * once the plugins started. The handler already goes through the {@link PluginDispatcher}.
 *
 * @param pluginId the plugin that owns the route
 * @param method   upper-case HTTP method
 * @param path     relative, normalised path without a leading slash; segments are literals or {@code {name}}
 * @param handler  the dispatched handler
 */
public record PluginRoute(String pluginId, String method, String path, WebHandler handler) {}
