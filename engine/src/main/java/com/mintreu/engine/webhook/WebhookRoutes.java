package com.mintreu.engine.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.time.Instant;
import java.util.List;
import javax.inject.Inject;

/** {@code /api/v1/seller/webhooks}: the JSON face of {@link WebhookService} (documented in {@code openapi/webhook.yaml}). */
final class WebhookRoutes implements Routes {

    static final String BASE = "/api/v1/seller/webhooks";

    private final WebhookService service;

    @Inject
    WebhookRoutes(WebhookService service) {
        this.service = service;
    }

    record EndpointBody(String url, String description, List<String> events) {}

    /** An endpoint; {@code secret} only in the answers of create and rotate. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EndpointView(String id, String url, String description, List<String> events, String status, String disabledReason, Instant failingSince,
            Instant previousSecretUntil, long createdAt, String secret) {

        static EndpointView of(WebhookEndpoint e, String secret) {
            return new EndpointView(e.id(), e.url(), e.description(), e.events(), e.status(), e.disabledReason(), instant(e.failingSince()),
                    instant(e.previousUntil()), e.createdAt(), secret);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SecretsView(String secret, String previousSecret, Instant previousSecretUntil) {}

    record AttemptView(long at, Integer statusCode, long durationMs, String error) {
        static AttemptView of(WebhookAttempt a) {
            return new AttemptView(a.attemptedAt(), a.statusCode(), a.durationMs(), a.error());
        }
    }

    /** A message of the delivery log; {@code nextAttemptAt} only while it is pending. */
    record DeliveryView(String id, String eventId, String type, String status, int attempts, Long nextAttemptAt, long createdAt, Long deliveredAt,
            Object payload, List<AttemptView> log) {

        static DeliveryView of(WebhookService.Delivery d) {
            WebhookMessage m = d.message();
            Object payload;
            try {
                payload = com.mintreu.engine.web.Json.MAPPER.readTree(m.payload());
            } catch (java.io.IOException e) {
                payload = m.payload();
            }
            return new DeliveryView(m.id(), m.eventId(), m.type(), m.status(), m.attempts(),
                    WebhookMessage.PENDING.equals(m.status()) ? m.nextAt() : null, m.createdAt(), m.deliveredAt(), payload,
                    d.attempts().stream().map(AttemptView::of).toList());
        }
    }

    record EventTypeView(String type, String description) {}

    @Override
    public void register(Router router) {
        router.get("/api/v1/seller/webhook-events", x -> {
            x.requireRole("seller");
            List<EventTypeView> all = List.of(WebhookEventType.values()).stream().map(t -> new EventTypeView(t.id(), t.label())).toList();
            x.json(200, com.mintreu.engine.web.Page.ofAll(all, PageRequest.of(x), EventTypeView::type));
        });
        router.get(BASE, x -> {
            Principal seller = x.requireRole("seller");
            x.json(200, service.list(seller, PageRequest.of(x)).map(e -> EndpointView.of(e, null)));
        });
        router.post(BASE, x -> {
            Principal seller = x.requireRole("seller");
            EndpointBody body = x.bodyJson(EndpointBody.class);
            WebhookService.WithSecret created = service.register(seller, body.url(), body.description(), body.events());
            x.header("Cache-Control", "no-store");
            x.json(201, EndpointView.of(created.endpoint(), created.secret()));
        });
        router.get(BASE + "/{id}", x -> x.json(200, EndpointView.of(service.owned(x.requireRole("seller"), x.pathParam("id")), null)));
        router.put(BASE + "/{id}", x -> {
            Principal seller = x.requireRole("seller");
            EndpointBody body = x.bodyJson(EndpointBody.class);
            x.json(200, EndpointView.of(service.update(seller, x.pathParam("id"), body.url(), body.description(), body.events()), null));
        });
        router.delete(BASE + "/{id}", x -> {
            service.delete(x.requireRole("seller"), x.pathParam("id"));
            x.noContent();
        });
        router.get(BASE + "/{id}/secret", x -> {
            WebhookService.Secrets s = service.secrets(x.requireRole("seller"), x.pathParam("id"));
            x.header("Cache-Control", "no-store");
            x.json(200, new SecretsView(s.current(), s.previous(), s.previousUntil() == null ? null : Instant.ofEpochMilli(s.previousUntil())));
        });
        router.post(BASE + "/{id}/rotate-secret", x -> {
            WebhookService.WithSecret rotated = service.rotate(x.requireRole("seller"), x.pathParam("id"));
            x.header("Cache-Control", "no-store");
            x.json(200, EndpointView.of(rotated.endpoint(), rotated.secret()));
        });
        router.post(BASE + "/{id}/enable", x -> {
            Principal seller = x.requireRole("seller");
            service.enable(seller, x.pathParam("id"));
            x.json(200, EndpointView.of(service.owned(seller, x.pathParam("id")), null));
        });
        router.get(BASE + "/{id}/deliveries", x -> {
            Principal seller = x.requireRole("seller");
            x.json(200, service.deliveries(seller, x.pathParam("id"), PageRequest.of(x)).map(DeliveryView::of));
        });
        router.post(BASE + "/{id}/deliveries/{messageId}/resend", x -> {
            Principal seller = x.requireRole("seller");
            service.resend(seller, x.pathParam("id"), x.pathParam("messageId"));
            x.json(202, DeliveryView.of(service.delivery(seller, x.pathParam("id"), x.pathParam("messageId"))));
        });
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
