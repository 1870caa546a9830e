package com.mintreu.engine.license;

import com.mintreu.api.event.DisputeClosed;
import com.mintreu.api.event.DisputeOpened;
import com.mintreu.api.event.DomainEvent;
import com.mintreu.api.event.EventSubscriber;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The licenses of a disputed order: suspended while the dispute is open (a chargeback is not yet
 * money lost, but the customer should not keep using what they claim they did not buy), active
 * again when the shop wins, revoked when it loses. Idempotent: each move applies only to a license
 * in the status it expects. A license a seller had suspended for another reason is reinstated by a
 * won dispute too; the audit log tells the two apart.
 */
@Singleton
final class DisputeLicenses implements EventSubscriber {

    private final LicenseLifecycle lifecycle;

    @Inject
    DisputeLicenses(LicenseLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public String id() {
        return "license-disputes";
    }

    @Override
    public Set<Class<? extends DomainEvent>> events() {
        return Set.of(DisputeOpened.class, DisputeClosed.class);
    }

    @Override
    public void on(DomainEvent event) {
        switch (event) {
            case DisputeOpened opened -> lifecycle.forDispute(opened.orderId(), LicenseLifecycle.DisputeMove.SUSPEND, "dispute " + opened.disputeId() + " opened");
            case DisputeClosed closed -> lifecycle.forDispute(closed.orderId(), closed.outcome() == DisputeClosed.Outcome.WON
                    ? LicenseLifecycle.DisputeMove.REINSTATE : LicenseLifecycle.DisputeMove.REVOKE, "dispute " + closed.disputeId() + " "
                    + closed.outcome().name().toLowerCase(java.util.Locale.ROOT));
            default -> { }
        }
    }
}
