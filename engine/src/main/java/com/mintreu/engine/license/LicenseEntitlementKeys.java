package com.mintreu.engine.license;

import com.mintreu.engine.audit.AuditLog;
import com.mintreu.engine.audit.AuditLog.Actor;
import com.mintreu.engine.db.Tx;
import com.mintreu.engine.entitlement.Entitlement;
import com.mintreu.engine.entitlement.EntitlementView;
import com.mintreu.engine.entitlement.LicenseKeys;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * What entitlements ask of licenses, contributed to the {@code entitlement} feature: keys for
 * granted license entitlements, the key on the owner's page, the license side of a revocation.
 * It uses stores, not {@link LicenseLifecycle}, which itself calls entitlements.
 */
@Singleton
final class LicenseEntitlementKeys implements LicenseKeys {

    private final LicenseService licenses;
    private final LicenseStore store;
    private final LicenseLifecycleStore lifecycle;
    private final AuditLog audit;
    private final LicenseEvents events;
    private final Tx tx;

    @Inject
    LicenseEntitlementKeys(LicenseService licenses, LicenseStore store, LicenseLifecycleStore lifecycle, AuditLog audit, LicenseEvents events,
            Tx tx) {
        this.licenses = licenses;
        this.store = store;
        this.lifecycle = lifecycle;
        this.audit = audit;
        this.events = events;
        this.tx = tx;
    }

    @Override
    public void ensureIssued(Entitlement e, String planId, String schemeId) {
        licenses.ensureIssued(e.id(), e.productId(), planId, e.customerId(), schemeId, e.expiresAt());
    }

    @Override
    public Optional<EntitlementView.LicenseInfo> describe(String entitlementId) {
        return licenses.forEntitlement(entitlementId).map(l -> new EntitlementView.LicenseInfo(l.id(), l.key(), l.status().id(), l.expiresAt()));
    }

    /** Locks the license (the order the lifecycle takes its locks in too), revokes it unless it is, audits it. */
    @Override
    public void revoke(String entitlementId, Actor actor, String reason) {
        tx.useTransaction(h -> {
            Optional<String> id = lifecycle.idByEntitlement(h, entitlementId);
            if (id.isEmpty()) {
                return;
            }
            store.lock(h, id.get());
            License current = lifecycle.byId(h, id.get()).orElseThrow();
            if (current.status() == LicenseStatus.REVOKED) {
                return;
            }
            lifecycle.setStatus(h, current.id(), LicenseStatus.REVOKED);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("from", current.status().id());
            detail.put("to", LicenseStatus.REVOKED.id());
            detail.put("reason", reason);
            detail.put("entitlementId", entitlementId);
            audit.record(h, actor, "license.revoke", LicenseLifecycle.SUBJECT, current.id(), detail);
            events.statusChanged(h, lifecycle.byId(h, current.id()).orElseThrow(), current.status(), reason);
        });
    }
}
