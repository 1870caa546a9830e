package com.mintreu.engine.webhook;

import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.config.MintreuConfig;
import com.mintreu.engine.config.WebhooksConfig;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.db.Tx;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.CommonError;
import com.mintreu.engine.web.Cursor;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * A seller's webhook endpoints: register, look, rotate the secret, enable again, delete; the
 * delivery log and "send again". Every id is checked against the caller: another seller's
 * endpoint or message is a 404, as if it did not exist. Secrets leave only through the answers of
 * register, rotate and {@link #secrets}, and never reach a log.
 */
@Singleton
final class WebhookService {

    static final String SUBJECT = "webhook-endpoint";
    static final int MAX_URL = 2000;
    static final int MAX_DESCRIPTION = 200;

    /** An endpoint with the secret in its shown form: only as the answer to register or rotate. */
    record WithSecret(WebhookEndpoint endpoint, String secret) {}

    /** The secrets signing now: {@code previous} only during a rotation's overlap. */
    record Secrets(String current, String previous, Long previousUntil) {}

    /** A message with its attempts, oldest attempt first. */
    record Delivery(WebhookMessage message, List<WebhookAttempt> attempts) {}

    private final WebhookStore store;
    private final SecretSeal seal;
    private final Tx tx;
    private final AuditLog audit;
    private final Clock clock;
    private final WebhooksConfig config;

    @Inject
    WebhookService(WebhookStore store, SecretSeal seal, Tx tx, AuditLog audit, Clock clock, MintreuConfig config) {
        this.store = store;
        this.seal = seal;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
        this.config = config.webhooks();
    }

    WithSecret register(Principal seller, String url, String description, List<String> events) {
        Input in = validate(url, description, events);
        String id = Ids.next("whe");
        String secret = WebhookSignature.newSecret();
        WebhookEndpoint e = new WebhookEndpoint(id, seller.userId(), in.url(), in.description(), in.events(), seal.seal(id, secret), null, null,
                WebhookEndpoint.ACTIVE, null, null, clock.millis());
        tx.useTransaction(h -> {
            store.insert(h, e);
            audit.record(h, AuditLog.Actor.of(seller, "seller"), "webhook.registered", SUBJECT, id, Map.of("url", in.url(), "events", in.events()));
        });
        return new WithSecret(e, secret);
    }

    Page<WebhookEndpoint> list(Principal seller, PageRequest page) {
        return Page.of(store.endpointsOf(seller.userId(), page), page, e -> Cursor.of(e.createdAt(), e.id()));
    }

    /** The caller's endpoint, or 404. */
    WebhookEndpoint owned(Principal seller, String id) {
        return store.endpoint(id).filter(e -> e.sellerId().equals(seller.userId()))
                .orElseThrow(() -> ApiException.notFound("webhook endpoint " + id));
    }

    WebhookEndpoint update(Principal seller, String id, String url, String description, List<String> events) {
        owned(seller, id);
        Input in = validate(url, description, events);
        store.update(id, in.url(), in.description(), in.events());
        audit.record(AuditLog.Actor.of(seller, "seller"), "webhook.updated", SUBJECT, id, Map.of("url", in.url(), "events", in.events()));
        return owned(seller, id);
    }

    void delete(Principal seller, String id) {
        owned(seller, id);
        store.delete(id);
        audit.record(AuditLog.Actor.of(seller, "seller"), "webhook.deleted", SUBJECT, id, Map.of());
    }

    Secrets secrets(Principal seller, String id) {
        WebhookEndpoint e = owned(seller, id);
        boolean overlap = e.previousSealed() != null && e.previousUntil() != null && clock.millis() < e.previousUntil();
        return new Secrets(seal.open(id, e.secretSealed()), overlap ? seal.open(id, e.previousSealed()) : null,
                overlap ? e.previousUntil() : null);
    }

    /**
     * A new secret signs from now on; the current one keeps signing beside it for
     * {@code webhooks.rotationOverlap}. Rotating again within an overlap drops the oldest secret.
     */
    WithSecret rotate(Principal seller, String id) {
        WebhookEndpoint e = owned(seller, id);
        String secret = WebhookSignature.newSecret();
        long until = clock.millis() + config.rotationOverlap().toMillis();
        store.rotate(id, seal.seal(id, secret), e.secretSealed(), until);
        audit.record(AuditLog.Actor.of(seller, "seller"), "webhook.secret-rotated", SUBJECT, id, Map.of("previousUntil", until));
        return new WithSecret(owned(seller, id), secret);
    }

    /** A disabled endpoint becomes active; the messages that waited are sent again. False when it was active. */
    boolean enable(Principal seller, String id) {
        owned(seller, id);
        boolean changed = store.enable(id);
        if (changed) {
            audit.record(AuditLog.Actor.of(seller, "seller"), "webhook.enabled", SUBJECT, id, Map.of());
        }
        return changed;
    }

    Page<Delivery> deliveries(Principal seller, String endpointId, PageRequest page) {
        owned(seller, endpointId);
        Page<WebhookMessage> messages = Page.of(store.messagesOf(endpointId, page), page, m -> Cursor.of(m.createdAt(), m.id()));
        Map<String, List<WebhookAttempt>> attempts = store.attemptsOf(messages.data().stream().map(WebhookMessage::id).toList()).stream()
                .collect(Collectors.groupingBy(WebhookAttempt::messageId));
        return messages.map(m -> new Delivery(m, attempts.getOrDefault(m.id(), List.of())));
    }

    Delivery delivery(Principal seller, String endpointId, String messageId) {
        owned(seller, endpointId);
        WebhookMessage m = message(endpointId, messageId);
        return new Delivery(m, store.attemptsOf(List.of(m.id())));
    }

    /** "Send again": a new attempt of the same message (same {@code webhook-id}) as soon as the delivery job runs. */
    WebhookMessage resend(Principal seller, String endpointId, String messageId) {
        WebhookEndpoint e = owned(seller, endpointId);
        WebhookMessage m = message(endpointId, messageId);
        if (!WebhookEndpoint.ACTIVE.equals(e.status())) {
            throw new ApiException(CommonError.CONFLICT, "the endpoint is disabled: enable it first, then send again");
        }
        if (!store.resend(m.id(), clock.millis())) {
            throw new ApiException(CommonError.CONFLICT, "the message is being sent right now; its attempt will be in the log in a moment");
        }
        audit.record(AuditLog.Actor.of(seller, "seller"), "webhook.resent", SUBJECT, endpointId, Map.of("messageId", m.id()));
        return store.message(m.id()).orElseThrow();
    }

    private WebhookMessage message(String endpointId, String messageId) {
        return store.message(messageId).filter(m -> m.endpointId().equals(endpointId))
                .orElseThrow(() -> ApiException.notFound("webhook message " + messageId));
    }

    private record Input(String url, String description, List<String> events) {}

    private Input validate(String url, String description, List<String> events) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        String u = url == null ? "" : url.strip();
        if (u.isEmpty()) {
            errors.add(new ApiException.FieldError("url", "required"));
        } else if (u.length() > MAX_URL) {
            errors.add(new ApiException.FieldError("url", "at most " + MAX_URL + " characters"));
        } else {
            TargetGuard.refusal(u, config.allowPrivateTargets()).ifPresent(why -> errors.add(new ApiException.FieldError("url", why)));
        }
        String d = description == null ? "" : description.strip();
        if (d.length() > MAX_DESCRIPTION) {
            errors.add(new ApiException.FieldError("description", "at most " + MAX_DESCRIPTION + " characters"));
        }
        Set<String> types = new LinkedHashSet<>();
        for (String t : events == null ? List.<String>of() : events) {
            Optional<WebhookEventType> type = WebhookEventType.of(t == null ? "" : t.strip());
            if (type.isEmpty()) {
                errors.add(new ApiException.FieldError("events", "unknown event type '" + t + "'; one of " + String.join(", ", WebhookEventType.ids())));
            } else {
                types.add(type.get().id());
            }
        }
        if (types.isEmpty() && errors.stream().noneMatch(f -> f.field().equals("events"))) {
            errors.add(new ApiException.FieldError("events", "choose at least one event"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        List<String> ordered = WebhookEventType.ids().stream().filter(types::contains).toList();
        return new Input(u, d, ordered);
    }
}
