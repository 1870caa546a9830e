package com.mintreu.engine.web;

import com.mintreu.api.web.WebHandler;
import com.mintreu.api.web.WebRequest;
import com.mintreu.api.web.WebResponse;
import com.mintreu.engine.plugin.PluginWebRegistrar;
import dagger.Lazy;
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
 */
@Singleton
final class PluginWebAdapter implements PluginWebRegistrar {

    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

    // lazy: the router's routes include pages that show the plugin host, which needs this adapter
    private final Lazy<Router> router;
    private final ErrorMapper errors;

    @Inject
    PluginWebAdapter(Lazy<Router> router, ErrorMapper errors) {
        this.router = router;
        this.errors = errors;
    }

    @Override
    public void register(String pluginId, String method, String path, WebHandler handler) {
        router.get().add(method, "/plugins/" + pluginId + "/" + path, x -> {
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
