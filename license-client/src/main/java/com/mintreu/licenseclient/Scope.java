package com.mintreu.licenseclient;

import java.util.List;

/**
 * What a validation is about; every field is optional (null). See the engine's license README for
 * the codes each one can produce. Start from {@link #NONE} and use the {@code with…} methods rather
 * than the constructor: fields added to the scope later go here, and callers written this way keep
 * compiling. The whole scope is part of the cache key, so a cached answer for one user (or
 * fingerprint) is never returned for another.
 *
 * @param user the seat holder (an email or account name your app chooses) when the policy limits
 *             users; see {@link LicenseClient#claimSeat(String, String)}
 */
public record Scope(String fingerprint, String product, String version, List<String> entitlements, String user) {

    /** No scope: only the license itself is checked. */
    public static final Scope NONE = new Scope(null, null, null, null, null);

    public Scope {
        entitlements = entitlements == null ? null : List.copyOf(entitlements);
    }

    public Scope withFingerprint(String value) {
        return new Scope(value, product, version, entitlements, user);
    }

    public Scope withProduct(String value) {
        return new Scope(fingerprint, value, version, entitlements, user);
    }

    public Scope withVersion(String value) {
        return new Scope(fingerprint, product, value, entitlements, user);
    }

    public Scope withEntitlements(List<String> value) {
        return new Scope(fingerprint, product, version, value, user);
    }

    /** This with {@code user}, sent as {@code scope.user}: required when the policy sets {@code maxUsers}. */
    public Scope withUser(String value) {
        return new Scope(fingerprint, product, version, entitlements, value);
    }

    boolean isEmpty() {
        return fingerprint == null && product == null && version == null && entitlements == null && user == null;
    }
}
