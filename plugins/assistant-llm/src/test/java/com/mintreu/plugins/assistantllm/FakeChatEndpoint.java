package com.mintreu.plugins.assistantllm;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A local stand-in for an OpenAI-compatible chat-completions endpoint (JDK HttpServer on a free
 * loopback port): records every request (headers and body) and answers as told: a reply in the
 * documented shape ({@code choices[0].message.content}), a 500, a body that is not JSON, or no
 * answer until released (for timeouts).
 */
public final class FakeChatEndpoint implements AutoCloseable {

    /** One request as it arrived. */
    public record Request(String method, String path, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile int status = 200;
    private volatile String reply = chatReply("Start the app, open Settings and paste the key [1].");
    private volatile boolean hang;

    public FakeChatEndpoint() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-chat");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/v1/chat/completions", x -> {
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(x.getRequestMethod(), x.getRequestURI().getPath(), Map.copyOf(x.getRequestHeaders()), body));
            if (hang) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] out = reply.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(status, out.length);
            x.getResponseBody().write(out);
            x.close();
        });
        server.start();
    }

    /** The reply body of a chat completion whose message says {@code content}. */
    public static String chatReply(String content) {
        String escaped = content.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        return "{\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion\",\"created\":1767225600,\"model\":\"fake-model\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + escaped + "\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":12,\"total_tokens\":62}}";
    }

    /** The endpoint URL to configure. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/chat/completions");
    }

    /** Answers {@code body} with {@code status} from now on. */
    public FakeChatEndpoint answer(int status, String body) {
        this.status = status;
        this.reply = body;
        return this;
    }

    /** Holds every answer until {@link #close()}: the client's timeout must end the call. */
    public FakeChatEndpoint hang() {
        this.hang = true;
        return this;
    }

    /** Back to answering the default reply at once, requests forgotten (hung calls stay hung until {@link #close()}). */
    public FakeChatEndpoint reset() {
        this.hang = false;
        this.status = 200;
        this.reply = chatReply("Start the app, open Settings and paste the key [1].");
        requests.clear();
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
