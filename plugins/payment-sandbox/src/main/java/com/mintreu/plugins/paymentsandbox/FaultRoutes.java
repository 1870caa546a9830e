package com.mintreu.plugins.paymentsandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mintreu.api.payment.WebhookRejectedException;
import com.mintreu.api.web.WebRequest;
import com.mintreu.api.web.WebResponse;
import com.mintreu.api.web.WebRoutes;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * {@code POST faults}: makes the sandbox misbehave like a real provider, for tests of the engine's
 * retries. Body {@code {"refundTimeouts": n}}: the next n refund calls record the refund and then
 * time out. Signed like a webhook (header {@value SandboxSignature#HEADER}, the plugin's secret),
 * so only whoever holds the secret can arm a fault.
 */
final class FaultRoutes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] secret;
    private final Supplier<Clock> clock;
    private final AtomicInteger refundTimeouts;

    FaultRoutes(byte[] secret, Supplier<Clock> clock, AtomicInteger refundTimeouts) {
        this.secret = secret;
        this.clock = clock;
        this.refundTimeouts = refundTimeouts;
    }

    void register(WebRoutes routes) {
        routes.route("POST", "faults", this::arm);
    }

    WebResponse arm(WebRequest request) {
        byte[] body = request.body();
        try {
            SandboxSignature.verify(secret, request.header(SandboxSignature.HEADER).orElse(null), body, clock.get().instant());
            JsonNode n = JSON.readTree(body).path("refundTimeouts");
            if (!n.isInt() || n.asInt() < 0 || n.asInt() > 100) {
                return WebResponse.text("refundTimeouts must be 0..100").withStatus(400);
            }
            refundTimeouts.set(n.asInt());
            return WebResponse.json("{\"refundTimeouts\":" + n.asInt() + "}");
        } catch (WebhookRejectedException e) {
            return WebResponse.text("not signed: " + e.reason()).withStatus(403);
        } catch (IOException | RuntimeException e) {
            return WebResponse.text("body must be JSON").withStatus(400);
        }
    }
}
