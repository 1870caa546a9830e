package com.mintreu.engine.web;

import com.mintreu.api.web.WebHandler;
import com.mintreu.api.web.WebRequest;
import com.mintreu.api.web.WebResponse;
import com.mintreu.engine.plugin.PluginHost;
import com.mintreu.engine.plugin.PluginRoute;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Mounts plugin routes at {@code /plugins/<id>/...} on the one router, translating between
 * Undertow and the plugin API's plain request/response records, so plugins never see Undertow.
 * The routes are pulled from the {@link PluginHost} after it started the plugins (the web server
 * mounts them as it starts), so the host never needs the web layer.
 */
@Singleton
final class PluginWebAdapter {

    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

    private final Router router;
    private final PluginHost host;
    private final ErrorMapper errors;
    private boolean mounted;

    @Inject
    PluginWebAdapter(Router router, PluginHost host, ErrorMapper errors) {
        this.router = router;
        this.host = host;
        this.errors = errors;
    }

    /** Mounts the routes of every started plugin; once (a second call does nothing). */
    synchronized void mount() {
        if (mounted) {
            return;
        }
        mounted = true;
        host.routes().forEach(this::mount);
    }

    private void mount(PluginRoute route) {
        WebHandler handler = route.handler();
        router.add(route.method(), "/plugins/" + route.pluginId() + "/" + route.path(), x -> {
            try {
                serve(x, handler);
            } catch (Exception e) {
                // the engine cannot tell a plugin's page from its webhook or JSON endpoint, so its own
                // failures (timeout 504, busy 503, 500 with an error id) are problem+json on every plugin route
                errors.handle(x, e, true);
            }
        });
    }

    private static void serve(Exchange x, WebHandler handler) throws Exception {
        Map<String, List<String>> query = new LinkedHashMap<>();
        x.raw().getQueryParameters().forEach((k, v) -> query.put(k, List.copyOf(v)));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HeaderValues values : x.raw().getRequestHeaders()) {
            headers.put(values.getHeaderName().toString(), new ArrayList<>(values));
        }
        byte[] body = BODY_METHODS.contains(x.method()) ? x.bodyBytes() : new byte[0];
        WebResponse response = handler.handle(new WebRequest(x.method(), x.path(), x.pathParams(), query, headers, body));
        x.raw().setStatusCode(response.status());
        response.headers().forEach((name, values) -> x.raw().getResponseHeaders().putAll(HttpString.tryFromString(name), values));
        x.raw().getResponseSender().send(ByteBuffer.wrap(response.body()));
    }
}
