package com.mintreu.engine.license;

import com.mintreu.engine.web.ErrorCode;

/** Why a lifecycle action cannot happen to a license in its current state (409), or could not get a key from its scheme (502). */
public enum LicenseLifecycleError implements ErrorCode {
    LICENSE_REVOKED(409, "The license is revoked; nothing can change it any more"),
    LICENSE_NOT_ACTIVE(409, "Only an active license can be suspended"),
    LICENSE_NOT_SUSPENDED(409, "Only a suspended license can be reinstated"),
    LICENSE_PERPETUAL(409, "The license never expires; there is nothing to renew or extend"),
    TRANSFER_NOT_ALLOWED(409, "The license policy of this plan does not allow transfers"),
    SAME_CUSTOMER(409, "The license already belongs to this customer"),
    LICENSE_CHANGED(409, "The license changed while its new key was being made; reload it and try again"),
    LICENSE_SCHEME_FAILED(502, "The license scheme failed to issue a key; nothing was changed");

    private final int status;
    private final String title;

    LicenseLifecycleError(int status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public String code() {
        return name();
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
