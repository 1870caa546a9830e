package com.mintreu.engine.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A seller's server in a test: records every POST and answers with the status set (200 unless told). */
final class Receiver implements AutoCloseable {

    /** One request as received. */
    record Hit(String id, String timestamp, String signature, String body) {}

    private final HttpServer server;
    private final List<Hit> hits = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", x -> {
            String body;
            try (InputStream in = x.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            hits.add(new Hit(x.getRequestHeaders().getFirst("webhook-id"), x.getRequestHeaders().getFirst("webhook-timestamp"),
                    x.getRequestHeaders().getFirst("webhook-signature"), body));
            int code = status.get();
            byte[] answer = (code >= 300 && code < 400 ? "" : "answer " + code).getBytes(StandardCharsets.UTF_8);
            if (code >= 300 && code < 400) {
                x.getResponseHeaders().add("Location", "http://127.0.0.1:9/elsewhere");
            }
            x.sendResponseHeaders(code, answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    void answer(int code) {
        status.set(code);
    }

    List<Hit> hits() {
        return List.copyOf(hits);
    }

    Hit last() {
        return hits.getLast();
    }

    static Map<String, Object> endpoint(String url, String... events) {
        return Map.of("url", url, "description", "test receiver", "events", List.of(events));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
