package com.mintreu.engine.metering;

import com.mintreu.api.event.DomainEvent;
import com.mintreu.api.event.EventSubscriber;
import com.mintreu.api.event.SubscriptionStatusChanged;
import com.mintreu.engine.entitlement.Entitlement;
import com.mintreu.engine.entitlement.EntitlementService;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys of an API plan sold by subscription work while the subscription does: the first paid order
 * grants the {@code api_key} entitlement (renewals grant nothing new), and the keys answer VALID
 * while it is trialing, active, paused or past due within the grace. When it is canceled (now, at
 * the period's end, or after the grace) the purchase is revoked, which revokes its keys through
 * {@link KeyRevocation} and stops new ones. The last period's overage is still billed
 * ({@link UsageBilling} closes periods of revoked purchases up to the cancelation). Idempotent: a
 * redelivery finds the purchase revoked and changes nothing.
 */
@Singleton
final class SubscriptionKeyAccess implements EventSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionKeyAccess.class);

    private final EntitlementService entitlements;

    @Inject
    SubscriptionKeyAccess(EntitlementService entitlements) {
        this.entitlements = entitlements;
    }

    @Override
    public String id() {
        return "api-key-subscription-access";
    }

    @Override
    public Set<Class<? extends DomainEvent>> events() {
        return Set.of(SubscriptionStatusChanged.class);
    }

    @Override
    public void on(DomainEvent event) {
        if (event instanceof SubscriptionStatusChanged c && "canceled".equals(c.to()) && c.lineId() != null) {
            entitlements.byLine(c.lineId(), ApiKeyService.KIND).filter(e -> e.status() == Entitlement.Status.ACTIVE).ifPresent(e -> {
                entitlements.revoke(e.id(), "subscription " + c.subscriptionId() + " canceled");
                LOG.info("purchase {} ended with subscription {}", e.id(), c.subscriptionId());
            });
        }
    }
}
