package com.mintreu.engine.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;

/**
 * {@code Strict-Transport-Security} on every response when the public URL is https, so a browser
 * that once reached the shop never again sends a cookie over plain HTTP. Added as the response is
 * committed, so error responses (whose headers the error mapper resets) carry it too.
 */
final class Hsts implements HttpHandler {

    static final HttpString HEADER = HttpString.tryFromString("Strict-Transport-Security");
    static final String VALUE = "max-age=31536000";

    private final HttpHandler next;

    Hsts(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        exchange.addResponseCommitListener(ex -> ex.getResponseHeaders().put(HEADER, VALUE));
        next.handleRequest(exchange);
    }
}
