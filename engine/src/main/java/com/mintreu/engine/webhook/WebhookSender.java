package com.mintreu.engine.webhook;

import com.mintreu.engine.Version;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One HTTP POST of a signed message. Redirects are not followed (a 3xx is a failure: a redirect
 * could lead past the target check), the whole call is bounded by the configured timeout, and at
 * most {@value #BODY_CAP} bytes of the answer are read, so a hostile receiver can neither hold a
 * thread nor fill memory.
 */
final class WebhookSender {

    static final int BODY_CAP = 1024;

    /** What came back: a status (null when no answer), the time taken, the error in words when it failed. */
    record Result(Integer status, long durationMs, String error) {
        boolean ok() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private final HttpClient client;
    private final Duration timeout;

    WebhookSender(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
    }

    Result post(String url, String msgId, long timestampSeconds, String signature, String body) {
        long start = System.nanoTime();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Mintreu-Webhooks/" + Version.current())
                    .header("webhook-id", msgId)
                    .header("webhook-timestamp", Long.toString(timestampSeconds))
                    .header("webhook-signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String answer;
            try (InputStream in = response.body()) {
                answer = new String(in.readNBytes(BODY_CAP), StandardCharsets.UTF_8);
            }
            long ms = elapsed(start);
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new Result(status, ms, null);
            }
            String why = status >= 300 && status < 400 ? "redirects are not followed" : "answered " + status;
            return new Result(status, ms, answer.isBlank() ? why : why + ": " + oneLine(answer));
        } catch (HttpTimeoutException e) {
            return new Result(null, elapsed(start), "no answer within " + timeout.toSeconds() + " s");
        } catch (IOException | IllegalArgumentException e) {
            return new Result(null, elapsed(start), e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(null, elapsed(start), "interrupted");
        }
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String oneLine(String s) {
        String flat = s.replaceAll("\\s+", " ").strip();
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }
}
