package com.mintreu.api.web;

/**
 * Where a plugin registers its HTTP routes, during {@code start} only.
 *
 * <p>Paths are relative to {@code /plugins/<plugin-id>/}: {@code route("GET", "files/{name}", h)}
 * of plugin {@code storage-local} answers {@code GET /plugins/storage-local/files/report.pdf} with
 * {@code pathParams} {@code name=report.pdf}. Routes of a plugin that fails to start are never
 * mounted. A plugin cannot register routes outside its prefix.
 */
public interface WebRoutes {

    /**
     * Registers {@code handler} for {@code method} (GET, POST, PUT, PATCH, DELETE) and a
     * relative {@code path} whose segments are literals or {@code {name}} parameters. Leading and
     * trailing slashes are ignored ({@code "/files/"} is {@code "files"}); the path always stays
     * under the plugin's prefix.
     *
     * @throws IllegalArgumentException for an unknown method or a segment such as {@code ..} or {@code a b}
     * @throws IllegalStateException when called after the plugin has started
     */
    void route(String method, String path, WebHandler handler);
}
