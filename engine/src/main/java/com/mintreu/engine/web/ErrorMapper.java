package com.mintreu.engine.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mintreu.engine.plugin.PluginCallException;
import com.mintreu.engine.plugin.PluginErrorCode;
import com.mintreu.engine.security.Tokens;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Headers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place exceptions become responses: {@code application/problem+json} (RFC 9457) with a
 * stable {@code code} for API clients, a themed error page for browsers. Anything unexpected is a
 * 500 carrying an error id that is also in the log line, never a stack trace or SQL.
 */
@Singleton
public final class ErrorMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    @Inject
    ErrorMapper() {}

    void handle(Exchange exchange, Throwable failure) {
        handle(exchange, failure, exchange.isApi());
    }

    /** Like {@link #handle(Exchange, Throwable)}; {@code asProblem} answers problem+json whatever the path. */
    void handle(Exchange exchange, Throwable failure, boolean asProblem) {
        ApiException api = toApi(exchange, failure);
        var raw = exchange.raw();
        if (raw.isResponseStarted()) {
            raw.endExchange();
            return;
        }
        raw.getResponseHeaders().clear();
        SecurityHeaders.apply(raw);
        if (api.error() == CommonError.PAYLOAD_TOO_LARGE && !raw.isRequestComplete()) {
            // The rest of the body was not read, so this connection cannot carry another request;
            // without the header a client reuses it and its next request meets a closed socket.
            raw.getResponseHeaders().put(Headers.CONNECTION, "close");
            raw.setPersistent(false);
        }
        if (api.retryAfterSeconds() != null) {
            raw.getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(api.retryAfterSeconds()));
        }
        try {
            if (asProblem) {
                writeProblem(exchange, api);
            } else if (api.error() == CommonError.UNAUTHENTICATED) {
                exchange.redirect("/login?next=" + URLEncoder.encode(exchange.path(), StandardCharsets.UTF_8));
            } else {
                exchange.render(api.error().status(), "error", Map.of("status", api.error().status(),
                        "title", api.error().title(), "detail", api.getMessage(), "code", api.error().code(), "fields", api.fields()));
            }
        } catch (Exception e) {
            LOG.error("could not render the error page for {} {}", exchange.method(), exchange.path(), e);
            raw.setStatusCode(api.error().status());
            raw.endExchange();
        }
    }

    private static ApiException toApi(Exchange exchange, Throwable failure) {
        if (failure instanceof ApiException api) {
            return api;
        }
        if (failure instanceof RequestTooBigException || failure.getCause() instanceof RequestTooBigException) {
            return new ApiException(CommonError.PAYLOAD_TOO_LARGE, "the request body is larger than the limit");
        }
        if (failure instanceof PluginCallException call && (call.code() == PluginErrorCode.PLUGIN_TIMEOUT || call.code() == PluginErrorCode.PLUGIN_BUSY)) {
            PluginError error = call.code() == PluginErrorCode.PLUGIN_BUSY ? PluginError.PLUGIN_BUSY : PluginError.PLUGIN_TIMEOUT;
            LOG.warn("{} {}: {}", exchange.method(), exchange.path(), call.getMessage());
            return new ApiException(error, "plugin '" + call.pluginId() + "' " + (error == PluginError.PLUGIN_BUSY
                    ? "is busy; try again shortly" : "did not answer in time"), java.util.List.of(), error == PluginError.PLUGIN_BUSY ? 1L : null);
        }
        String errorId = "err_" + Tokens.random(9);
        LOG.error("[{}] unexpected error on {} {}", errorId, exchange.method(), exchange.path(), failure);
        return new ApiException(CommonError.INTERNAL, "unexpected error; quote error id " + errorId + " when you report it");
    }

    private static void writeProblem(Exchange exchange, ApiException api) throws Exception {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("type", "https://mintreu.dev/problems/" + api.error().code().toLowerCase().replace('_', '-'));
        body.put("title", api.error().title());
        body.put("status", api.error().status());
        body.put("detail", api.getMessage());
        body.put("code", api.error().code());
        body.put("instance", exchange.path());
        if (!api.fields().isEmpty()) {
            ArrayNode errors = body.putArray("errors");
            api.fields().forEach(f -> {
                ObjectNode error = errors.addObject().put("field", f.field()).put("message", f.message());
                if (f.code() != null) {
                    error.put("code", f.code());
                }
            });
        }
        var raw = exchange.raw();
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        exchange.sign(api.error().status(), bytes, false);
        raw.setStatusCode(api.error().status());
        raw.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/problem+json");
        raw.getResponseSender().send(java.nio.ByteBuffer.wrap(bytes));
    }
}
