package com.mintreu.engine.entitlement;

import com.mintreu.engine.audit.AuditLog.Actor;
import java.util.Optional;

/**
 * The license side of {@code license} entitlements, contributed by the {@code license} feature
 * (which depends on this one, never the other way round). Entitlements call it where a license
 * must follow its entitlement: when a paid line is granted, when the owner looks, when the
 * purchase is revoked.
 */
public interface LicenseKeys {

    /**
     * The key of a {@code license} entitlement just granted, issued through the scheme {@code schemeId}
     * unless it has one. Safe to call again; throws when the scheme is not running or fails, so the
     * fulfilment is retried.
     */
    void ensureIssued(Entitlement entitlement, String planId, String schemeId);

    /** The license of an entitlement as its owner sees it; empty when it has none. */
    Optional<EntitlementView.LicenseInfo> describe(String entitlementId);

    /**
     * Revokes the license of an entitlement being revoked, in the revocation's transaction (it joins
     * the caller's, see {@code db.Tx}), audited as {@code actor}'s. No-op without a license or when
     * it is revoked already.
     */
    void revoke(String entitlementId, Actor actor, String reason);
}
