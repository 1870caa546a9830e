package com.mintreu.plugins.paymentsandbox;

import com.mintreu.api.web.WebRequest;
import com.mintreu.api.web.WebResponse;
import com.mintreu.api.web.WebRoutes;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The provider half of the sandbox: {@code GET checkout/{id}} shows the page, {@code POST
 * checkout/{id}} (a button) moves the session and posts the signed webhook, {@code POST
 * checkout/{id}/resend} posts the last event again. The engine's CSRF protection does not cover
 * plugin routes, so every form echoes the session's random token, compared in constant time.
 */
final class CheckoutRoutes {

    static final String PREFIX = "/plugins/" + SandboxGateway.ID + "/checkout/";

    private final SessionStore store;
    private final SavedCards cards;
    private final WebhookSender sender;
    private final Supplier<Clock> clock;

    CheckoutRoutes(SessionStore store, SavedCards cards, WebhookSender sender, Supplier<Clock> clock) {
        this.store = store;
        this.cards = cards;
        this.sender = sender;
        this.clock = clock;
    }

    void register(WebRoutes routes) {
        routes.route("GET", "checkout/{id}", this::show);
        routes.route("POST", "checkout/{id}", this::act);
        routes.route("POST", "checkout/{id}/resend", this::resend);
    }

    WebResponse show(WebRequest request) {
        return withSession(request, session -> page(session, null));
    }

    /** A button: Pay, Decline or Pay later. Redirects to the shop even when the webhook could not be delivered. */
    WebResponse act(WebRequest request) {
        return withSession(request, session -> {
            Map<String, String> form = form(request.bodyText());
            if (!tokenMatches(session, form.get("token"))) {
                return forbidden();
            }
            SessionState target = switch (form.getOrDefault("action", "")) {
                case "pay" -> SessionState.SUCCEEDED;
                case "decline" -> SessionState.DECLINED;
                case "later" -> SessionState.PENDING;
                default -> null;
            };
            if (session.setup() && target == SessionState.PENDING) {
                target = null; // a setup page has nothing to pay later
            }
            if (target == null) {
                return html(400, CheckoutPage.message("Unknown action", "Use one of the buttons on the checkout page."));
            }
            String card = SavedCards.digits(form.getOrDefault("card", SavedCards.DEFAULT_CARD));
            boolean save = target == SessionState.SUCCEEDED && "on".equals(form.get("save"));
            if (session.setup() && target == SessionState.SUCCEEDED && !save) {
                return page(session, "This free trial needs a saved card: tick \"Save my card for renewals\" and try again.").withStatus(422);
            }
            if (save && card == null) {
                return page(session, "To save a card, type a test card number (12 to 19 digits).").withStatus(422);
            }
            String eventId = SandboxGateway.newId("evt_");
            String event = SandboxEvents.body(eventId, target, session, clock.get().instant());
            if (!store.transition(session.id(), target, event)) {
                Session now = store.find(session.id()).orElse(session);
                return page(now, "This payment was already completed; nothing was changed.").withStatus(409);
            }
            if (save) {
                // saved before the webhook leaves, so the engine finds it when it hears of the payment
                cards.save(session.id(), card);
            }
            sender.send(eventId, event);
            return redirectAfter(session, target);
        });
    }

    /** Sends the last event again, same id, fresh signature; shows an honest page if the shop is still unreachable. */
    WebResponse resend(WebRequest request) {
        return withSession(request, session -> {
            if (!tokenMatches(session, form(request.bodyText()).get("token"))) {
                return forbidden();
            }
            if (session.lastEvent() == null) {
                return page(session, "Nothing to send yet: choose a button first.").withStatus(409);
            }
            String eventId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(session.lastEvent()).path("id").asText();
            if (!sender.send(eventId, session.lastEvent())) {
                return page(session, "The shop could not be reached. Nothing is lost: try again in a moment.").withStatus(502);
            }
            return redirectAfter(session, session.state());
        });
    }

    private WebResponse withSession(WebRequest request, Handler handler) {
        String id = request.pathParams().getOrDefault("id", "");
        Optional<Session> session = id.length() > 64 ? Optional.empty() : store.find(id);
        if (session.isEmpty()) {
            return html(404, CheckoutPage.message("Checkout not found", "This checkout does not exist or has expired."));
        }
        try {
            return handler.handle(session.get());
        } catch (Exception e) {
            throw new IllegalStateException("sandbox checkout " + id + " failed", e);
        }
    }

    private static WebResponse redirectAfter(Session session, SessionState state) {
        return WebResponse.redirect(state == SessionState.DECLINED ? session.cancelUrl() : session.returnUrl());
    }

    private static WebResponse page(Session session, String notice) {
        return WebResponse.html(CheckoutPage.render(session, PREFIX + session.id(), PREFIX + session.id() + "/resend", notice))
                .withHeader("Cache-Control", "no-store");
    }

    private static WebResponse forbidden() {
        return html(403, CheckoutPage.message("Form expired", "Reload the checkout page and press the button again."));
    }

    private static WebResponse html(int status, String body) {
        return WebResponse.html(body).withStatus(status).withHeader("Cache-Control", "no-store");
    }

    private static boolean tokenMatches(Session session, String token) {
        return token != null && MessageDigest.isEqual(session.formToken().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code application/x-www-form-urlencoded}; the first value of a repeated name wins. */
    static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                // a broken %-escape: drop the pair, so a missing token gives 403 rather than a 500
            }
        }
        return out;
    }

    @FunctionalInterface
    private interface Handler {
        WebResponse handle(Session session) throws Exception;
    }
}
