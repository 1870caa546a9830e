package com.mintreu.engine.metering;

import com.mintreu.api.event.DomainEvent;
import com.mintreu.api.event.EntitlementRevoked;
import com.mintreu.api.event.EventSubscriber;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revokes the keys of an API purchase when the purchase is revoked: a refund in full or a lost
 * dispute (both revoke the line's entitlements, see {@code entitlement.RefundRevocation}), or an
 * admin. Reacting to {@link EntitlementRevoked} keeps the entitlement feature unaware of keys.
 * Idempotent: a redelivery finds the keys revoked and changes nothing. Verification does not wait
 * for this: it also answers REVOKED for a key whose purchase is revoked.
 */
@Singleton
final class KeyRevocation implements EventSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(KeyRevocation.class);

    private final ApiKeyService keys;

    @Inject
    KeyRevocation(ApiKeyService keys) {
        this.keys = keys;
    }

    @Override
    public String id() {
        return "api-key-revocation";
    }

    @Override
    public Set<Class<? extends DomainEvent>> events() {
        return Set.of(EntitlementRevoked.class);
    }

    @Override
    public void on(DomainEvent event) {
        if (event instanceof EntitlementRevoked r && ApiKeyService.KIND.equals(r.kind())) {
            int n = keys.revokePurchase(r.entitlementId(), "purchase revoked: " + r.reason());
            if (n > 0) {
                LOG.info("{} API key(s) of {} revoked: {}", n, r.entitlementId(), r.reason());
            }
        }
    }
}
