package com.mintreu.plugins.paymentsandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;

/**
 * Posts a signed event to the engine's webhook endpoint, as a real provider would. Tries three
 * times within about 8 s (the button's request waits for it, inside the plugin call timeout);
 * after that the page's "send again" button re-sends the same event. Each try is signed afresh,
 * so the timestamp is always current; the event id stays the same, so the engine deduplicates.
 */
final class WebhookSender {

    static final List<Duration> BACKOFF = List.of(Duration.ZERO, Duration.ofMillis(300), Duration.ofMillis(1200));
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    // made on the first webhook: building an HttpClient loads the TLS stack, which slowed engine start
    private HttpClient http;
    private final URI target;
    private final byte[] secret;
    private final Clock clock;
    private final Logger log;

    WebhookSender(URI target, byte[] secret, Clock clock, Logger log) {
        this.target = target;
        this.secret = secret.clone();
        this.clock = clock;
        this.log = log;
    }

    URI target() {
        return target;
    }

    private synchronized HttpClient client() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return http;
    }

    /** True when the engine answered 2xx to one of the tries. Never throws for network errors. */
    boolean send(String eventId, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        for (int attempt = 0; attempt < BACKOFF.size(); attempt++) {
            try {
                Thread.sleep(BACKOFF.get(attempt));
                HttpRequest request = HttpRequest.newBuilder(target).timeout(TIMEOUT)
                        .header("Content-Type", "application/json")
                        .header("Mintreu-Sandbox-Event-Id", eventId)
                        .header(SandboxSignature.HEADER, SandboxSignature.header(secret, clock.instant(), body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build();
                int status = client().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    return true;
                }
                log.warn("webhook {} to {}: HTTP {} (try {} of {})", eventId, target, status, attempt + 1, BACKOFF.size());
            } catch (IOException e) {
                log.warn("webhook {} to {}: {} (try {} of {})", eventId, target, e.toString(), attempt + 1, BACKOFF.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
