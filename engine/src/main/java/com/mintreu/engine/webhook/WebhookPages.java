package com.mintreu.engine.webhook;

import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.CommonError;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Form;
import com.mintreu.engine.web.FormErrors;
import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Principal;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/**
 * {@code /seller/webhooks}: the seller's endpoints and a form to register one (the secret is shown
 * once, after registering, and again only on request); {@code /seller/webhooks/{id}}: the endpoint,
 * its secret on request, rotation, enable, delete, and the delivery log with "send again". Every
 * form carries the CSRF token; another seller's endpoint is the 404 page. Works without JavaScript.
 */
final class WebhookPages implements Routes {

    private static final String FORM = "endpoint";
    private static final Map<String, String> LABELS = Map.of("url", "URL", "description", "Description", "events", "Events");
    private static final Map<String, String> NOTICES = Map.of("enabled", "The endpoint is active again; waiting messages are sent now.",
            "deleted", "The endpoint was deleted; nothing more is sent to it.",
            "resent", "The message is queued: it is sent again within seconds, with the same webhook-id.",
            "unchanged", "Nothing changed.");

    private final WebhookService service;
    private final Clock clock;

    @Inject
    WebhookPages(WebhookService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @Override
    public void register(Router router) {
        router.get("/seller/webhooks", x -> list(x, 200, Map.of()));
        router.post("/seller/webhooks", this::create);
        router.get("/seller/webhooks/{id}", x -> detail(x, 200, Map.of()));
        router.post("/seller/webhooks/{id}/secret", x -> {
            Principal seller = x.requireRole("seller");
            x.form();
            WebhookService.Secrets s = service.secrets(seller, x.pathParam("id"));
            x.header("Cache-Control", "no-store");
            detail(x, 200, Map.of("secret", s.current(), "previousSecret", s.previous() == null ? "" : s.previous()));
        });
        router.post("/seller/webhooks/{id}/rotate", x -> {
            Principal seller = x.requireRole("seller");
            x.form();
            WebhookService.WithSecret rotated = service.rotate(seller, x.pathParam("id"));
            x.header("Cache-Control", "no-store");
            detail(x, 200, Map.of("secret", rotated.secret(), "rotated", true));
        });
        router.post("/seller/webhooks/{id}/enable", x -> {
            Principal seller = x.requireRole("seller");
            x.form();
            boolean changed = service.enable(seller, x.pathParam("id"));
            x.redirect("/seller/webhooks/" + x.pathParam("id") + "?notice=" + (changed ? "enabled" : "unchanged"));
        });
        router.post("/seller/webhooks/{id}/delete", x -> {
            Principal seller = x.requireRole("seller");
            x.form();
            service.delete(seller, x.pathParam("id"));
            x.redirect("/seller/webhooks?notice=deleted");
        });
        router.post("/seller/webhooks/{id}/deliveries/{messageId}/resend", x -> {
            Principal seller = x.requireRole("seller");
            x.form();
            try {
                service.resend(seller, x.pathParam("id"), x.pathParam("messageId"));
            } catch (ApiException e) {
                if (e.error() != CommonError.CONFLICT) {
                    throw e;
                }
                detail(x, 409, Map.of("error", e.getMessage()));
                return;
            }
            x.redirect("/seller/webhooks/" + x.pathParam("id") + "?notice=resent#msg-" + x.pathParam("messageId"));
        });
    }

    private void create(Exchange x) throws Exception {
        Principal seller = x.requireRole("seller");
        Form form = x.form();
        List<String> events = WebhookEventType.ids().stream().filter(t -> form.get("event." + t).isPresent()).toList();
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("url", form.get("url").orElse(""));
        typed.put("description", form.get("description").orElse(""));
        events.forEach(t -> typed.put("event." + t, "on"));
        try {
            WebhookService.WithSecret created = service.register(seller, typed.get("url"), typed.get("description"), events);
            x.header("Cache-Control", "no-store");
            list(x, 201, Map.of("created", endpoint(created.endpoint()), "secret", created.secret()));
        } catch (ApiException e) {
            FormErrors errors = FormErrors.from(e, FORM, typed, LABELS, Map.of()).orElseThrow(() -> e);
            list(x, 422, errors.model());
        }
    }

    private void list(Exchange x, int status, Map<String, Object> extra) {
        Principal seller = x.requireRole("seller");
        var page = service.list(seller, PageRequest.of(x));
        Map<String, Object> model = new LinkedHashMap<>(extra);
        model.put("endpoints", page.data().stream().map(WebhookPages::endpoint).toList());
        model.put("nextCursor", page.nextCursor());
        model.put("types", List.of(WebhookEventType.values()).stream().map(t -> Map.of("id", t.id(), "label", t.label())).toList());
        model.put("notice", x.query("notice").map(NOTICES::get).orElse(null));
        x.render(status, "seller/webhooks", model);
    }

    private void detail(Exchange x, int status, Map<String, Object> extra) {
        Principal seller = x.requireRole("seller");
        WebhookEndpoint e = service.owned(seller, x.pathParam("id"));
        var page = service.deliveries(seller, e.id(), PageRequest.of(x));
        Map<String, Object> model = new LinkedHashMap<>(extra);
        model.put("endpoint", endpoint(e));
        model.put("overlapUntil", e.previousUntil() != null && e.previousUntil() > clock.millis() ? e.previousUntil() : null);
        model.put("deliveries", page.data().stream().map(WebhookPages::delivery).toList());
        model.put("nextCursor", page.nextCursor());
        model.put("notice", x.query("notice").map(NOTICES::get).orElse(null));
        x.render(status, "seller/webhook", model);
    }

    private static Map<String, Object> endpoint(WebhookEndpoint e) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", e.id());
        v.put("url", e.url());
        v.put("description", e.description());
        v.put("events", e.events());
        v.put("status", e.status());
        v.put("disabledReason", e.disabledReason());
        v.put("failingSince", e.failingSince());
        v.put("createdAt", e.createdAt());
        return v;
    }

    private static Map<String, Object> delivery(WebhookService.Delivery d) {
        WebhookMessage m = d.message();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", m.id());
        v.put("type", m.type());
        v.put("status", m.status());
        v.put("attempts", m.attempts());
        v.put("createdAt", m.createdAt());
        v.put("nextAt", WebhookMessage.PENDING.equals(m.status()) ? m.nextAt() : null);
        v.put("payload", m.payload());
        v.put("log", d.attempts().stream().map(a -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("at", a.attemptedAt());
            r.put("statusCode", a.statusCode());
            r.put("durationMs", a.durationMs());
            r.put("error", a.error());
            return r;
        }).toList());
        return v;
    }
}
