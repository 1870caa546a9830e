package com.mintreu.plugins.paymentstripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for the part of Stripe's HTTP API the plugin calls: {@code POST
 * /v1/checkout/sessions}, {@code GET /v1/checkout/sessions/{id}} (with {@code expand[]} of the
 * payment intent and its latest charge) and {@code POST /v1/refunds}. Every object it answers is a
 * copy of the matching object in Stripe's published fixtures ({@code stripe/fixtures3-subset.json})
 * with the fields the call determines filled in; errors have Stripe's {@code {"error":{...}}}
 * shape and status codes. Like Stripe, it replays the stored answer for a repeated
 * {@code Idempotency-Key} and refuses the key for other parameters.
 *
 * <p>It records every request (method, path, headers, decoded form or query parameters) so tests
 * assert on what the plugin sent, and can be told to answer 500 or to hang (after doing the work,
 * like a response lost on the way back).
 *
 * <p>Public, and shipped in this module's test-jar, for the engine's tests: they run a Stripe
 * purchase through the real engine against this fake.
 */
public final class FakeStripe implements AutoCloseable {

    /** What the next requests get. */
    enum Mode { NORMAL, FAIL_500, HANG }

    /** One request as received. Header names lower-case. */
    public record Recorded(String method, String path, Map<String, String> headers, Map<String, String> params) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    record Stored(String paramsKey, int status, String body) {}

    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode FIXTURES = load();

    private final String apiKey;
    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch released = new CountDownLatch(1);
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Stored> idempotent = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> sessions = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> intents = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> charges = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> refunds = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final FakeStripeBilling billing = new FakeStripeBilling(this);
    private volatile Mode mode = Mode.NORMAL;
    private volatile String modePath = "/";

    public FakeStripe(String apiKey, Clock clock) {
        this.apiKey = apiKey;
        this.clock = clock;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads); // a hanging request must not block the next one
        server.createContext("/", this::handle);
        server.start();
    }

    /** Subscriptions, invoices and the customer portal (Checkout in subscription mode). */
    public FakeStripeBilling billing() {
        return billing;
    }

    Instant clockNow() {
        return clock.instant();
    }

    int nextId() {
        return ids.incrementAndGet();
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void mode(Mode mode) {
        mode(mode, "/");
    }

    /** {@code mode} for requests whose path starts with {@code pathPrefix}; the others are answered normally. */
    void mode(Mode mode, String pathPrefix) {
        this.mode = mode;
        this.modePath = pathPrefix;
    }

    List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public List<Recorded> requests(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    public ObjectNode session(String id) {
        return sessions.get(id);
    }

    int refundCount() {
        return refunds.size();
    }

    /** The buyer finished Checkout: a payment intent with a charge; {@code paid} false for an asynchronous method still processing. */
    public ObjectNode complete(String sessionId, boolean paid) {
        ObjectNode session = sessions.get(sessionId);
        long amount = session.get("amount_total").asLong();
        String currency = session.get("currency").asText();
        ObjectNode charge = fixture("charge");
        String chargeId = "ch_" + ids.incrementAndGet();
        String intentId = "pi_" + ids.incrementAndGet();
        charge.put("id", chargeId).put("amount", amount).put("amount_captured", paid ? amount : 0).put("amount_refunded", 0)
                .put("currency", currency).put("payment_intent", intentId).put("paid", paid).put("captured", paid)
                .put("status", paid ? "succeeded" : "pending").put("refunded", false);
        charge.set("metadata", session.get("metadata").deepCopy());
        charges.put(chargeId, charge);
        ObjectNode intent = fixture("payment_intent");
        intent.put("id", intentId).put("amount", amount).put("amount_received", paid ? amount : 0).put("currency", currency)
                .put("status", paid ? "succeeded" : "processing").put("latest_charge", chargeId).putNull("canceled_at");
        intent.set("metadata", session.get("metadata").deepCopy());
        intents.put(intentId, intent);
        session.put("status", "complete").put("payment_status", paid ? "paid" : "unpaid").put("payment_intent", intentId);
        return session;
    }

    /** The charge of a completed session as Stripe holds it now (with its {@code refunds} list), for a {@code charge.refunded} event. */
    public ObjectNode charge(String sessionId) {
        ObjectNode intent = intents.get(sessions.get(sessionId).get("payment_intent").asText());
        return charges.get(intent.get("latest_charge").asText()).deepCopy();
    }

    /** Someone refunds {@code amount} of a completed session in Stripe's dashboard (no metadata); returns the charge afterwards. */
    public ObjectNode refundInDashboard(String sessionId, long amount) throws IOException {
        String intentId = sessions.get(sessionId).get("payment_intent").asText();
        Stored answer = createRefund(Map.of("payment_intent", intentId, "amount", Long.toString(amount)));
        if (answer.status() != 200) {
            throw new IllegalStateException(answer.body());
        }
        return charge(sessionId);
    }

    /** A refund as Stripe holds it now, for a {@code refund.*} event. */
    public ObjectNode refund(String refundId) {
        return refunds.get(refundId).deepCopy();
    }

    /**
     * A dispute of a completed session's charge, as in {@code charge.dispute.*} events: like Stripe's,
     * it names the charge and the payment intent and carries no metadata. {@code status} e.g.
     * {@code needs_response}, {@code won}, {@code lost}.
     */
    public ObjectNode dispute(String sessionId, String status) {
        ObjectNode charge = charge(sessionId);
        ObjectNode dispute = fixture("dispute");
        dispute.put("id", "dp_" + charge.get("id").asText()).put("charge", charge.get("id").asText())
                .put("payment_intent", charge.get("payment_intent").asText()).put("amount", charge.get("amount").asLong())
                .put("currency", charge.get("currency").asText()).put("status", status).put("reason", "fraudulent");
        return dispute;
    }

    /** The asynchronous payment of a completed session failed. */
    public void failAsync(String sessionId) {
        intents.get(sessions.get(sessionId).get("payment_intent").asText()).put("status", "requires_payment_method");
    }

    public void expire(String sessionId) {
        sessions.get(sessionId).put("status", "expired");
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    public static ObjectNode fixture(String resource) {
        return (ObjectNode) FIXTURES.get(resource).deepCopy();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            String raw = method.equals("GET") ? exchange.getRequestURI().getRawQuery()
                    : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> params = form(raw);
            requests.add(new Recorded(method, path, Map.copyOf(headers), params));

            Mode now = path.startsWith(modePath) ? mode : Mode.NORMAL;
            if (now == Mode.FAIL_500) {
                send(exchange, 500, error("api_error", null, "An unknown error occurred (fake)"));
                return;
            }
            Stored answer = answer(method, path, headers, params);
            if (now == Mode.HANG) {
                released.await(60, TimeUnit.SECONDS); // the work is done, the answer never arrives
                return;
            }
            send(exchange, answer.status(), answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Stored answer(String method, String path, Map<String, String> headers, Map<String, String> params) throws IOException {
        String auth = headers.getOrDefault("authorization", "");
        if (!auth.equals("Bearer " + apiKey)) {
            // Stripe masks the key in this message; echoing it whole tests that the plugin never passes it on
            return new Stored("", 401, error("invalid_request_error", null, "Invalid API Key provided: " + auth.replace("Bearer ", "")));
        }
        String key = headers.get("idempotency-key");
        if (!method.equals("POST") || key == null) {
            return route(method, path, params);
        }
        String paramsKey = path + " " + params;
        synchronized (idempotent) {
            Stored earlier = idempotent.get(key);
            if (earlier != null) {
                return earlier.paramsKey().equals(paramsKey) ? earlier : new Stored(paramsKey, 400, error("idempotency_error", null,
                        "Keys for idempotent requests can only be used with the same parameters they were first used with."));
            }
            Stored fresh = route(method, path, params);
            Stored stored = new Stored(paramsKey, fresh.status(), fresh.body());
            if (fresh.status() < 500) {
                idempotent.put(key, stored);
            }
            return stored;
        }
    }

    private Stored route(String method, String path, Map<String, String> params) throws IOException {
        if (method.equals("POST") && path.equals("/v1/checkout/sessions")) {
            return createSession(params);
        }
        if (method.equals("GET") && path.equals("/v1/checkout/sessions")) {
            return listSessions(params);
        }
        if (method.equals("GET") && path.startsWith("/v1/checkout/sessions/")) {
            return retrieveSession(path.substring("/v1/checkout/sessions/".length()), params);
        }
        if (method.equals("POST") && path.equals("/v1/refunds")) {
            return createRefund(params);
        }
        if (path.startsWith("/v1/subscriptions/") || path.equals("/v1/billing_portal/sessions")) {
            return billing.route(method, path, params);
        }
        return new Stored("", 404, error("invalid_request_error", null, "Unrecognized request URL (" + method + ": " + path + ")"));
    }

    private Stored createSession(Map<String, String> params) throws IOException {
        long total = 0;
        String currency = null;
        for (int i = 0; params.containsKey("line_items[" + i + "][quantity]"); i++) {
            String price = "line_items[" + i + "][price_data]";
            total += Long.parseLong(params.get(price + "[unit_amount]")) * Long.parseLong(params.get("line_items[" + i + "][quantity]"));
            currency = params.get(price + "[currency]");
        }
        String mode = params.get("mode");
        if (currency == null || !("payment".equals(mode) || "subscription".equals(mode)) || params.get("success_url") == null) {
            return new Stored("", 400, error("invalid_request_error", "parameter_missing", "Missing required param: line_items, mode or success_url."));
        }
        String id = "cs_test_" + ids.incrementAndGet();
        long now = clock.instant().getEpochSecond();
        ObjectNode session = fixture("checkout.session");
        if ("subscription".equals(mode)) {
            Stored refused = billing.subscriptionSession(id, params);
            if (refused != null) {
                return refused;
            }
            total = params.containsKey("subscription_data[trial_period_days]") ? 0 : total; // a trial's first invoice is free
        }
        session.put("id", id).put("url", "https://checkout.stripe.com/c/pay/" + id).put("mode", mode)
                .put("status", "open").put("payment_status", "unpaid").putNull("payment_intent")
                .put("amount_total", total).put("amount_subtotal", total).put("currency", currency)
                .put("client_reference_id", params.get("client_reference_id")).put("customer_email", params.get("customer_email"))
                .put("success_url", params.get("success_url")).put("cancel_url", params.get("cancel_url"))
                .put("created", now).put("expires_at", now + 24 * 3600);
        ObjectNode metadata = session.putObject("metadata");
        params.forEach((k, v) -> {
            if (k.startsWith("metadata[")) {
                metadata.put(k.substring("metadata[".length(), k.length() - 1), v);
            }
        });
        sessions.put(id, session);
        return new Stored("", 200, JSON.writeValueAsString(session));
    }

    private Stored retrieveSession(String id, Map<String, String> params) throws IOException {
        ObjectNode session = sessions.get(id);
        if (session == null) {
            return new Stored("", 404, error("invalid_request_error", "resource_missing", "No such checkout.session: '" + id + "'"));
        }
        ObjectNode copy = session.deepCopy();
        boolean expandIntent = params.containsValue("payment_intent") || params.containsValue("payment_intent.latest_charge");
        if (expandIntent && copy.hasNonNull("payment_intent")) {
            ObjectNode intent = intents.get(copy.get("payment_intent").asText()).deepCopy();
            if (params.containsValue("payment_intent.latest_charge") && intent.hasNonNull("latest_charge")) {
                intent.set("latest_charge", charges.get(intent.get("latest_charge").asText()).deepCopy());
            }
            copy.set("payment_intent", intent);
        }
        return new Stored("", 200, JSON.writeValueAsString(copy));
    }

    /** Only the {@code payment_intent} filter the plugin uses; newest first like Stripe. */
    private Stored listSessions(Map<String, String> params) throws IOException {
        ObjectNode list = JSON.createObjectNode().put("object", "list").put("url", "/v1/checkout/sessions").put("has_more", false);
        var data = list.putArray("data");
        String intent = params.get("payment_intent");
        sessions.values().stream().filter(s -> intent == null || intent.equals(s.path("payment_intent").asText(null)))
                .sorted((a, b) -> b.get("id").asText().compareTo(a.get("id").asText()))
                .limit(Long.parseLong(params.getOrDefault("limit", "10"))).forEach(s -> data.add(s.deepCopy()));
        return new Stored("", 200, JSON.writeValueAsString(list));
    }

    private Stored createRefund(Map<String, String> params) throws IOException {
        ObjectNode intent = intents.get(String.valueOf(params.get("payment_intent")));
        if (intent == null) {
            return new Stored("", 404, error("invalid_request_error", "resource_missing", "No such payment_intent: '" + params.get("payment_intent") + "'"));
        }
        ObjectNode charge = charges.get(intent.get("latest_charge").asText());
        long left = charge.get("amount_captured").asLong() - charge.get("amount_refunded").asLong();
        long amount = params.containsKey("amount") ? Long.parseLong(params.get("amount")) : left;
        if (amount > left || amount <= 0) {
            return new Stored("", 400, error("invalid_request_error", "amount_too_large",
                    "Refund amount (" + amount + ") is greater than unrefunded amount on charge (" + left + ")"));
        }
        charge.put("amount_refunded", charge.get("amount_refunded").asLong() + amount).put("refunded", amount == left);
        ObjectNode refund = fixture("refund");
        refund.put("id", "re_" + ids.incrementAndGet()).put("amount", amount).put("currency", charge.get("currency").asText())
                .put("charge", charge.get("id").asText()).put("payment_intent", intent.get("id").asText())
                .put("status", "succeeded").put("created", clock.instant().getEpochSecond());
        ObjectNode metadata = refund.putObject("metadata");
        params.forEach((k, v) -> {
            if (k.startsWith("metadata[")) {
                metadata.put(k.substring("metadata[".length(), k.length() - 1), v);
            }
        });
        refunds.put(refund.get("id").asText(), refund);
        // Stripe lists a charge's refunds newest first
        ((com.fasterxml.jackson.databind.node.ArrayNode) charge.withObject("/refunds").withArray("data")).insert(0, refund.deepCopy());
        return new Stored("", 200, JSON.writeValueAsString(refund));
    }

    static String error(String type, String code, String message) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error").put("type", type).put("message", message);
        if (code != null) {
            error.put("code", code);
        }
        return root.toString();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Request-Id", "req_fake");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** {@code a=1&b%5B0%5D=x} → {@code {a=1, b[0]=x}}, in order. */
    static Map<String, String> form(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(k, v);
        }
        return params;
    }

    private static JsonNode load() {
        try (InputStream in = FakeStripe.class.getResourceAsStream("/stripe/fixtures3-subset.json")) {
            return JSON.readTree(in).get("resources");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keys with the same prefix, for assertions on a nested parameter group. */
    static List<String> keysStartingWith(Map<String, String> params, String prefix) {
        List<String> keys = new ArrayList<>();
        params.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(keys::add);
        return keys;
    }
}
