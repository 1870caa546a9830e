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
 * time out; {@code "chargeTimeouts"} does the same to off-session charges; {@code "chargeDeclines"}
 * declines the next n charges whatever the card. Signed like a webhook (header {@value SandboxSignature#HEADER}, the plugin's secret),
 * so only whoever holds the secret can arm a fault.
 */
final class FaultRoutes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] secret;
    private final Supplier<Clock> clock;
    private final AtomicInteger refundTimeouts;
    private final SavedCards cards;

    FaultRoutes(byte[] secret, Supplier<Clock> clock, AtomicInteger refundTimeouts, SavedCards cards) {
        this.cards = cards;
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
            JsonNode root = JSON.readTree(body);
            java.util.Map<String, AtomicInteger> faults = java.util.Map.of("refundTimeouts", refundTimeouts,
                    "chargeTimeouts", cards.chargeTimeouts, "chargeDeclines", cards.chargeDeclines);
            StringBuilder armed = new StringBuilder();
            for (var fault : faults.entrySet()) {
                JsonNode n = root.path(fault.getKey());
                if (n.isMissingNode()) {
                    continue;
                }
                if (!n.isInt() || n.asInt() < 0 || n.asInt() > 100) {
                    return WebResponse.text(fault.getKey() + " must be 0..100").withStatus(400);
                }
                fault.getValue().set(n.asInt());
                armed.append(armed.isEmpty() ? "" : ",").append('"').append(fault.getKey()).append("\":").append(n.asInt());
            }
            if (armed.isEmpty()) {
                return WebResponse.text("name refundTimeouts, chargeTimeouts or chargeDeclines").withStatus(400);
            }
            return WebResponse.json("{" + armed + "}");
        } catch (WebhookRejectedException e) {
            return WebResponse.text("not signed: " + e.reason()).withStatus(403);
        } catch (IOException | RuntimeException e) {
            return WebResponse.text("body must be JSON").withStatus(400);
        }
    }
}
