package com.mintreu.engine.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/** Headers every response carries: a strict CSP (no inline script), nosniff, no framing, a quiet referrer. */
final class SecurityHeaders implements HttpHandler {

    // a bare origin only: anything else (a space, ';', a quote) could add or loosen a directive
    private static final Pattern ORIGIN = Pattern.compile("https?://([A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?");

    static final HttpString CSP_HEADER = HttpString.tryFromString("Content-Security-Policy");
    static final String CSP = csp(List.of());

    private final HttpHandler next;

    SecurityHeaders(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        apply(exchange);
        next.handleRequest(exchange);
    }

    /**
     * The policy with {@code form-action} also allowing {@code origins}: browsers check it on the
     * redirect after a form is posted, so a page whose form leads to another site must name it.
     *
     * @throws IllegalArgumentException when an entry is not a bare http(s) origin
     */
    static String csp(Collection<String> formActionOrigins) {
        StringBuilder formAction = new StringBuilder("'self'");
        for (String origin : formActionOrigins) {
            if (!ORIGIN.matcher(origin).matches()) {
                throw new IllegalArgumentException("not a bare http(s) origin: " + origin);
            }
            formAction.append(' ').append(origin);
        }
        return "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                + "object-src 'none'; base-uri 'self'; form-action " + formAction + "; frame-ancestors 'none'";
    }

    static void apply(HttpServerExchange exchange) {
        HeaderMap h = exchange.getResponseHeaders();
        h.put(CSP_HEADER, CSP);
        h.put(HttpString.tryFromString("X-Content-Type-Options"), "nosniff");
        h.put(HttpString.tryFromString("Referrer-Policy"), "strict-origin-when-cross-origin");
        h.put(HttpString.tryFromString("X-Frame-Options"), "DENY");
        h.put(HttpString.tryFromString("Cross-Origin-Opener-Policy"), "same-origin");
    }
}
