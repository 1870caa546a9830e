package com.mintreu.engine.entitlement;

import com.mintreu.api.event.DomainEvent;
import com.mintreu.api.event.EventSubscriber;
import com.mintreu.api.event.SubscriptionPeriodPaid;
import com.mintreu.api.event.SubscriptionStarted;
import com.mintreu.api.event.SubscriptionStatusChanged;
import com.mintreu.engine.order.OrderService;
import com.mintreu.engine.order.OrderStatus;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The downloads a subscription's order line granted get new releases while the subscription lasts:
 * its start (trial or first period) and each paid period move their {@code updates_until} forward
 * to the period's end, past due to the end of its grace; a cancel (now, or at period end when it
 * takes effect), the end of a past-due grace and a pause fix it at the access end. Releases
 * published up to then stay downloadable for good; later ones are refused.
 *
 * <p>Reacts to the subscription's events (as {@code license.SubscriptionLicenses} does for
 * licenses) rather than being called, so neither feature imports the other. Idempotent: each move
 * is one conditional UPDATE, forward-only except for the ends.
 */
@Singleton
final class SubscriptionDownloads implements EventSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionDownloads.class);

    private final EntitlementStore store;
    private final OrderService orders;

    @Inject
    SubscriptionDownloads(EntitlementStore store, OrderService orders) {
        this.store = store;
        this.orders = orders;
    }

    @Override
    public String id() {
        return "download-subscriptions";
    }

    @Override
    public Set<Class<? extends DomainEvent>> events() {
        return Set.of(SubscriptionStarted.class, SubscriptionPeriodPaid.class, SubscriptionStatusChanged.class);
    }

    @Override
    public void on(DomainEvent event) {
        switch (event) {
            case SubscriptionStarted s -> {
                if (store.downloadsByLine(s.lineId()).isEmpty()
                        && orders.find(s.orderId()).map(o -> o.status() == OrderStatus.PAID).orElse(false)) {
                    // fulfilment has not granted the download yet: try again later rather than miss it
                    throw new IllegalStateException("order " + s.orderId() + " is not fulfilled yet; subscription " + s.subscriptionId() + " waits");
                }
                move(s.lineId(), s.periodEnd().toEpochMilli(), false, s.subscriptionId());
            }
            case SubscriptionPeriodPaid p -> move(p.lineId(), p.periodEnd().toEpochMilli(), false, p.subscriptionId());
            case SubscriptionStatusChanged c when c.accessUntil() != null -> {
                boolean ends = c.to().equals("canceled") || c.to().equals("paused");
                move(c.lineId(), c.accessUntil().toEpochMilli(), ends, c.subscriptionId());
            }
            default -> { }
        }
    }

    private void move(String lineId, long until, boolean exact, String subscriptionId) {
        if (store.setUpdatesUntil(lineId, until, exact) > 0) {
            LOG.info("subscription {}: downloads of line {} get releases until {}", subscriptionId, lineId, java.time.Instant.ofEpochMilli(until));
        }
    }
}
