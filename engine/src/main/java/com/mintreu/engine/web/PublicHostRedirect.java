package com.mintreu.engine.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Sends a browser that opened a page on another host name (127.0.0.1 for localhost, a bare IP, an
 * old domain) to the same path on {@code server.publicUrl}. The shop only works on one origin:
 * session cookies are per host, the gateways return buyers to the public URL and the CSP's
 * {@code 'self'} is the host in the address bar.
 *
 * <p>Only page reads move (GET/HEAD that accept HTML, outside {@code /api/}, {@code /static/} and
 * the ops endpoints): API, webhook, license-client and monitoring calls answer on any host, and a
 * POST is handled where it arrives, so no submitted form is dropped by a redirect. The answer is a
 * 301 marked {@code no-store}, so a later change of the public URL is not stuck in browsers' caches.
 *
 * <p>The host the browser used is {@code X-Forwarded-Host} / {@code Forwarded: host=} when a proxy
 * sends one, else {@code Host}; behind a proxy that names the client but not the host, the host is
 * unknown and nothing is redirected (a proxy that rewrites Host would otherwise loop forever).
 * These headers can only prevent a redirect, never choose its target, which is always the public URL.
 */
final class PublicHostRedirect implements HttpHandler {

    private static final Set<String> OPS = Set.of("/healthz", "/readyz", "/metrics");

    private final HttpHandler next;
    private final URI publicUrl;
    private final String origin;

    PublicHostRedirect(HttpHandler next, URI publicUrl) {
        this.next = next;
        this.publicUrl = publicUrl;
        this.origin = publicUrl.getScheme() + "://" + publicUrl.getRawAuthority();
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (isPageRead(exchange) && browserHost(exchange.getRequestHeaders()).filter(h -> !isPublic(h)).isPresent()) {
            String query = exchange.getQueryString();
            exchange.setStatusCode(301);
            exchange.getResponseHeaders().put(Headers.LOCATION, origin + rawPath(exchange) + (query == null || query.isEmpty() ? "" : "?" + query));
            exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
            exchange.endExchange();
            return;
        }
        next.handleRequest(exchange);
    }

    private static boolean isPageRead(HttpServerExchange exchange) {
        String method = exchange.getRequestMethod().toString();
        String path = exchange.getRequestPath();
        String accept = exchange.getRequestHeaders().getFirst(Headers.ACCEPT);
        return (method.equals("GET") || method.equals("HEAD")) && accept != null && accept.contains("text/html")
                && !path.startsWith("/api/") && !path.startsWith("/static/") && !OPS.contains(path);
    }

    /** The path as the browser sent it (still percent-encoded), also for an absolute-form request target. */
    private static String rawPath(HttpServerExchange exchange) {
        String uri = exchange.getRequestURI();
        String path = uri.startsWith("/") ? uri : URI.create(uri).getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    static Optional<String> browserHost(HeaderMap headers) {
        String forwardedHost = headers.getFirst("X-Forwarded-Host");
        if (forwardedHost != null) {
            return Optional.of(forwardedHost.split(",")[0].strip());
        }
        String forwarded = headers.getFirst("Forwarded");
        if (forwarded != null) {
            for (String pair : forwarded.split(",")[0].split(";")) {
                String[] kv = pair.strip().split("=", 2);
                if (kv.length == 2 && kv[0].equalsIgnoreCase("host")) {
                    return Optional.of(kv[1].replace("\"", "").strip());
                }
            }
            return Optional.empty();
        }
        if (headers.contains("X-Forwarded-For") || headers.contains("X-Real-IP")) {
            return Optional.empty();
        }
        return Optional.ofNullable(headers.getFirst(Headers.HOST));
    }

    /** {@code hostAndPort} (a Host header value) names the public URL's host and port; no port means the scheme's default. */
    boolean isPublic(String hostAndPort) {
        String value = hostAndPort.toLowerCase(Locale.ROOT);
        int colon = value.lastIndexOf(':');
        boolean hasPort = colon > value.lastIndexOf(']');
        String host = hasPort ? value.substring(0, colon) : value;
        int port;
        try {
            port = hasPort ? Integer.parseInt(value.substring(colon + 1)) : -1;
        } catch (NumberFormatException e) {
            return false;
        }
        return host.equals(publicUrl.getHost().toLowerCase(Locale.ROOT)) && effectivePort(port) == effectivePort(publicUrl.getPort());
    }

    private int effectivePort(int port) {
        return port != -1 ? port : "https".equals(publicUrl.getScheme()) ? 443 : 80;
    }
}
