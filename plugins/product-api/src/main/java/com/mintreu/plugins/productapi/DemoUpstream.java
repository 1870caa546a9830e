package com.mintreu.plugins.productapi;

import com.mintreu.api.web.WebRequest;
import com.mintreu.api.web.WebResponse;
import com.mintreu.api.web.WebRoutes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tiny upstream API for the demo shop, served by this plugin at
 * {@code /plugins/product-api/demo/}: {@code GET quote} (the quote of the day, UTC) and
 * {@code GET|POST echo} (what the upstream received). The demo's "Quotes API" product points its
 * {@code upstreamUrl} here, so its calls go through the engine's {@code /gw} gateway and back in.
 *
 * <p>Like a real upstream it trusts only calls that carry the product's secret
 * ({@code X-Mintreu-Upstream-Secret}, for the product named by {@code X-Mintreu-Product}); anything
 * else is a 401, so calling it directly with a key gets nowhere.
 */
final class DemoUpstream {

    static final String SECRET_HEADER = "X-Mintreu-Upstream-Secret";
    static final String PRODUCT_HEADER = "X-Mintreu-Product";

    private static final List<String[]> QUOTES = List.of(
            new String[] {"Simplicity is prerequisite for reliability.", "Edsger W. Dijkstra"},
            new String[] {"Make it work, make it right, make it fast.", "Kent Beck"},
            new String[] {"Programs must be written for people to read, and only incidentally for machines to execute.", "Harold Abelson"},
            new String[] {"The best way to predict the future is to invent it.", "Alan Kay"},
            new String[] {"Premature optimization is the root of all evil.", "Donald Knuth"},
            new String[] {"Talk is cheap. Show me the code.", "Linus Torvalds"},
            new String[] {"Deleted code is debugged code.", "Jeff Sickel"});

    private DemoUpstream() {}

    static void register(WebRoutes web, UpstreamSecrets secrets, Clock clock) {
        web.route("GET", "demo/quote", r -> guarded(r, secrets).orElseGet(() -> quote(LocalDate.now(clock.withZone(ZoneOffset.UTC)))));
        web.route("GET", "demo/echo", r -> guarded(r, secrets).orElseGet(() -> echo(r)));
        web.route("POST", "demo/echo", r -> guarded(r, secrets).orElseGet(() -> echo(r)));
    }

    /** A 401 unless the call carries its product's upstream secret (compared in constant time). */
    private static Optional<WebResponse> guarded(WebRequest r, UpstreamSecrets secrets) {
        String product = r.header(PRODUCT_HEADER).orElse("");
        String given = r.header(SECRET_HEADER).orElse("");
        boolean ok = !product.isEmpty() && !given.isEmpty() && MessageDigest.isEqual(
                given.getBytes(StandardCharsets.UTF_8), secrets.forProduct(product).getBytes(StandardCharsets.UTF_8));
        return ok ? Optional.empty() : Optional.of(new WebResponse(401, Map.of("Content-Type", List.of("application/json")),
                "{\"error\":\"call this API through the marketplace gateway: /gw/<product>/...\"}".getBytes(StandardCharsets.UTF_8)));
    }

    static WebResponse quote(LocalDate day) {
        String[] q = QUOTES.get((int) Math.floorMod(day.toEpochDay(), (long) QUOTES.size()));
        return WebResponse.json("{\"day\":\"" + day + "\",\"quote\":" + json(q[0]) + ",\"author\":" + json(q[1]) + "}");
    }

    /** The method, query and body as received, so a newcomer sees what the gateway passed on (the secret is not shown). */
    private static WebResponse echo(WebRequest r) {
        StringBuilder query = new StringBuilder("{");
        r.query().forEach((k, v) -> query.append(query.length() > 1 ? "," : "").append(json(k)).append(':').append(json(String.join(",", v))));
        query.append('}');
        return new WebResponse(200, Map.of("Content-Type", List.of("application/json")), ("{\"method\":" + json(r.method())
                + ",\"query\":" + query + ",\"forwardedFor\":" + json(r.header("X-Forwarded-For").orElse(""))
                + ",\"body\":" + json(r.bodyText()) + "}").getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON string literal. */
    static String json(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
