package com.mintreu.engine.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;

/** Headers every response carries: a strict CSP (no inline script), nosniff, no framing, a quiet referrer. */
final class SecurityHeaders implements HttpHandler {

    static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private final HttpHandler next;

    SecurityHeaders(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        apply(exchange);
        next.handleRequest(exchange);
    }

    static void apply(HttpServerExchange exchange) {
        HeaderMap h = exchange.getResponseHeaders();
        h.put(HttpString.tryFromString("Content-Security-Policy"), CSP);
        h.put(HttpString.tryFromString("X-Content-Type-Options"), "nosniff");
        h.put(HttpString.tryFromString("Referrer-Policy"), "strict-origin-when-cross-origin");
        h.put(HttpString.tryFromString("X-Frame-Options"), "DENY");
        h.put(HttpString.tryFromString("Cross-Origin-Opener-Policy"), "same-origin");
    }
}
