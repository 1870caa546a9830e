package com.mintreu.engine.license;

import com.mintreu.api.event.LicenseStatusChanged;
import com.mintreu.engine.notify.Outbox;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;

/** {@link LicenseStatusChanged}, written in the transaction that changed the status. */
@Singleton
final class LicenseEvents {

    private final Outbox outbox;

    @Inject
    LicenseEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    void statusChanged(Handle h, License now, LicenseStatus from, String reason) {
        Outbox.Stamp s = outbox.stamp();
        outbox.publish(h, new LicenseStatusChanged(s.eventId(), s.at(), now.id(), now.entitlementId(), now.customerId(), from.id(),
                now.status().id(), reason));
    }
}
