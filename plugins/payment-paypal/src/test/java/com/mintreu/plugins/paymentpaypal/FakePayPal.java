package com.mintreu.plugins.paymentpaypal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local PayPal: the OAuth token call as PayPal documents it, and the Orders v2, Payments v2
 * (refund) and verify-webhook-signature operations with the shapes of PayPal's published OpenAPI
 * descriptions (/work/shared/reference/paypal). Like PayPal it replays the first answer for a
 * repeated {@code PayPal-Request-Id}. It records every request, can hang or fail a path, and
 * signs webhook deliveries it remembers, so verify-webhook-signature answers SUCCESS only for a
 * transmission it made with the event exactly as sent. Subscriptions are {@link FakePayPalSubscriptions}.
 */
public final class FakePayPal implements AutoCloseable {

    /** One request as received. */
    public record Recorded(String method, String path, Map<String, String> headers, String body) {
        /** A request header by its lower-case name, or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A webhook delivery as PayPal would post it: the five PAYPAL-* headers and the raw body. */
    public record Delivery(Map<String, List<String>> headers, byte[] body) {}

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ORDER = Pattern.compile("/v2/checkout/orders/([A-Z0-9]+)");
    private static final Pattern CAPTURE = Pattern.compile("/v2/checkout/orders/([A-Z0-9]+)/capture");
    private static final Pattern REFUND = Pattern.compile("/v2/payments/captures/([A-Z0-9]+)/refund");
    private static final Pattern GET_CAPTURE = Pattern.compile("/v2/payments/captures/([A-Z0-9]+)");

    final String clientId;
    final String clientSecret;
    final String webhookId;
    final List<Recorded> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger tokensIssued = new AtomicInteger();
    public final AtomicInteger capturesDone = new AtomicInteger();
    public final AtomicInteger refundsDone = new AtomicInteger();
    volatile long tokenLifetimeSeconds = 32400;
    public volatile String captureStatus = "COMPLETED";
    volatile boolean declineCaptures;
    volatile String forcedVerification;
    /** Subscriptions v1 and catalog products. */
    public final FakePayPalSubscriptions subscriptions = new FakePayPalSubscriptions(this);

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-paypal");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, ObjectNode> orders = new ConcurrentHashMap<>();
    private final Map<String, String> captureToOrder = new ConcurrentHashMap<>();
    private final Map<String, byte[]> replays = new ConcurrentHashMap<>();
    private final Map<String, Integer> replayStatus = new ConcurrentHashMap<>();
    private final Map<String, Object> inFlight = new ConcurrentHashMap<>();
    private final Map<String, String> disputeIds = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, Delivery> sent = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Map<String, Boolean> hangs = new ConcurrentHashMap<>();
    private final Map<String, Boolean> drops = new ConcurrentHashMap<>();
    private final Map<String, Hold> holds = new ConcurrentHashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);

    public FakePayPal(String clientId, String clientSecret, String webhookId) throws IOException {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.webhookId = webhookId;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Requests to paths starting with {@code prefix} never get an answer (until close). */
    public void hang(String prefix) {
        hangs.put(prefix, true);
    }

    /**
     * The next request to a path starting with {@code prefix} is carried out (and remembered for its
     * {@code PayPal-Request-Id}) but its answer is lost: the connection closes without a response.
     */
    public void loseNextAnswer(String prefix) {
        drops.put(prefix, true);
    }

    /**
     * The next request to a path starting with {@code prefix} is carried out at once, but its answer
     * waits until the returned latch is counted down (at most {@code max}), as when PayPal's webhook
     * about an operation overtakes the operation's own answer.
     */
    public CountDownLatch holdNextAnswer(String prefix, java.time.Duration max) {
        CountDownLatch release = new CountDownLatch(1);
        holds.put(prefix, new Hold(release, max));
        return release;
    }

    private record Hold(CountDownLatch release, java.time.Duration max) {}

    /** Requests to paths starting with {@code prefix} get {@code status} with a PayPal error body. */
    public void fail(String prefix, int status) {
        failures.put(prefix, status);
    }

    public void clearFaults() {
        hangs.clear();
        failures.clear();
        drops.clear();
        holds.clear();
    }

    public List<Recorded> requests(String method, String pathPrefix) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).toList();
    }

    public ObjectNode order(String id) {
        return orders.get(id);
    }

    /** The order's status, safe to read while other threads capture or refund it. */
    public synchronized String status(String orderId) {
        return orders.get(orderId).path("status").asText();
    }

    /** The buyer approves the order on PayPal's page. */
    public synchronized void approve(String orderId) {
        ObjectNode order = orders.get(orderId);
        order.put("status", "APPROVED");
        order.putObject("payer").put("email_address", "buyer@example.com").put("payer_id", "QYR5Z8XDVJNXQ");
    }

    /** The buyer approves the order and the capture happens, as the plugin's return route would do it. */
    ObjectNode approveAndCapture(String orderId) {
        approve(orderId);
        capture(orderId);
        return captureById(orders.get(orderId).path("purchase_units").path(0).path("payments").path("captures").path(0).path("id").asText());
    }

    /** A delivery with PayPal's headers that this fake never signed, as a forger would post it. */
    public Delivery forge(byte[] event, Instant transmissionTime) {
        Delivery real = deliver(event, transmissionTime);
        sent.remove(real.headers().get("PAYPAL-TRANSMISSION-ID").get(0));
        return real;
    }

    /** Signs and remembers a webhook delivery of {@code event}, as PayPal would post it. */
    public Delivery deliver(String event, Instant transmissionTime) {
        return deliver(event.getBytes(StandardCharsets.UTF_8), transmissionTime);
    }

    /** Signs and remembers a webhook delivery of exactly these bytes (which need not be JSON). */
    Delivery deliver(byte[] event, Instant transmissionTime) {
        String transmissionId = UUID.randomUUID().toString();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("PAYPAL-AUTH-ALGO", List.of("SHA256withRSA"));
        headers.put("PAYPAL-CERT-URL", List.of("https://api-m.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77"));
        headers.put("PAYPAL-TRANSMISSION-ID", List.of(transmissionId));
        headers.put("PAYPAL-TRANSMISSION-SIG", List.of(Base64.getEncoder().encodeToString(("sig:" + transmissionId).getBytes(StandardCharsets.UTF_8))));
        headers.put("PAYPAL-TRANSMISSION-TIME", List.of(transmissionTime.toString()));
        headers.put("Content-Type", List.of("application/json"));
        Delivery delivery = new Delivery(headers, event.clone());
        sent.put(transmissionId, delivery);
        return delivery;
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
        requests.add(new Recorded(ex.getRequestMethod(), path, headers, body));
        try {
            for (String prefix : hangs.keySet()) {
                if (path.startsWith(prefix)) {
                    released.await(60, TimeUnit.SECONDS);
                    return;
                }
            }
            for (Map.Entry<String, Integer> f : failures.entrySet()) {
                if (path.startsWith(f.getKey())) {
                    send(ex, f.getValue(), error("INTERNAL_SERVER_ERROR", "An internal server error has occurred.", null));
                    return;
                }
            }
            route(ex, path, headers, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            send(ex, 500, error("INTERNAL_SERVER_ERROR", "fake: " + e, null));
        } finally {
            ex.close();
        }
    }

    private void route(HttpExchange ex, String path, Map<String, String> headers, String body) throws IOException {
        String method = ex.getRequestMethod();
        if (method.equals("POST") && path.equals("/v1/oauth2/token")) {
            token(ex, headers, body);
            return;
        }
        String auth = headers.getOrDefault("authorization", "");
        if (!auth.startsWith("Bearer ") || !tokens.containsKey(auth.substring(7))) {
            send(ex, 401, error("AUTHENTICATION_FAILURE", "Authentication failed due to invalid authentication credentials or a missing Authorization header.", null));
            return;
        }
        String requestId = headers.get("paypal-request-id");
        if (requestId == null) {
            Answer answer = answer(method, path, body);
            reply(ex, path, answer);
            return;
        }
        // like PayPal, requests with one PayPal-Request-Id are one operation: a second one sent while
        // the first runs waits for it and gets its answer (two tabs returning at once capture once)
        String replayKey = method + " " + path + " " + requestId;
        Answer answer;
        synchronized (inFlight.computeIfAbsent(replayKey, k -> new Object())) {
            if (replays.containsKey(replayKey)) {
                answer = new Answer(replayStatus.get(replayKey) == 201 ? 200 : replayStatus.get(replayKey), replays.get(replayKey));
            } else {
                answer = answer(method, path, body);
                if (answer.status() < 500) {
                    replays.put(replayKey, answer.body());
                    replayStatus.put(replayKey, answer.status());
                }
            }
        }
        reply(ex, path, answer);
    }

    private void reply(HttpExchange ex, String path, Answer answer) throws IOException {
        for (String prefix : drops.keySet()) {
            if (path.startsWith(prefix) && drops.remove(prefix) != null) {
                return; // closed by handle() without a response
            }
        }
        for (String prefix : holds.keySet()) {
            Hold hold = path.startsWith(prefix) ? holds.remove(prefix) : null;
            if (hold != null) {
                try {
                    hold.release().await(hold.max().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        send(ex, answer.status(), answer.body());
    }

    private Answer answer(String method, String path, String body) throws IOException {
        Matcher m;
        Answer answer;
        if (method.equals("POST") && path.equals("/v2/checkout/orders")) {
            answer = createOrder(JSON.readTree(body));
        } else if (method.equals("POST") && (m = CAPTURE.matcher(path)).matches()) {
            answer = capture(m.group(1));
        } else if (method.equals("GET") && (m = ORDER.matcher(path)).matches()) {
            ObjectNode order = orders.get(m.group(1));
            answer = order == null ? notFound() : new Answer(200, order.toString().getBytes(StandardCharsets.UTF_8));
        } else if (method.equals("GET") && (m = GET_CAPTURE.matcher(path)).matches()) {
            ObjectNode capture = captureById(m.group(1));
            answer = capture == null ? notFound() : new Answer(200, capture.toString().getBytes(StandardCharsets.UTF_8));
        } else if (method.equals("POST") && (m = REFUND.matcher(path)).matches()) {
            answer = refund(m.group(1), body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body));
        } else if (method.equals("POST") && path.equals("/v1/notifications/verify-webhook-signature")) {
            answer = verify(JSON.readTree(body), body);
        } else {
            Answer billing = subscriptions.answer(method, path, body);
            answer = billing != null ? billing : notFound();
        }
        return answer;
    }

    record Answer(int status, byte[] body) {}

    private void token(HttpExchange ex, Map<String, String> headers, String body) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(headers.get("authorization")) || !body.equals("grant_type=client_credentials")) {
            send(ex, 401, "{\"error\":\"invalid_client\",\"error_description\":\"Client Authentication failed\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String token = "A21AA" + UUID.randomUUID().toString().replace("-", "");
        tokens.put(token, clientId);
        tokensIssued.incrementAndGet();
        ObjectNode answer = JSON.createObjectNode()
                .put("scope", "https://uri.paypal.com/services/payments/payment https://uri.paypal.com/services/payments/refund")
                .put("access_token", token).put("token_type", "Bearer").put("app_id", "APP-80W284485P519543T")
                .put("expires_in", tokenLifetimeSeconds).put("nonce", Instant.now() + "nonce");
        send(ex, 200, answer.toString().getBytes(StandardCharsets.UTF_8));
    }

    private synchronized Answer createOrder(JsonNode request) {
        JsonNode unit = request.path("purchase_units").path(0);
        JsonNode amount = unit.path("amount");
        if (!"CAPTURE".equals(request.path("intent").asText()) || !amount.path("value").isTextual()) {
            return unprocessable("MISSING_REQUIRED_PARAMETER", 400);
        }
        // the checks PayPal makes on a breakdown (Orders v2 errors ITEM_TOTAL_MISMATCH, AMOUNT_MISMATCH)
        JsonNode breakdown = amount.path("breakdown");
        if (!breakdown.isMissingNode()) {
            BigDecimal items = BigDecimal.ZERO;
            for (JsonNode item : unit.path("items")) {
                items = items.add(new BigDecimal(item.path("unit_amount").path("value").asText()).multiply(new BigDecimal(item.path("quantity").asText())));
            }
            BigDecimal itemTotal = new BigDecimal(breakdown.path("item_total").path("value").asText("0"));
            if (items.compareTo(itemTotal) != 0) {
                return unprocessable("ITEM_TOTAL_MISMATCH", 422);
            }
            BigDecimal discount = new BigDecimal(breakdown.path("discount").path("value").asText("0"));
            if (itemTotal.subtract(discount).compareTo(new BigDecimal(amount.path("value").asText())) != 0) {
                return unprocessable("AMOUNT_MISMATCH", 422);
            }
        }
        String id = newId();
        ObjectNode order = JSON.createObjectNode();
        order.put("id", id).put("intent", "CAPTURE").put("status", "PAYER_ACTION_REQUIRED");
        order.putObject("payment_source").putObject("paypal");
        ObjectNode pu = ((ObjectNode) unit.deepCopy());
        pu.putObject("payee").put("email_address", "merchant@example.com").put("merchant_id", "7KNGBPH2U58GQ");
        order.putArray("purchase_units").add(pu);
        order.put("create_time", Instant.now().toString());
        ArrayNode links = order.putArray("links");
        links.addObject().put("href", base() + "/v2/checkout/orders/" + id).put("rel", "self").put("method", "GET");
        links.addObject().put("href", "https://www.paypal.com/checkoutnow?token=" + id).put("rel", "payer-action").put("method", "GET");
        orders.put(id, order);
        return new Answer(201, order.toString().getBytes(StandardCharsets.UTF_8));
    }

    private synchronized Answer capture(String orderId) {
        ObjectNode order = orders.get(orderId);
        if (order == null) {
            return notFound();
        }
        String status = order.path("status").asText();
        if (status.equals("COMPLETED")) {
            return unprocessable("ORDER_ALREADY_CAPTURED", 422);
        }
        if (!status.equals("APPROVED")) {
            return unprocessable("ORDER_NOT_APPROVED", 422);
        }
        if (declineCaptures) {
            return unprocessable("INSTRUMENT_DECLINED", 422);
        }
        capturesDone.incrementAndGet();
        ObjectNode unit = (ObjectNode) order.path("purchase_units").path(0);
        String captureId = newId();
        ObjectNode capture = JSON.createObjectNode();
        capture.put("id", captureId).put("status", captureStatus);
        capture.set("amount", JSON.createObjectNode().put("currency_code", unit.path("amount").path("currency_code").asText())
                .put("value", unit.path("amount").path("value").asText()));
        capture.put("final_capture", true);
        capture.putObject("seller_protection").put("status", "ELIGIBLE");
        capture.put("custom_id", unit.path("custom_id").asText());
        capture.put("invoice_id", unit.path("invoice_id").asText());
        capture.putObject("supplementary_data").putObject("related_ids").put("order_id", orderId);
        capture.put("create_time", Instant.now().toString()).put("update_time", Instant.now().toString());
        capture.putArray("links").addObject().put("href", base() + "/v2/payments/captures/" + captureId).put("rel", "self").put("method", "GET");
        unit.putObject("payments").putArray("captures").add(capture);
        order.put("status", "COMPLETED");
        captureToOrder.put(captureId, orderId);
        return new Answer(201, order.toString().getBytes(StandardCharsets.UTF_8));
    }

    private synchronized Answer refund(String captureId, JsonNode request) {
        String orderId = captureToOrder.get(captureId);
        if (orderId == null) {
            return notFound();
        }
        ObjectNode payments = (ObjectNode) orders.get(orderId).path("purchase_units").path(0).path("payments");
        ObjectNode capture = (ObjectNode) payments.path("captures").path(0);
        BigDecimal paid = new BigDecimal(capture.path("amount").path("value").asText());
        String currency = capture.path("amount").path("currency_code").asText();
        BigDecimal already = BigDecimal.ZERO;
        for (JsonNode r : payments.path("refunds")) {
            already = already.add(new BigDecimal(r.path("amount").path("value").asText()));
        }
        JsonNode amount = request.path("amount");
        BigDecimal value = amount.isMissingNode() ? paid.subtract(already) : new BigDecimal(amount.path("value").asText());
        if (!amount.isMissingNode() && !currency.equals(amount.path("currency_code").asText())) {
            return unprocessable("REFUND_CURRENCY_MISMATCH", 422);
        }
        if (already.add(value).compareTo(paid) > 0) {
            return unprocessable("REFUND_AMOUNT_EXCEEDED", 422);
        }
        refundsDone.incrementAndGet();
        ObjectNode refund = JSON.createObjectNode();
        refund.put("id", newId()).put("status", "COMPLETED");
        refund.set("amount", JSON.createObjectNode().put("currency_code", currency).put("value", value.toPlainString()));
        if (request.has("custom_id")) {
            refund.put("custom_id", request.path("custom_id").asText());
        }
        if (request.has("invoice_id")) {
            refund.put("invoice_id", request.path("invoice_id").asText());
        }
        if (request.has("note_to_payer")) {
            refund.put("note_to_payer", request.path("note_to_payer").asText());
        }
        refund.put("create_time", Instant.now().toString());
        ArrayNode links = refund.putArray("links");
        links.addObject().put("href", base() + "/v2/payments/refunds/" + refund.path("id").asText()).put("rel", "self").put("method", "GET");
        links.addObject().put("href", base() + "/v2/payments/captures/" + captureId).put("rel", "up").put("method", "GET");
        (payments.has("refunds") ? (ArrayNode) payments.get("refunds") : payments.putArray("refunds")).add(refund);
        capture.put("status", already.add(value).compareTo(paid) == 0 ? "REFUNDED" : "PARTIALLY_REFUNDED");
        return new Answer(201, refund.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The capture as {@code GET /v2/payments/captures/{id}} shows it, or null. */
    public ObjectNode captureById(String captureId) {
        String orderId = captureToOrder.get(captureId);
        return orderId == null ? null : (ObjectNode) orders.get(orderId).path("purchase_units").path(0).path("payments").path("captures").path(0);
    }

    /**
     * A refund of {@code value} (decimal string) made by the merchant in PayPal's dashboard: no
     * {@code invoice_id} or {@code custom_id}, as the dashboard sets none. Returns the refund resource.
     */
    public ObjectNode refundInDashboard(String orderId, String value) {
        String captureId = captureOf(orderId);
        String currency = captureById(captureId).path("amount").path("currency_code").asText();
        ObjectNode request = JSON.createObjectNode();
        request.putObject("amount").put("currency_code", currency).put("value", value);
        Answer answer = refund(captureId, request);
        if (answer.status() != 201) {
            throw new IllegalStateException("dashboard refund refused: " + new String(answer.body(), StandardCharsets.UTF_8));
        }
        try {
            return (ObjectNode) JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The buyer's dispute of the order's capture as PayPal's dispute resource (Customer Disputes
     * v1): one dispute id per order; {@code outcomeCode} null while it is open (status
     * {@code WAITING_FOR_SELLER_RESPONSE}), else {@code RESOLVED} with that {@code dispute_outcome}.
     */
    public ObjectNode dispute(String orderId, String outcomeCode) {
        String captureId = captureOf(orderId);
        ObjectNode capture = captureById(captureId);
        String id = disputeIds.computeIfAbsent(orderId, k -> "PP-D-" + newId().substring(0, 6));
        ObjectNode dispute = JSON.createObjectNode();
        dispute.put("dispute_id", id).put("create_time", Instant.now().toString()).put("update_time", Instant.now().toString())
                .put("reason", "MERCHANDISE_OR_SERVICE_NOT_RECEIVED")
                .put("status", outcomeCode == null ? "WAITING_FOR_SELLER_RESPONSE" : "RESOLVED");
        dispute.set("dispute_amount", capture.path("amount").deepCopy());
        dispute.putArray("disputed_transactions").addObject().put("seller_transaction_id", captureId)
                .put("custom", capture.path("custom_id").asText());
        if (outcomeCode != null) {
            dispute.putObject("dispute_outcome").put("outcome_code", outcomeCode);
        }
        dispute.put("dispute_life_cycle_stage", "CHARGEBACK").put("dispute_channel", "EXTERNAL");
        return dispute;
    }

    /** PayPal denies the order's capture after it was pending (an eCheck that bounced): its status becomes DECLINED. */
    public synchronized ObjectNode denyCapture(String orderId) {
        ObjectNode capture = captureById(captureOf(orderId));
        capture.put("status", "DECLINED").put("update_time", Instant.now().toString());
        return capture;
    }

    /** The id of the order's (first) capture; fails when it has none. */
    public String captureOf(String orderId) {
        String id = orders.get(orderId).path("purchase_units").path(0).path("payments").path("captures").path(0).path("id").asText("");
        if (id.isEmpty()) {
            throw new IllegalStateException("PayPal order " + orderId + " has no capture");
        }
        return id;
    }

    /** How many refunds the order's capture has, safe to read while other threads refund it. */
    public synchronized int refundCount(String orderId) {
        return orders.get(orderId).path("purchase_units").path(0).path("payments").path("refunds").size();
    }

    /** The {@code index}th refund of the order's capture, as PayPal's refund resource. */
    public synchronized ObjectNode refundOf(String orderId, int index) {
        return ((ObjectNode) orders.get(orderId).path("purchase_units").path(0).path("payments").path("refunds").path(index)).deepCopy();
    }

    /** A webhook event of {@code type} around {@code resource}, as PayPal posts it. */
    public static String event(String type, String resourceType, JsonNode resource) {
        return event(type, resourceType, resource, Instant.now());
    }

    /** As {@link #event(String, String, JsonNode)}, created at {@code at} (a test clock's time). */
    public static String event(String type, String resourceType, JsonNode resource, Instant at) {
        ObjectNode event = JSON.createObjectNode();
        event.put("id", "WH-" + newId() + "-" + newId()).put("create_time", at.toString()).put("resource_type", resourceType)
                .put("event_type", type).put("event_version", "1.0").put("resource_version", "2.0");
        event.set("resource", resource);
        return event.toString();
    }

    /** The event as the verify request carries it, byte for byte: what follows {@code "webhook_event":}. */
    private static String rawEvent(String verifyBody) {
        int at = verifyBody.indexOf("\"webhook_event\":");
        return at < 0 || !verifyBody.endsWith("}") ? null : verifyBody.substring(at + "\"webhook_event\":".length(), verifyBody.length() - 1);
    }

    private Answer verify(JsonNode request, String body) {
        for (String field : List.of("auth_algo", "cert_url", "transmission_id", "transmission_sig", "transmission_time", "webhook_id")) {
            if (!request.path(field).isTextual()) {
                return unprocessable("MISSING_REQUIRED_PARAMETER", 400);
            }
        }
        if (!request.path("webhook_event").isObject()) {
            return unprocessable("MISSING_REQUIRED_PARAMETER", 400);
        }
        String status = "FAILURE";
        Delivery delivery = sent.get(request.path("transmission_id").asText());
        try {
            if (delivery != null && webhookId.equals(request.path("webhook_id").asText())
                    && delivery.headers().get("PAYPAL-TRANSMISSION-SIG").get(0).equals(request.path("transmission_sig").asText())
                    && delivery.headers().get("PAYPAL-TRANSMISSION-TIME").get(0).equals(request.path("transmission_time").asText())
                    && JSON.readTree(delivery.body()).equals(request.path("webhook_event"))
                    // PayPal's signature covers the event's bytes (a CRC32 of them), not its meaning
                    && new String(delivery.body(), StandardCharsets.UTF_8).equals(rawEvent(body))) {
                status = "SUCCESS";
            }
        } catch (IOException e) {
            status = "FAILURE";
        }
        if (forcedVerification != null) {
            status = forcedVerification;
        }
        return new Answer(200, JSON.createObjectNode().put("verification_status", status).toString().getBytes(StandardCharsets.UTF_8));
    }

    static Answer notFound() {
        return new Answer(404, error("RESOURCE_NOT_FOUND", "The specified resource does not exist.", "INVALID_RESOURCE_ID"));
    }

    static Answer unprocessable(String issue, int status) {
        return new Answer(status, error(status == 422 ? "UNPROCESSABLE_ENTITY" : "INVALID_REQUEST",
                "The requested action could not be performed, semantically incorrect, or failed business validation.", issue));
    }

    private static byte[] error(String name, String message, String issue) {
        ObjectNode e = JSON.createObjectNode().put("name", name).put("message", message).put("debug_id", "f1d2e3c4b5a69");
        if (issue != null) {
            e.putArray("details").addObject().put("issue", issue).put("description", issue.toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        }
        return e.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 17).toUpperCase(java.util.Locale.ROOT);
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.getResponseHeaders().set("Paypal-Debug-Id", "f1d2e3c4b5a69");
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
