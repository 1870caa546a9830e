package com.mintreu.engine.webhook;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The events a seller may subscribe an endpoint to; {@code id} is the envelope's {@code type}. */
enum WebhookEventType {
    ORDER_PAID("order.paid", "An order with your products was paid"),
    ORDER_REFUNDED("order.refunded", "Lines of your products were refunded"),
    LICENSE_CREATED("license.created", "A license for your product was granted"),
    LICENSE_STATUS_CHANGED("license.status-changed", "A license was suspended, reinstated or revoked"),
    SUBSCRIPTION_STARTED("subscription.started", "A subscription to your plan started"),
    SUBSCRIPTION_PERIOD_PAID("subscription.period-paid", "A subscription period was paid"),
    SUBSCRIPTION_STATUS_CHANGED("subscription.status-changed", "A subscription changed status (past due, paused, canceled...)"),
    SUBSCRIPTION_CANCEL_SCHEDULED("subscription.cancel-scheduled", "A customer scheduled (or undid) the end of a subscription");

    private final String id;
    private final String label;

    WebhookEventType(String id, String label) {
        this.id = id;
        this.label = label;
    }

    String id() {
        return id;
    }

    String label() {
        return label;
    }

    static Optional<WebhookEventType> of(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }

    static List<String> ids() {
        return Arrays.stream(values()).map(WebhookEventType::id).toList();
    }
}
