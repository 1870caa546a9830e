package com.mintreu.engine.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mintreu.api.event.DomainEvent;
import com.mintreu.api.event.EntitlementGranted;
import com.mintreu.api.event.EventSubscriber;
import com.mintreu.api.event.LicenseStatusChanged;
import com.mintreu.api.event.OrderPaid;
import com.mintreu.api.event.OrderRefunded;
import com.mintreu.api.event.SubscriptionCancelScheduled;
import com.mintreu.api.event.SubscriptionPeriodPaid;
import com.mintreu.api.event.SubscriptionStarted;
import com.mintreu.api.event.SubscriptionStatusChanged;
import com.mintreu.engine.db.Ids;
import com.mintreu.engine.db.Tx;
import com.mintreu.engine.web.Json;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Receives domain events through the outbox like any subscriber, and writes one message per
 * endpoint of each seller concerned that subscribed to the event's type. The body
 * {@code {type, timestamp, data}} is fixed here, so every attempt sends the same bytes. A
 * redelivered event writes nothing (one message per endpoint and event id).
 */
@Singleton
final class WebhookFanOut implements EventSubscriber {

    /** The API's JSON (RFC 3339 times, Money as {minor, currency}), but a field without a value is an explicit null: the envelope's fields are always there. */
    private static final ObjectMapper ENVELOPE = Json.MAPPER.copy().setDefaultPropertyInclusion(JsonInclude.Include.ALWAYS);

    private final SellerEvents sellerEvents;
    private final WebhookStore store;
    private final Tx tx;
    private final Clock clock;

    @Inject
    WebhookFanOut(SellerEvents sellerEvents, WebhookStore store, Tx tx, Clock clock) {
        this.sellerEvents = sellerEvents;
        this.store = store;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public String id() {
        return "seller-webhooks";
    }

    @Override
    public Set<Class<? extends DomainEvent>> events() {
        return Set.of(OrderPaid.class, OrderRefunded.class, EntitlementGranted.class, LicenseStatusChanged.class, SubscriptionStarted.class,
                SubscriptionPeriodPaid.class, SubscriptionStatusChanged.class, SubscriptionCancelScheduled.class);
    }

    @Override
    public void on(DomainEvent event) {
        List<SellerEvents.ForSeller> views = sellerEvents.of(event);
        if (views.isEmpty()) {
            return;
        }
        long now = clock.millis();
        tx.useTransaction(h -> {
            for (SellerEvents.ForSeller v : views) {
                String body = body(v, event);
                for (WebhookEndpoint e : store.activeEndpointsOf(h, v.sellerId())) {
                    if (e.wants(v.type().id())) {
                        store.insert(h, new WebhookMessage(Ids.next("msg"), e.id(), event.eventId(), v.type().id(), body, WebhookMessage.PENDING,
                                0, now, now, null));
                    }
                }
            }
        });
    }

    static String body(SellerEvents.ForSeller v, DomainEvent event) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", v.type().id());
        envelope.put("timestamp", event.occurredAt());
        envelope.put("data", v.data());
        try {
            return ENVELOPE.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("webhook payload of " + event.type() + " is not serializable", e);
        }
    }
}
