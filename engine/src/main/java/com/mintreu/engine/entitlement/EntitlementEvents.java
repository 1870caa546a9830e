package com.mintreu.engine.entitlement;

import com.mintreu.api.event.EntitlementGranted;
import com.mintreu.api.event.EntitlementRevoked;
import com.mintreu.engine.notify.Outbox;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;

/** The entitlement events, written in the transaction of the grant or revocation. */
@Singleton
final class EntitlementEvents {

    private final Outbox outbox;

    @Inject
    EntitlementEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    void granted(Handle h, Entitlement e) {
        Outbox.Stamp s = outbox.stamp();
        outbox.publish(h, new EntitlementGranted(s.eventId(), s.at(), e.id(), e.customerId(), e.productId(), e.kind(), e.orderId(), e.lineId()));
    }

    void revoked(Handle h, Entitlement e, String reason) {
        Outbox.Stamp s = outbox.stamp();
        outbox.publish(h, new EntitlementRevoked(s.eventId(), s.at(), e.id(), e.customerId(), e.kind(), e.orderId(), e.lineId(), reason));
    }
}
