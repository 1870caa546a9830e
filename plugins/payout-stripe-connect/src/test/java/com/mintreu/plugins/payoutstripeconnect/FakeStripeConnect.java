package com.mintreu.plugins.payoutstripeconnect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for the part of Stripe Connect this plugin uses: {@code POST /v1/accounts},
 * {@code GET /v1/accounts/{id}}, {@code POST /v1/account_links} (whose URL is a page on this fake,
 * {@code GET /setup/s/...}), and {@code POST /v1/transfers}. Objects are copies of Stripe's
 * published fixtures ({@code stripe-connect/fixtures3-subset.json}) with the fields the call sets;
 * errors have Stripe's {@code {"error":{...}}} shape. Like Stripe it checks the secret key,
 * replays the stored answer for a repeated {@code Idempotency-Key} and refuses that key for other
 * parameters (400 {@code idempotency_error}), and refuses a transfer to an account whose payouts
 * are not enabled.
 *
 * <p>Tests drive the payee's side ({@link #completeOnboarding}), reverse transfers as the
 * platform's dashboard would ({@link #reverse}), and send signed webhooks ({@link #deliver}).
 * Public, in this module's test-jar, for the engine's tests.
 */
public final class FakeStripeConnect implements AutoCloseable {

    /** One request as received; header names lower-case. */
    public record Recorded(String method, String path, Map<String, String> headers, Map<String, String> params) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A webhook delivery's answer. */
    public record Delivered(int status, String body) {}

    private record Stored(String paramsKey, int status, String body) {}

    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode FIXTURES = load();

    private final String apiKey;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Stored> idempotent = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> accounts = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> transfers = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> links = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean failNextLink = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicBoolean loseNextTransferAnswer = new java.util.concurrent.atomic.AtomicBoolean();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    public FakeStripeConnect(String apiKey) {
        this.apiKey = apiKey;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Recorded> requests(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    /** Every transfer Stripe holds, as it holds it now. */
    public List<ObjectNode> transfers() {
        return transfers.values().stream().map(ObjectNode::deepCopy).toList();
    }

    public ObjectNode transfer(String id) {
        return transfers.get(id).deepCopy();
    }

    public ObjectNode account(String id) {
        return accounts.get(id).deepCopy();
    }

    /** The account links made so far: url, account, return_url, refresh_url. */
    public List<ObjectNode> links() {
        return links.values().stream().map(ObjectNode::deepCopy).toList();
    }

    /** The next account link request gets Stripe's 500 (Stripe is having a bad minute). */
    public void failNextAccountLink() {
        failNextLink.set(true);
    }

    /** The next transfer is made, but its answer is lost on the way back (the client sees a 500): an unknown outcome. */
    public void loseNextTransferAnswer() {
        loseNextTransferAnswer.set(true);
    }

    /** The payee filled in Stripe's form: details submitted, payouts enabled. Returns the account as Stripe holds it now. */
    public ObjectNode completeOnboarding(String accountId) {
        ObjectNode a = accounts.get(accountId);
        a.put("details_submitted", true).put("payouts_enabled", true).put("charges_enabled", true);
        a.withObject("/requirements").putArray("currently_due");
        a.withObject("/requirements").putNull("disabled_reason");
        return a.deepCopy();
    }

    /** The platform reverses {@code amount} of a transfer (dashboard or API); returns the transfer now. */
    public ObjectNode reverse(String transferId, long amount) {
        ObjectNode t = transfers.get(transferId);
        ObjectNode reversal = fixture("transfer_reversal");
        reversal.put("id", "trr_" + ids.incrementAndGet()).put("amount", amount).put("currency", t.get("currency").asText())
                .put("transfer", transferId);
        long reversed = t.get("amount_reversed").asLong() + amount;
        t.put("amount_reversed", reversed).put("reversed", reversed >= t.get("amount").asLong());
        ((ArrayNode) t.withObject("/reversals").withArray("data")).insert(0, reversal);
        return t.deepCopy();
    }

    /** A Stripe event of {@code type} around {@code object}, as JSON. */
    public static String event(String id, String type, JsonNode object, Instant created) {
        ObjectNode event = fixture("event");
        event.put("id", id).put("type", type).put("created", created.getEpochSecond());
        event.putObject("data").set("object", object.deepCopy());
        return event.toString();
    }

    /** {@code t=<t>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}, as Stripe documents it (computed here, not by the plugin). */
    public static String sign(String secret, Instant at, String body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((at.getEpochSecond() + ".").getBytes(StandardCharsets.US_ASCII));
            return "t=" + at.getEpochSecond() + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh event id. */
    public static String eventId() {
        return "evt_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** POSTs {@code body} to {@code url} signed with {@code secret} at {@code at}, like Stripe's webhook sender; {@code signature} null signs it properly. */
    public Delivered deliver(URI url, String body, String signature) {
        try {
            HttpRequest.Builder req = HttpRequest.newBuilder(url).header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (signature != null) {
                req.header("Stripe-Signature", signature);
            }
            HttpResponse<String> answer = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            return new Delivered(answer.statusCode(), answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
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
            if (method.equals("GET") && path.startsWith("/setup/s/")) {
                // the payee's browser on Stripe's hosted form; no API key there
                send(exchange, 200, "text/html; charset=utf-8", "<!doctype html><title>Stripe onboarding (fake)</title><p>" + path);
                return;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            String raw = method.equals("GET") ? exchange.getRequestURI().getRawQuery()
                    : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> params = form(raw);
            requests.add(new Recorded(method, path, Map.copyOf(headers), params));
            if (path.equals("/v1/account_links") && failNextLink.compareAndSet(true, false)) {
                send(exchange, 500, "application/json", error("api_error", null, "An unknown error occurred (fake)"));
                return;
            }
            Stored answer = answer(method, path, headers, params);
            if (path.equals("/v1/transfers") && loseNextTransferAnswer.compareAndSet(true, false)) {
                send(exchange, 500, "application/json", error("api_error", null, "An unknown error occurred (fake: the transfer was made)"));
                return;
            }
            send(exchange, answer.status(), "application/json", answer.body());
        }
    }

    private Stored answer(String method, String path, Map<String, String> headers, Map<String, String> params) throws IOException {
        if (!headers.getOrDefault("authorization", "").equals("Bearer " + apiKey)) {
            return new Stored("", 401, error("invalid_request_error", null, "Invalid API Key provided"));
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
        if (method.equals("POST") && path.equals("/v1/accounts")) {
            return createAccount(params);
        }
        if (method.equals("GET") && path.startsWith("/v1/accounts/")) {
            ObjectNode a = accounts.get(path.substring("/v1/accounts/".length()));
            return a == null ? missing("account", path) : new Stored("", 200, a.toString());
        }
        if (method.equals("POST") && path.equals("/v1/account_links")) {
            return createLink(params);
        }
        if (method.equals("POST") && path.equals("/v1/transfers")) {
            return createTransfer(params);
        }
        return new Stored("", 404, error("invalid_request_error", null, "Unrecognized request URL (" + method + ": " + path + ")"));
    }

    private Stored createAccount(Map<String, String> params) {
        if (!"express".equals(params.get("type"))) {
            return new Stored("", 400, error("invalid_request_error", "parameter_missing", "Missing or unsupported type."));
        }
        ObjectNode a = fixture("account");
        String id = "acct_" + ids.incrementAndGet();
        a.put("id", id).put("type", "express").put("email", params.get("email")).put("details_submitted", false)
                .put("payouts_enabled", false).put("charges_enabled", false).put("created", Instant.now().getEpochSecond());
        a.set("metadata", metadata(params));
        a.putObject("capabilities").put("transfers", "true".equals(params.get("capabilities[transfers][requested]"))
                ? "inactive" : "unrequested");
        accounts.put(id, a);
        return new Stored("", 200, a.toString());
    }

    private Stored createLink(Map<String, String> params) {
        String account = params.get("account");
        if (account == null || !accounts.containsKey(account)) {
            return missing("account", String.valueOf(account));
        }
        if (!"account_onboarding".equals(params.get("type")) || params.get("return_url") == null || params.get("refresh_url") == null) {
            return new Stored("", 400, error("invalid_request_error", "parameter_missing", "Missing required param: type, return_url or refresh_url."));
        }
        ObjectNode link = fixture("account_link");
        String url = base() + "/setup/s/" + account + "/" + UUID.randomUUID().toString().replace("-", "");
        long now = Instant.now().getEpochSecond();
        link.put("url", url).put("created", now).put("expires_at", now + 300);
        ObjectNode kept = link.deepCopy().put("account", account).put("return_url", params.get("return_url")).put("refresh_url", params.get("refresh_url"));
        links.put(url, kept);
        return new Stored("", 200, link.toString());
    }

    private Stored createTransfer(Map<String, String> params) {
        ObjectNode destination = accounts.get(String.valueOf(params.get("destination")));
        if (destination == null) {
            return missing("account", String.valueOf(params.get("destination")));
        }
        if (!destination.get("payouts_enabled").asBoolean()) {
            return new Stored("", 400, error("invalid_request_error", "insufficient_capabilities_for_transfer",
                    "Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments"));
        }
        long amount;
        try {
            amount = Long.parseLong(params.getOrDefault("amount", ""));
        } catch (NumberFormatException e) {
            return new Stored("", 400, error("invalid_request_error", "parameter_invalid_integer", "Invalid integer: amount"));
        }
        String currency = params.get("currency");
        if (amount <= 0 || currency == null || !currency.equals(currency.toLowerCase(Locale.ROOT))) {
            return new Stored("", 400, error("invalid_request_error", "parameter_invalid", "Invalid amount or currency."));
        }
        ObjectNode t = fixture("transfer");
        String id = "tr_" + ids.incrementAndGet();
        t.put("id", id).put("amount", amount).put("currency", currency).put("destination", destination.get("id").asText())
                .put("amount_reversed", 0).put("reversed", false).put("transfer_group", params.get("transfer_group"))
                .put("description", params.get("description")).put("created", Instant.now().getEpochSecond())
                .put("destination_payment", "py_" + ids.incrementAndGet());
        t.set("metadata", metadata(params));
        t.withObject("/reversals").putArray("data");
        t.withObject("/reversals").put("url", "/v1/transfers/" + id + "/reversals");
        transfers.put(id, t);
        return new Stored("", 200, t.toString());
    }

    private static ObjectNode metadata(Map<String, String> params) {
        ObjectNode metadata = JSON.createObjectNode();
        params.forEach((k, v) -> {
            if (k.startsWith("metadata[")) {
                metadata.put(k.substring("metadata[".length(), k.length() - 1), v);
            }
        });
        return metadata;
    }

    private static Stored missing(String what, String id) {
        return new Stored("", 404, error("invalid_request_error", "resource_missing", "No such " + what + ": '" + id + "'"));
    }

    static String error(String type, String code, String message) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error").put("type", type).put("message", message);
        if (code != null) {
            error.put("code", code);
        }
        return root.toString();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Request-Id", "req_fake");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static Map<String, String> form(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private static JsonNode load() {
        try (InputStream in = FakeStripeConnect.class.getResourceAsStream("/stripe-connect/fixtures3-subset.json")) {
            return JSON.readTree(in).get("resources");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
