package com.mintreu.engine.license;

import java.util.Locale;

/** Where a license stands; only {@code ACTIVE} validates. */
public enum LicenseStatus {
    ACTIVE, SUSPENDED, REVOKED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static LicenseStatus of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
