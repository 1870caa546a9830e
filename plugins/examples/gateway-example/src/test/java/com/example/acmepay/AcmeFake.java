package com.example.acmepay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * Acme's API as its docs describe it, in memory on a local port: checkouts, refunds, the
 * Idempotency-Key (same key, same answer), Bearer auth, and a switch that makes it stop answering.
 */
final class AcmeFake implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private final String apiKey;
    private final HttpServer server;
    private final Map<String, ObjectNode> checkouts = new ConcurrentHashMap<>();
    private final Map<String, String> answered = new ConcurrentHashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean hanging;

    AcmeFake(String apiKey) throws IOException {
        this.apiKey = apiKey;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/", this::handle);
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** From now on every request is accepted and never answered, until {@link #close()}. */
    void hang() {
        hanging = true;
    }

    /** The buyer paid on the hosted page. */
    void pay(String checkoutId) {
        checkouts.get(checkoutId).put("status", "paid");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (hanging) {
                released.await();
                return;
            }
            if (!("Bearer " + apiKey).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, "{\"error\":\"invalid api key\"}");
                return;
            }
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            JsonNode body = method.equals("POST") ? JSON.readTree(exchange.getRequestBody()) : null;
            synchronized (this) {
                String earlier = key == null ? null : answered.get(method + path + key);
                String[] answer = earlier != null ? new String[] {"200", earlier} : route(method, path, body);
                if (key != null && answer[0].equals("200")) {
                    answered.put(method + path + key, answer[1]);
                }
                send(exchange, Integer.parseInt(answer[0]), answer[1]);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String[] route(String method, String path, JsonNode body) {
        if (method.equals("POST") && path.equals("/v1/checkouts")) {
            String id = "co_" + UUID.randomUUID().toString().replace("-", "");
            ObjectNode checkout = JSON.createObjectNode().put("id", id).put("url", AcmeGateway.CHECKOUT_ORIGIN + "/c/" + id)
                    .put("status", "open").put("amount", body.path("amount").asLong()).put("currency", body.path("currency").asText())
                    .put("refunded", 0).put("reference", body.path("reference").asText());
            checkouts.put(id, checkout);
            return new String[] {"200", checkout.toString()};
        }
        if (method.equals("GET") && path.startsWith("/v1/checkouts/")) {
            ObjectNode checkout = checkouts.get(path.substring("/v1/checkouts/".length()));
            return checkout == null ? new String[] {"404", "{\"error\":\"no such checkout\"}"} : new String[] {"200", checkout.toString()};
        }
        if (method.equals("POST") && path.equals("/v1/refunds")) {
            ObjectNode checkout = checkouts.get(body.path("checkout").asText());
            long amount = body.path("amount").asLong();
            if (checkout == null) {
                return new String[] {"404", "{\"error\":\"no such checkout\"}"};
            }
            if (!checkout.path("status").asText().equals("paid") || !checkout.path("currency").asText().equals(body.path("currency").asText())
                    || checkout.path("refunded").asLong() + amount > checkout.path("amount").asLong()) {
                return new String[] {"400", "{\"error\":\"refund_not_possible\"}"};
            }
            checkout.put("refunded", checkout.path("refunded").asLong() + amount);
            return new String[] {"200", JSON.createObjectNode().put("id", "re_" + UUID.randomUUID()).put("status", "succeeded")
                    .put("amount", amount).put("currency", checkout.path("currency").asText()).toString()};
        }
        return new String[] {"404", "{\"error\":\"no such endpoint\"}"};
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
