package com.mintreu.licenseclient;

import java.util.List;

/**
 * What a validation is about; every field is optional (null). See the engine's license README for
 * the codes each one can produce.
 */
public record Scope(String fingerprint, String product, String version, List<String> entitlements) {

    /** No scope: only the license itself is checked. */
    public static final Scope NONE = new Scope(null, null, null, null);

    public Scope {
        entitlements = entitlements == null ? null : List.copyOf(entitlements);
    }

    public Scope withFingerprint(String value) {
        return new Scope(value, product, version, entitlements);
    }

    public Scope withProduct(String value) {
        return new Scope(fingerprint, value, version, entitlements);
    }

    public Scope withVersion(String value) {
        return new Scope(fingerprint, product, value, entitlements);
    }

    public Scope withEntitlements(List<String> value) {
        return new Scope(fingerprint, product, version, value);
    }

    boolean isEmpty() {
        return fingerprint == null && product == null && version == null && entitlements == null;
    }
}
